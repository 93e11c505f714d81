package com.ezscale.billing.app.migration;

import com.ezscale.billing.migration.WhmcsTerms;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.Date;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * A WHMCS 8 database, read only: the rows a migration maps, each table read by column name (a
 * newer install's extra columns are ignored), over a connection of its own (credentials in the URL
 * or in $EZSCALE_WHMCS_USER and $EZSCALE_WHMCS_PASSWORD). WHMCS stores "no date" as
 * {@code 0000-00-00}: Connector/J is told to read it as null.
 */
public final class WhmcsSource implements AutoCloseable {

    public static final String USER_ENV = "EZSCALE_WHMCS_USER";
    public static final String PASSWORD_ENV = "EZSCALE_WHMCS_PASSWORD";

    public record Currency(long id, String code) {}

    public record ClientGroup(long id, String name, BigDecimal discountPercent, boolean suspendExempt) {}

    public record Client(
            long id,
            String firstName,
            String lastName,
            String company,
            String email,
            String address1,
            String address2,
            String city,
            String state,
            String postcode,
            String country,
            String taxId,
            long currencyId,
            BigDecimal credit,
            boolean taxExempt,
            LocalDate created,
            long groupId,
            String status,
            String gatewayId) {}

    public record ProductGroup(long id, String name) {}

    public record Product(
            long id, long groupId, String name, String payType, String module, boolean prorata, int prorataDay) {}

    public record Pricing(long productId, long currencyId, WhmcsTerms.PricingRow row) {}

    public record Server(long id, String module) {}

    public record Service(
            long id,
            long clientId,
            long productId,
            long serverId,
            LocalDate registered,
            String domain,
            String cycle,
            BigDecimal amount,
            LocalDate nextDueDate,
            LocalDate nextInvoiceDate,
            LocalDate terminated,
            String status,
            String dedicatedIp,
            String assignedIps) {}

    public record Addon(long id, String name) {}

    /** A {@code tblhostingaddons} row: an add-on of a service, billed on its own cycle. */
    public record HostingAddon(
            long id,
            long serviceId,
            long addonId,
            long clientId,
            String name,
            BigDecimal setupFee,
            BigDecimal recurring,
            String cycle,
            String status,
            LocalDate registered,
            LocalDate nextDueDate,
            LocalDate terminated) {}

    /** A {@code tblpromotions} row: {@code appliesTo} and {@code cycles} are WHMCS's comma lists. */
    public record Promotion(
            long id,
            String code,
            String type,
            boolean recurring,
            BigDecimal value,
            String cycles,
            String appliesTo,
            LocalDate start,
            LocalDate expires,
            int maxUses,
            boolean oncePerClient,
            int recurFor,
            boolean newSignups) {}

    public record Tax(long id, int level, String name, String state, String country, BigDecimal rate) {}

    public record CreditEntry(long id, long clientId, LocalDate date, String description, BigDecimal amount) {}

    public record Invoice(
            long id,
            long clientId,
            String number,
            LocalDate date,
            LocalDate dueDate,
            LocalDate paidDate,
            BigDecimal subtotal,
            BigDecimal credit,
            BigDecimal tax,
            BigDecimal tax2,
            BigDecimal total,
            BigDecimal taxRate,
            BigDecimal taxRate2,
            String status) {}

    public record InvoiceItem(
            long id,
            long invoiceId,
            String type,
            long relId,
            String description,
            BigDecimal amount,
            LocalDate dueDate) {}

    /** A {@code tblaccounts} row: money in (a payment) or out (a refund, {@code refundId} naming the payment). */
    public record Transaction(
            long id,
            long clientId,
            String gateway,
            LocalDate date,
            BigDecimal amountIn,
            BigDecimal fees,
            BigDecimal amountOut,
            String transactionId,
            long invoiceId,
            long refundId) {}

    private final Connection connection;

    private WhmcsSource(Connection connection) {
        this.connection = connection;
    }

    /** Opens {@code jdbcUrl} read-only. */
    public static WhmcsSource open(String jdbcUrl) {
        if (jdbcUrl == null || !jdbcUrl.startsWith("jdbc:mysql://") && !jdbcUrl.startsWith("jdbc:mariadb://")) {
            throw new IllegalArgumentException(
                    "--source must be a MySQL JDBC URL (jdbc:mysql://host:3306/whmcs), not '" + jdbcUrl + "'");
        }
        Properties properties = new Properties();
        String user = System.getenv(USER_ENV);
        String password = System.getenv(PASSWORD_ENV);
        if (user != null && !user.isBlank()) {
            properties.setProperty("user", user);
            properties.setProperty("password", password == null ? "" : password);
        }
        properties.setProperty("zeroDateTimeBehavior", "CONVERT_TO_NULL");
        properties.setProperty("connectTimeout", "10000");
        try {
            Connection c = DriverManager.getConnection(jdbcUrl.replace("jdbc:mariadb://", "jdbc:mysql://"), properties);
            c.setReadOnly(true);
            try (Statement s = c.createStatement()) {
                s.execute("SET SESSION TRANSACTION READ ONLY");
            }
            return new WhmcsSource(c);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the WHMCS database: " + e.getMessage(), e);
        }
    }

    public List<Currency> currencies() {
        return query(
                "SELECT id, code FROM tblcurrencies ORDER BY id",
                r -> new Currency(r.getLong("id"), r.getString("code")));
    }

    public List<ClientGroup> clientGroups() {
        return query(
                "SELECT id, groupname, discountpercent, susptermexempt FROM tblclientgroups ORDER BY id",
                r -> new ClientGroup(
                        r.getLong("id"),
                        r.getString("groupname"),
                        r.getBigDecimal("discountpercent"),
                        "on".equalsIgnoreCase(r.getString("susptermexempt"))));
    }

    public List<Client> clients() {
        return query(
                "SELECT id, firstname, lastname, companyname, email, address1, address2, city, state, postcode, country,"
                        + " tax_id, currency, credit, taxexempt, datecreated, groupid, status, gatewayid FROM tblclients"
                        + " ORDER BY id",
                r -> new Client(
                        r.getLong("id"),
                        r.getString("firstname"),
                        r.getString("lastname"),
                        r.getString("companyname"),
                        r.getString("email"),
                        r.getString("address1"),
                        r.getString("address2"),
                        r.getString("city"),
                        r.getString("state"),
                        r.getString("postcode"),
                        r.getString("country"),
                        r.getString("tax_id"),
                        r.getLong("currency"),
                        r.getBigDecimal("credit"),
                        r.getBoolean("taxexempt"),
                        date(r, "datecreated"),
                        r.getLong("groupid"),
                        r.getString("status"),
                        r.getString("gatewayid")));
    }

    public List<ProductGroup> productGroups() {
        return query(
                "SELECT id, name FROM tblproductgroups ORDER BY id",
                r -> new ProductGroup(r.getLong("id"), r.getString("name")));
    }

    public List<Product> products() {
        return query(
                "SELECT id, gid, name, paytype, servertype, proratabilling, proratadate FROM tblproducts ORDER BY id",
                r -> new Product(
                        r.getLong("id"),
                        r.getLong("gid"),
                        r.getString("name"),
                        r.getString("paytype"),
                        r.getString("servertype"),
                        r.getBoolean("proratabilling"),
                        r.getInt("proratadate")));
    }

    public List<Pricing> productPricing() {
        return query(
                "SELECT relid, currency, monthly, quarterly, semiannually, annually, biennially, triennially, msetupfee,"
                        + " qsetupfee, ssetupfee, asetupfee, bsetupfee, tsetupfee FROM tblpricing WHERE type = 'product'"
                        + " ORDER BY relid, currency",
                r -> new Pricing(
                        r.getLong("relid"),
                        r.getLong("currency"),
                        new WhmcsTerms.PricingRow(
                                r.getBigDecimal("monthly"),
                                r.getBigDecimal("quarterly"),
                                r.getBigDecimal("semiannually"),
                                r.getBigDecimal("annually"),
                                r.getBigDecimal("biennially"),
                                r.getBigDecimal("triennially"),
                                r.getBigDecimal("msetupfee"),
                                r.getBigDecimal("qsetupfee"),
                                r.getBigDecimal("ssetupfee"),
                                r.getBigDecimal("asetupfee"),
                                r.getBigDecimal("bsetupfee"),
                                r.getBigDecimal("tsetupfee"))));
    }

    public List<Server> servers() {
        return query(
                "SELECT id, type FROM tblservers ORDER BY id", r -> new Server(r.getLong("id"), r.getString("type")));
    }

    public List<Service> services() {
        return query(
                "SELECT id, userid, packageid, server, regdate, domain, billingcycle, amount, nextduedate, nextinvoicedate,"
                        + " termination_date, domainstatus, dedicatedip, assignedips FROM tblhosting ORDER BY id",
                r -> new Service(
                        r.getLong("id"),
                        r.getLong("userid"),
                        r.getLong("packageid"),
                        r.getLong("server"),
                        date(r, "regdate"),
                        r.getString("domain"),
                        r.getString("billingcycle"),
                        r.getBigDecimal("amount"),
                        date(r, "nextduedate"),
                        date(r, "nextinvoicedate"),
                        date(r, "termination_date"),
                        r.getString("domainstatus"),
                        r.getString("dedicatedip"),
                        r.getString("assignedips")));
    }

    /**
     * The due date of the last period WHMCS invoiced for each service: its latest {@code Hosting}
     * invoice item on an invoice that was not cancelled.
     */
    public Map<Long, LocalDate> lastInvoicedPeriods() {
        return lastInvoiced("Hosting");
    }

    /** The same for the add-ons of services: their latest {@code Addon} item. */
    public Map<Long, LocalDate> lastInvoicedAddonPeriods() {
        return lastInvoiced("Addon");
    }

    private Map<Long, LocalDate> lastInvoiced(String itemType) {
        Map<Long, LocalDate> last = new HashMap<>();
        query(
                "SELECT ii.relid, MAX(ii.duedate) AS last_due FROM tblinvoiceitems ii JOIN tblinvoices i ON i.id = ii.invoiceid"
                        + " WHERE ii.type = ? AND i.status <> 'Cancelled' AND ii.duedate IS NOT NULL GROUP BY ii.relid",
                r -> last.put(r.getLong("relid"), date(r, "last_due")),
                itemType);
        return last;
    }

    public List<Promotion> promotions() {
        return query(
                "SELECT id, code, type, recurring, value, cycles, appliesto, startdate, expirationdate, maxuses, onceperclient,"
                        + " recurfor, newsignups FROM tblpromotions ORDER BY id",
                r -> new Promotion(
                        r.getLong("id"),
                        r.getString("code"),
                        r.getString("type"),
                        r.getInt("recurring") == 1,
                        r.getBigDecimal("value"),
                        r.getString("cycles"),
                        r.getString("appliesto"),
                        date(r, "startdate"),
                        date(r, "expirationdate"),
                        r.getInt("maxuses"),
                        r.getInt("onceperclient") == 1,
                        r.getInt("recurfor"),
                        r.getInt("newsignups") == 1));
    }

    /** The promotion each service was ordered with ({@code tblhosting.promoid}, 0: none). */
    public Map<Long, Long> servicePromotions() {
        Map<Long, Long> promos = new HashMap<>();
        query(
                "SELECT id, promoid FROM tblhosting WHERE promoid <> 0",
                r -> promos.put(r.getLong("id"), r.getLong("promoid")));
        return promos;
    }

    public List<Addon> addons() {
        return query(
                "SELECT id, name FROM tbladdons ORDER BY id", r -> new Addon(r.getLong("id"), r.getString("name")));
    }

    public List<HostingAddon> hostingAddons() {
        return query(
                "SELECT id, hostingid, addonid, userid, name, setupfee, recurring, billingcycle, status, regdate, nextduedate,"
                        + " termination_date FROM tblhostingaddons ORDER BY id",
                r -> new HostingAddon(
                        r.getLong("id"),
                        r.getLong("hostingid"),
                        r.getLong("addonid"),
                        r.getLong("userid"),
                        r.getString("name"),
                        r.getBigDecimal("setupfee"),
                        r.getBigDecimal("recurring"),
                        r.getString("billingcycle"),
                        r.getString("status"),
                        date(r, "regdate"),
                        date(r, "nextduedate"),
                        date(r, "termination_date")));
    }

    /** Custom field values of services whose field is named {@code fieldName} (e.g. the panel's server id). */
    public Map<Long, String> serviceFieldValues(String fieldName) {
        Map<Long, String> values = new HashMap<>();
        query(
                "SELECT v.relid, v.value FROM tblcustomfieldsvalues v JOIN tblcustomfields f ON f.id = v.fieldid"
                        + " WHERE f.type = 'product' AND f.fieldname = ?",
                r -> values.put(r.getLong("relid"), r.getString("value")),
                fieldName);
        return values;
    }

    public List<Tax> taxes() {
        return query(
                "SELECT id, level, name, state, country, taxrate FROM tbltax ORDER BY id",
                r -> new Tax(
                        r.getLong("id"),
                        r.getInt("level"),
                        r.getString("name"),
                        r.getString("state"),
                        r.getString("country"),
                        r.getBigDecimal("taxrate")));
    }

    /** A {@code tblupgrades} row: a service's product or cycle changed (type package), or its options. */
    public record Upgrade(
            long id,
            long clientId,
            String type,
            LocalDate date,
            long relId,
            String originalValue,
            String newValue,
            String newCycle,
            BigDecimal amount,
            BigDecimal creditAmount,
            int daysRemaining,
            int totalDays,
            BigDecimal newRecurring,
            String status,
            String paid) {}

    public List<Upgrade> upgrades() {
        return query(
                "SELECT id, userid, type, date, relid, originalvalue, newvalue, new_cycle, amount, credit_amount,"
                        + " days_remaining, total_days_in_cycle, new_recurring_amount, status, paid FROM tblupgrades"
                        + " ORDER BY id",
                r -> new Upgrade(
                        r.getLong("id"),
                        r.getLong("userid"),
                        r.getString("type"),
                        date(r, "date"),
                        r.getLong("relid"),
                        r.getString("originalvalue"),
                        r.getString("newvalue"),
                        r.getString("new_cycle"),
                        r.getBigDecimal("amount"),
                        r.getBigDecimal("credit_amount"),
                        r.getInt("days_remaining"),
                        r.getInt("total_days_in_cycle"),
                        r.getBigDecimal("new_recurring_amount"),
                        r.getString("status"),
                        r.getString("paid")));
    }

    public List<CreditEntry> credits() {
        return query(
                "SELECT id, clientid, date, description, amount FROM tblcredit ORDER BY id",
                r -> new CreditEntry(
                        r.getLong("id"),
                        r.getLong("clientid"),
                        date(r, "date"),
                        r.getString("description"),
                        r.getBigDecimal("amount")));
    }

    public List<Invoice> invoices() {
        return query(
                "SELECT id, userid, invoicenum, date, duedate, datepaid, subtotal, credit, tax, tax2, total, taxrate,"
                        + " taxrate2, status FROM tblinvoices ORDER BY id",
                r -> new Invoice(
                        r.getLong("id"),
                        r.getLong("userid"),
                        r.getString("invoicenum"),
                        date(r, "date"),
                        date(r, "duedate"),
                        date(r, "datepaid"),
                        r.getBigDecimal("subtotal"),
                        r.getBigDecimal("credit"),
                        r.getBigDecimal("tax"),
                        r.getBigDecimal("tax2"),
                        r.getBigDecimal("total"),
                        r.getBigDecimal("taxrate"),
                        r.getBigDecimal("taxrate2"),
                        r.getString("status")));
    }

    public List<InvoiceItem> invoiceItems() {
        return query(
                "SELECT id, invoiceid, type, relid, description, amount, duedate FROM tblinvoiceitems ORDER BY invoiceid, id",
                r -> new InvoiceItem(
                        r.getLong("id"),
                        r.getLong("invoiceid"),
                        r.getString("type"),
                        r.getLong("relid"),
                        r.getString("description"),
                        r.getBigDecimal("amount"),
                        date(r, "duedate")));
    }

    public List<Transaction> transactions() {
        return query(
                "SELECT id, userid, gateway, date, amountin, fees, amountout, transid, invoiceid, refundid FROM tblaccounts"
                        + " ORDER BY id",
                r -> new Transaction(
                        r.getLong("id"),
                        r.getLong("userid"),
                        r.getString("gateway"),
                        date(r, "date"),
                        r.getBigDecimal("amountin"),
                        r.getBigDecimal("fees"),
                        r.getBigDecimal("amountout"),
                        r.getString("transid"),
                        r.getLong("invoiceid"),
                        r.getLong("refundid")));
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            // nothing was written through it
        }
    }

    private interface RowReader<T> {
        T read(ResultSet r) throws SQLException;
    }

    /** Every row of {@code sql} (its {@code ?} bound to {@code args} in order), each as {@code reader} reads it. */
    /**
     * Every row of {@code sql}, streamed from the server row by row (the driver would otherwise hold
     * the whole result, ~600,000 rows for a large book's invoices, beside the records made of it:
     * seconds of garbage collection in the read).
     */
    private <T> List<T> query(String sql, RowReader<T> reader, String... args) {
        try (PreparedStatement s =
                connection.prepareStatement(sql, ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY)) {
            s.setFetchSize(Integer.MIN_VALUE);
            for (int i = 0; i < args.length; i++) {
                s.setString(i + 1, args[i]);
            }
            try (ResultSet r = s.executeQuery()) {
                List<T> rows = new ArrayList<>();
                while (r.next()) {
                    rows.add(reader.read(r));
                }
                return rows;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("reading WHMCS failed (" + e.getMessage() + ") in: " + sql, e);
        }
    }

    /**
     * A DATE or DATETIME column's day; WHMCS's {@code 0000-00-00} is none. Read from the text the server
     * sent ({@code 2025-03-01}, or with a time after it), as bytes: {@code getDate} built a
     * {@code Calendar} for every value and, for a DATETIME, formatted a precision warning too, and
     * {@code getString} took twice as long again (591,000 invoices' three dates: 1.2 s and 2.4 s
     * against 0.15 s). Anything else (a binary row, {@code 2025-00-00} without strict mode) goes
     * through the driver as before.
     */
    static LocalDate date(ResultSet r, String column) throws SQLException {
        byte[] text = r.getBytes(column);
        if (text == null) {
            return null;
        }
        if (text.length >= 10
                && text[4] == '-'
                && text[7] == '-'
                && (text.length == 10 || text[10] == ' ' || text[10] == 'T')) {
            int year = digits(text, 0, 4);
            int month = digits(text, 5, 2);
            int day = digits(text, 8, 2);
            if (year == 0 && month == 0 && day == 0) {
                return null;
            }
            if (year > 0 && month > 0 && day > 0) {
                try {
                    return LocalDate.of(year, month, day);
                } catch (java.time.DateTimeException e) {
                    // no such day: the driver decides, as it did
                }
            }
        }
        Date d = r.getDate(column);
        return d == null ? null : d.toLocalDate();
    }

    /** The number written in ASCII digits at {@code text[from, from + count)}; -1 if any is no digit. */
    private static int digits(byte[] text, int from, int count) {
        int value = 0;
        for (int k = from; k < from + count; k++) {
            int digit = text[k] - '0';
            if (digit < 0 || digit > 9) {
                return -1;
            }
            value = value * 10 + digit;
        }
        return value;
    }
}
