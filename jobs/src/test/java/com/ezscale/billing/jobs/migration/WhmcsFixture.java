package com.ezscale.billing.jobs.migration;

import com.ezscale.billing.period.BillingCycle;
import com.ezscale.billing.period.ServiceSchedule;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Date;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * A WHMCS 8 database for tests: WHMCS's own tables ({@code whmcs/whmcs-schema.sql}, as a WHMCS 8
 * install defines them, {@code 0000-00-00} defaults included) filled with a generated book as
 * WHMCS would have left it on {@code asOf}: three currencies, client groups (a discount, a
 * suspension exemption), products on each panel module, a one-time and a free product, a prorata
 * product, pricing in all six cycles with cycles not offered ({@code -1}), tax levels 1 and 2,
 * clients active, inactive and closed, services in every cycle and status (some at a price of
 * their own), their IPs and panel ids, invoices for every period WHMCS's cron generated up to the
 * day before {@code asOf} (14 days ahead, WHMCS's default), paid or not, and credit added and
 * used. A few rows are wrong on purpose, as real books have them: a client whose e-mail is not
 * one, a service with a cycle WHMCS 8 does not have, an IP that is not one.
 */
public final class WhmcsFixture {

    public static final int INVOICE_DAYS_BEFORE = 14;

    /** What the generator knows of a service it wrote, for tests to compare against. */
    public record GeneratedService(
            long id, long clientId, BillingCycle cycle, String status, LocalDate lastInvoiced, LocalDate nextInvoice) {}

    private static final String[] CURRENCIES = {"USD", "EUR", "GBP"};
    private static final String[] COUNTRIES = {"US", "DE", "GB", "CA", "FR", "NL"};
    private static final String[][] CYCLES = {
        {"Monthly", "MONTHLY"},
        {"Quarterly", "QUARTERLY"},
        {"Semi-Annually", "SEMI_ANNUALLY"},
        {"Annually", "ANNUALLY"},
        {"Biennially", "BIENNIALLY"},
        {"Triennially", "TRIENNIALLY"}
    };

    /** Products: id, group, name, paytype, server, prorata day (0: none), monthly USD price. */
    private static final Object[][] PRODUCTS = {
        {1, 1, "VPS S", "recurring", 1, 0, "10.00"},
        {2, 1, "VPS L", "recurring", 1, 1, "40.00"},
        {3, 2, "Dedicated E3", "recurring", 2, 0, "120.00"},
        {4, 3, "Minecraft 4 GB", "recurring", 3, 0, "12.00"},
        {5, 4, "Web Basic", "recurring", 4, 0, "5.00"},
        {6, 2, "Rack setup", "onetime", 0, 0, "150.00"},
        {7, 4, "DNS hosting", "free", 0, 0, "0.00"}
    };

    /** A service or add-on WHMCS goes on invoicing after the book was generated (the parallel run). */
    private static final class Billed {
        final long id;
        final long clientId;
        final String type;
        final String product;
        final LocalDate regdate;
        final int prorataDay;
        final BillingCycle cycle;
        BigDecimal amount;
        LocalDate lastInvoiced;

        Billed(
                long id,
                long clientId,
                String type,
                String product,
                LocalDate regdate,
                int prorataDay,
                BillingCycle cycle,
                BigDecimal amount,
                LocalDate lastInvoiced) {
            this.id = id;
            this.clientId = clientId;
            this.type = type;
            this.product = product;
            this.regdate = regdate;
            this.prorataDay = prorataDay;
            this.cycle = cycle;
            this.amount = amount;
            this.lastInvoiced = lastInvoiced;
        }
    }

    private final List<Billed> billed = new ArrayList<>();
    /** Per client, WHMCS's level-1 and level-2 rates for its country and state (none if tax exempt). */
    private final Map<Long, BigDecimal[]> clientTax = new HashMap<>();

    private long lastServiceId;
    private final List<GeneratedService> services = new ArrayList<>();
    private final List<GeneratedService> addons = new ArrayList<>();
    private long addonRowId;
    private final LocalDate asOf;
    private final Random random;
    private long invoiceId;
    private long itemId;
    private long accountId;
    private int servicesPerClient;
    private int minAgeDays = 400;

    private WhmcsFixture(LocalDate asOf, long seed) {
        this.asOf = asOf;
        this.random = new Random(seed);
    }

    public List<GeneratedService> services() {
        return services;
    }

    /** The add-ons of services ({@code tblhostingaddons}), by their own ids. */
    public List<GeneratedService> addons() {
        return addons;
    }

    /** Creates WHMCS's tables in the (empty) database at {@code url} and fills them with {@code clients} clients. */
    public static WhmcsFixture create(String url, int clients, LocalDate asOf, long seed) {
        return create(url, clients, 0, 400, asOf, seed);
    }

    /**
     * {@code servicesPerClient} services per client (0: one to three), each client created between
     * {@code minAgeDays} and twice that before {@code asOf} (the longer, the more invoices).
     */
    public static WhmcsFixture create(
            String url, int clients, int servicesPerClient, int minAgeDays, LocalDate asOf, long seed) {
        WhmcsFixture fixture = new WhmcsFixture(asOf, seed);
        fixture.servicesPerClient = servicesPerClient;
        fixture.minAgeDays = minAgeDays;
        try (Connection c = DriverManager.getConnection(url)) {
            try (Statement s = c.createStatement()) {
                // WHMCS runs without strict mode: its NOT NULL text columns default to '' and its dates to 0000-00-00
                s.execute("SET SESSION sql_mode = ''");
                for (String ddl : schema().split(";\\s*\\n")) {
                    if (ddl.contains("CREATE TABLE")) {
                        s.execute(ddl);
                    }
                }
            }
            c.setAutoCommit(false);
            fixture.fill(c, clients);
            c.commit();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot build the WHMCS fixture: " + e.getMessage(), e);
        }
        return fixture;
    }

    private static String schema() {
        try (InputStream in = WhmcsFixture.class.getResourceAsStream("/whmcs/whmcs-schema.sql")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private void fill(Connection c, int clients) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("SET SESSION sql_mode = ''");
            s.execute("INSERT INTO tblcurrencies (id, code, prefix, suffix, format, rate, `default`) VALUES"
                    + " (1, 'USD', '$', ' USD', 1, 1, 1), (2, 'EUR', '', ' EUR', 3, 0.92, 0),"
                    + " (3, 'GBP', '£', ' GBP', 1, 0.79, 0)");
            s.execute("INSERT INTO tblclientgroups (id, groupname, groupcolour, discountpercent, susptermexempt,"
                    + " separateinvoices) VALUES (1, 'Resellers', '#ccc', 10.00, 'on', ''),"
                    + " (2, 'Staff & friends', '#eee', 0.00, '', '')");
            s.execute("INSERT INTO tblproductgroups (id, name, slug) VALUES (1, 'VPS', 'vps'),"
                    + " (2, 'Dedicated servers', 'dedicated'), (3, 'Game servers', 'game'), (4, 'Web hosting', 'web')");
            s.execute("INSERT INTO tblservers (id, name, type, active) VALUES (1, 'vf1', 'virtfusion', 1),"
                    + " (2, 'scp1', 'synergycp', 1), (3, 'ptero1', 'pterodactyl', 1), (4, 'enh1', 'enhance', 1)");
            s.execute("INSERT INTO tbltax (id, level, name, state, country, taxrate) VALUES"
                    + " (1, 1, 'VAT', '', 'DE', 19.000), (2, 1, 'Sales tax', 'Texas', 'US', 6.250),"
                    + " (3, 1, 'GST', '', 'CA', 5.000), (4, 2, 'QST', 'Quebec', 'CA', 9.975),"
                    + " (5, 1, 'VAT', '', 'GB', 20.000)");
            s.execute("INSERT INTO tblpromotions (id, code, type, recurring, value, cycles, appliesto, startdate,"
                    + " expirationdate, maxuses, uses, onceperclient, recurfor, newsignups) VALUES"
                    + " (1, 'WELCOME10', 'Percentage', 1, 10.00, '', '1,2', '2024-01-01', NULL, 0, 12, 1, 3, 0),"
                    + " (2, 'fiver', 'Fixed Amount', 0, 5.00, '', '', '2024-01-01', '2027-12-31', 100, 3, 0, 0, 0),"
                    + " (3, 'LOYAL', 'Percentage', 1, 15.00, 'Annually,Biennially', '', '2024-01-01', NULL, 0, 0, 0, 0,"
                    + " 1), (4, 'VPS5', 'Price Override', 1, 5.00, '', '1', '2024-01-01', NULL, 0, 0, 0, 0, 0),"
                    + " (5, 'FREESETUP', 'Free Setup', 0, 0.00, '', '3', '2024-01-01', NULL, 0, 0, 0, 0, 0)");
            s.execute(
                    "INSERT INTO tbladdons (id, packages, name, description, billingcycle, tax, showorder, downloads,"
                            + " autoactivate, suspendproduct, welcomeemail, autolinkby) VALUES (1, '1,2,3', 'Extra IPv4', '',"
                            + " 'Monthly', 1, 1, '', '', 1, 0, ''), (2, '1,2', 'Backups', '', 'Monthly', 1, 1, '', '', 1, 0, '')");
            s.execute("INSERT INTO tblcustomfields (id, type, relid, fieldname, fieldtype) VALUES"
                    + " (1, 'product', 0, 'Server ID', 'text'), (2, 'client', 0, 'Discord', 'text')");
        }
        products(c);
        clients(c, clients);
        upgrades(c);
    }

    /** The WHMCS services upgraded (VPS S to Minecraft 4 GB the day before asOf), for the tests. */
    public List<Long> upgradedServices() {
        return upgraded;
    }

    private final List<Long> upgraded = new ArrayList<>();

    /**
     * Two running monthly VPS S services upgraded to Minecraft 4 GB the day before {@code asOf}, as
     * WHMCS does it: the service on its new product and price, an upgrade row with WHMCS's
     * proration (credit of the old price, charge of the new, for the days left), its paid invoice
     * with one Upgrade item; and one upgrade WHMCS never completed.
     */
    private void upgrades(Connection c) throws SQLException {
        LocalDate day = asOf.minusDays(1);
        List<GeneratedService> candidates = services.stream()
                .filter(s -> s.status().equals("Active")
                        && s.cycle() == BillingCycle.MONTHLY
                        && productOf(s.id(), s.clientId()) == 1
                        && s.id() % 10 != 3
                        && s.lastInvoiced() != null
                        && !s.lastInvoiced().isAfter(day.minusDays(1)))
                .limit(3)
                .toList();
        try (PreparedStatement p = c.prepareStatement("INSERT INTO tblupgrades (id, userid, orderid, type, date, relid,"
                        + " originalvalue, newvalue, new_cycle, amount, credit_amount, days_remaining, total_days_in_cycle,"
                        + " new_recurring_amount, recurringchange, status, paid) VALUES (?, ?, 0, 'package', ?, ?, '1',"
                        + " '4,monthly', 'monthly', ?, ?, ?, ?, ?, ?, ?, ?)");
                PreparedStatement service =
                        c.prepareStatement("UPDATE tblhosting SET packageid = 4, amount = ? WHERE id = ?");
                PreparedStatement invoice = c.prepareStatement("INSERT INTO tblinvoices (id, userid, invoicenum, date,"
                        + " duedate, datepaid, subtotal, credit, tax, tax2, total, status, paymentmethod) VALUES (?, ?, '',"
                        + " ?, ?, ?, ?, 0, 0, 0, ?, 'Paid', 'stripe')");
                PreparedStatement item = c.prepareStatement("INSERT INTO tblinvoiceitems (id, invoiceid, userid, type,"
                        + " relid, description, amount, taxed, duedate, paymentmethod) VALUES (?, ?, ?, 'Upgrade', ?, ?,"
                        + " ?, 0, ?, 'stripe')");
                PreparedStatement account = c.prepareStatement("INSERT INTO tblaccounts (id, userid, currency, gateway,"
                        + " date, description, amountin, fees, amountout, transid, invoiceid, refundid) VALUES (?, ?, 0,"
                        + " 'stripe', ?, 'Invoice Payment', ?, 0, 0, ?, ?, 0)")) {
            for (int k = 0; k < candidates.size(); k++) {
                GeneratedService s = candidates.get(k);
                int currency = s.clientId() % 20 < 12 ? 1 : s.clientId() % 20 < 17 ? 2 : 3;
                BigDecimal from = listedPrice(1, currency, BillingCycle.MONTHLY);
                BigDecimal to = listedPrice(4, currency, BillingCycle.MONTHLY);
                Billed b = billed.stream()
                        .filter(x -> x.type.equals("Hosting") && x.id == s.id())
                        .findFirst()
                        .orElseThrow();
                LocalDate next = nextStart(b.regdate, 0, BillingCycle.MONTHLY, s.lastInvoiced());
                long left = next.toEpochDay() - day.toEpochDay();
                long total = next.toEpochDay() - s.lastInvoiced().toEpochDay();
                BigDecimal credit = from.multiply(BigDecimal.valueOf(left))
                        .divide(BigDecimal.valueOf(total), 2, RoundingMode.HALF_UP);
                BigDecimal charge = to.multiply(BigDecimal.valueOf(left))
                        .divide(BigDecimal.valueOf(total), 2, RoundingMode.HALF_UP);
                boolean completed = k < 2;
                p.setInt(1, k + 1);
                p.setLong(2, s.clientId());
                p.setDate(3, Date.valueOf(day));
                p.setLong(4, s.id());
                p.setBigDecimal(5, charge.subtract(credit));
                p.setBigDecimal(6, credit);
                p.setLong(7, left);
                p.setLong(8, total);
                p.setBigDecimal(9, to);
                p.setBigDecimal(10, to.subtract(from));
                p.setString(11, completed ? "Completed" : "Pending");
                p.setString(12, completed ? "Y" : "N");
                p.addBatch();
                if (!completed) {
                    continue;
                }
                upgraded.add(s.id());
                b.amount = to;
                service.setBigDecimal(1, to);
                service.setLong(2, s.id());
                service.addBatch();
                long invoiceNo = ++invoiceId;
                invoice.setLong(1, invoiceNo);
                invoice.setLong(2, s.clientId());
                invoice.setDate(3, Date.valueOf(day));
                invoice.setDate(4, Date.valueOf(day));
                invoice.setString(5, day + " 10:00:00");
                invoice.setBigDecimal(6, charge.subtract(credit));
                invoice.setBigDecimal(7, charge.subtract(credit));
                invoice.addBatch();
                item.setLong(1, ++itemId);
                item.setLong(2, invoiceNo);
                item.setLong(3, s.clientId());
                item.setLong(4, k + 1);
                item.setString(5, "Upgrade: VPS S => Minecraft 4 GB (" + day + " - " + next.minusDays(1) + ")");
                item.setBigDecimal(6, charge.subtract(credit));
                item.setDate(7, Date.valueOf(day));
                item.addBatch();
                account.setLong(1, ++accountId);
                account.setLong(2, s.clientId());
                account.setString(3, day + " 12:00:00");
                account.setBigDecimal(4, charge.subtract(credit));
                account.setString(5, "ch_" + accountId);
                account.setLong(6, invoiceNo);
                account.addBatch();
            }
            p.executeBatch();
            service.executeBatch();
            invoice.executeBatch();
            item.executeBatch();
            account.executeBatch();
        }
    }

    private static int productOf(long serviceId, long clientId) {
        return (int) PRODUCTS[(int) ((serviceId * 7 + clientId) % PRODUCTS.length)][0];
    }

    private void products(Connection c) throws SQLException {
        try (PreparedStatement p =
                        c.prepareStatement("INSERT INTO tblproducts (id, type, gid, name, paytype, servertype,"
                                + " proratabilling, proratadate) VALUES (?, 'other', ?, ?, ?, ?, ?, ?)");
                PreparedStatement price = c.prepareStatement("INSERT INTO tblpricing (type, currency, relid, msetupfee,"
                        + " qsetupfee, ssetupfee, asetupfee, bsetupfee, tsetupfee, monthly, quarterly, semiannually,"
                        + " annually, biennially, triennially) VALUES ('product', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
                        + " ?, ?)")) {
            for (Object[] product : PRODUCTS) {
                int id = (int) product[0];
                int server = (int) product[4];
                p.setInt(1, id);
                p.setInt(2, (int) product[1]);
                p.setString(3, (String) product[2]);
                p.setString(4, (String) product[3]);
                p.setString(
                        5,
                        server == 0
                                ? ""
                                : new String[] {"", "virtfusion", "synergycp", "pterodactyl", "enhance"}[server]);
                p.setInt(6, (int) product[5] > 0 ? 1 : 0);
                p.setInt(7, (int) product[5]);
                p.addBatch();
                for (int currency = 1; currency <= 3; currency++) {
                    BigDecimal monthly = new BigDecimal((String) product[6])
                            .multiply(new BigDecimal(new String[] {"", "1", "0.9", "0.8"}[currency]))
                            .setScale(2, RoundingMode.HALF_UP);
                    BigDecimal setup = id == 3 ? new BigDecimal("99.00") : BigDecimal.ZERO.setScale(2);
                    price.setInt(1, currency);
                    price.setInt(2, id);
                    for (int k = 0; k < 6; k++) {
                        price.setBigDecimal(3 + k, setup);
                    }
                    int[] months = {1, 3, 6, 12, 24, 36};
                    for (int k = 0; k < 6; k++) {
                        // VPS S is not offered triennially; Minecraft only monthly and quarterly
                        boolean offered = !(id == 1 && k == 5) && !(id == 4 && k > 1);
                        price.setBigDecimal(
                                9 + k,
                                offered
                                        ? monthly.multiply(BigDecimal.valueOf(months[k]))
                                                .multiply(k == 0 ? BigDecimal.ONE : new BigDecimal("0.95"))
                                                .setScale(2, RoundingMode.HALF_UP)
                                        : new BigDecimal("-1.00"));
                    }
                    price.addBatch();
                }
            }
            p.executeBatch();
            price.executeBatch();
        }
    }

    private void clients(Connection c, int count) throws SQLException {
        Writers w = new Writers();
        try (PreparedStatement client = c.prepareStatement("INSERT INTO tblclients (id, firstname, lastname,"
                        + " companyname, email, address1, address2, city, state, postcode, country, tax_id, currency,"
                        + " credit, taxexempt, datecreated, groupid, status, gatewayid) VALUES (?, ?, ?, ?, ?, ?, '', ?,"
                        + " ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
                PreparedStatement service = c.prepareStatement("INSERT INTO tblhosting (id, userid, orderid, packageid,"
                        + " server, regdate, domain, paymentmethod, amount, billingcycle, nextduedate, nextinvoicedate,"
                        + " termination_date, domainstatus, dedicatedip, assignedips, promoid) VALUES (?, ?, 0, ?, ?, ?,"
                        + " ?, 'stripe', ?, ?, ?, ?, ?, ?, ?, ?, ?)");
                PreparedStatement field = c.prepareStatement(
                        "INSERT INTO tblcustomfieldsvalues (fieldid, relid, value) VALUES (1, ?, ?)");
                PreparedStatement invoice = c.prepareStatement("INSERT INTO tblinvoices (id, userid, invoicenum, date,"
                        + " duedate, datepaid, subtotal, credit, tax, tax2, total, status, paymentmethod) VALUES (?, ?,"
                        + " '', ?, ?, ?, ?, ?, 0, 0, ?, ?, 'stripe')");
                PreparedStatement item = c.prepareStatement("INSERT INTO tblinvoiceitems (id, invoiceid, userid, relid,"
                        + " description, amount, duedate, type, taxed, paymentmethod) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0,"
                        + " 'stripe')");
                PreparedStatement credit = c.prepareStatement(
                        "INSERT INTO tblcredit (clientid, date, description, amount) VALUES (?, ?, ?, ?)");
                PreparedStatement addon = c.prepareStatement(
                        "INSERT INTO tblhostingaddons (id, hostingid, addonid, userid,"
                                + " name, recurring, billingcycle, status, regdate, nextduedate, nextinvoicedate, termination_date,"
                                + " tax, paymentmethod, notes) VALUES (?, ?, ?, ?, ?, ?, 'Monthly', ?, ?, ?, ?, ?, '', 'stripe', '')");
                PreparedStatement account = c.prepareStatement("INSERT INTO tblaccounts (id, userid, currency, gateway,"
                        + " date, description, amountin, fees, amountout, transid, invoiceid, refundid) VALUES (?, ?, 0,"
                        + " ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            w.service = service;
            w.field = field;
            w.invoice = invoice;
            w.item = item;
            w.credit = credit;
            w.account = account;
            w.addon = addon;
            long serviceId = 0;
            for (int id = 1; id <= count; id++) {
                int currency = id % 20 < 12 ? 1 : id % 20 < 17 ? 2 : 3;
                String country = currency == 2
                        ? (id % 2 == 0 ? "DE" : "FR")
                        : currency == 3 ? "GB" : COUNTRIES[id % 4 == 0 ? 3 : 0];
                String status = id % 29 == 0 ? "Closed" : id % 31 == 0 ? "Inactive" : "Active";
                clientTax.put((long) id, taxOf(country, country.equals("US") && id % 2 == 0, id % 37 == 0));
                LocalDate created = asOf.minusDays(minAgeDays + random.nextInt(minAgeDays));
                BigDecimal added = BigDecimal.ZERO.setScale(2);
                w.creditLeft = BigDecimal.ZERO;
                w.creditUsed = BigDecimal.ZERO;
                if (id % 7 == 0 && id % 100 != 50) {
                    added = BigDecimal.valueOf(500 + random.nextInt(5000), 2);
                    credit.setLong(1, id);
                    credit.setDate(2, Date.valueOf(created));
                    credit.setString(3, "Goodwill credit");
                    credit.setBigDecimal(4, added);
                    credit.addBatch();
                    if (id % 14 == 0) {
                        // half of it is spent on the client's invoices as WHMCS applies it
                        w.creditLeft = added.divide(BigDecimal.valueOf(2), 2, RoundingMode.DOWN);
                    }
                }
                // one client in a hundred has an e-mail address WHMCS let through and this system refuses; it holds
                // nothing
                if (id % 100 != 50) {
                    int n = servicesPerClient > 0 ? servicesPerClient : 1 + random.nextInt(3);
                    for (int k = 0; k < n; k++) {
                        serviceId++;
                        writeService(serviceId, id, currency, created, status, w);
                    }
                }
                client.setLong(1, id);
                client.setString(2, "First" + id);
                client.setString(3, "Last" + id);
                client.setString(4, id % 3 == 0 ? "Company " + id + " Ltd" : "");
                client.setString(
                        5, id % 100 == 50 ? "client" + id + "-at-example.com" : "client" + id + "@example.com");
                client.setString(6, id + " Main Street");
                client.setString(7, "City " + id);
                client.setString(
                        8, country.equals("US") && id % 2 == 0 ? "Texas" : country.equals("CA") ? "Quebec" : "");
                client.setString(9, String.format("%05d", id));
                client.setString(10, country);
                client.setString(11, country.equals("DE") && id % 3 == 0 ? "DE" + (100_000_000 + id) : "");
                client.setInt(12, currency);
                client.setBigDecimal(13, added.subtract(w.creditUsed));
                client.setInt(14, id % 37 == 0 ? 1 : 0);
                client.setDate(15, Date.valueOf(created));
                client.setInt(16, id % 11 == 0 ? 1 : id % 13 == 0 ? 2 : 0);
                client.setString(17, status);
                // the Stripe module's customer where WHMCS holds it readable, in its two forms, or encrypted
                client.setString(
                        18,
                        id % 5 == 1
                                ? "cus_W" + (100000 + id)
                                : id % 5 == 2
                                        ? "{\"customer\":\"cus_J" + (100000 + id) + "\",\"method\":\"pm_J"
                                                + (100000 + id) + "\"}"
                                        : id % 5 == 3 ? "def50200a1b2c3d4e5f6" + id : "");
                client.addBatch();
            }
            client.executeBatch();
            credit.executeBatch();
            service.executeBatch();
            field.executeBatch();
            invoice.executeBatch();
            item.executeBatch();
            account.executeBatch();
            addon.executeBatch();
        }
    }

    private void writeService(
            long id, long clientId, int currency, LocalDate clientCreated, String clientStatus, Writers w)
            throws SQLException {
        Object[] product = PRODUCTS[(int) ((id * 7 + clientId) % PRODUCTS.length)];
        int productId = (int) product[0];
        String paytype = (String) product[3];
        int server = (int) product[4];
        int prorataDay = (int) product[5];
        String[] cycle;
        if (paytype.equals("onetime")) {
            cycle = new String[] {"One Time", "ONE_TIME"};
        } else if (paytype.equals("free")) {
            cycle = new String[] {"Free Account", "FREE"};
        } else {
            int choices = productId == 4 ? 2 : productId == 1 ? 5 : 6;
            cycle = CYCLES[random.nextInt(choices * 3) < choices * 2 ? 0 : random.nextInt(choices)];
        }
        BillingCycle ours = BillingCycle.valueOf(cycle[1]);
        BigDecimal listed = listedPrice(productId, currency, ours);
        // one service in ten pays a price of its own (an old price, a deal)
        BigDecimal amount = id % 10 == 3 && listed.signum() > 0 ? listed.subtract(new BigDecimal("1.50")) : listed;
        LocalDate maxStart = asOf.minusDays(1);
        LocalDate regdate = clientCreated
                .plusDays(random.nextInt((int) Math.max(1, maxStart.toEpochDay() - clientCreated.toEpochDay())))
                .withDayOfMonth(1 + random.nextInt(28));
        if (regdate.isAfter(maxStart)) {
            regdate = maxStart.withDayOfMonth(Math.min(maxStart.getDayOfMonth(), 28));
        }
        String status;
        int r = random.nextInt(100);
        if (!clientStatus.equals("Active")) {
            status = "Terminated";
        } else if (r < 8) {
            status = "Suspended";
        } else if (r < 16) {
            status = "Terminated";
        } else if (r < 21) {
            status = "Cancelled";
        } else {
            status = "Active";
        }
        if (ours == BillingCycle.ONE_TIME) {
            status = "Completed";
        }
        LocalDate terminated = null;
        if (status.equals("Terminated") || status.equals("Cancelled")) {
            long span = Math.max(1, maxStart.toEpochDay() - regdate.toEpochDay());
            terminated = regdate.plusDays(1 + random.nextInt((int) span));
        }
        // WHMCS's cron ran every day up to yesterday, invoicing each period 14 days before it starts
        LocalDate lastCron = asOf.minusDays(1);
        List<LocalDate> starts = new ArrayList<>();
        if (ours == BillingCycle.ONE_TIME) {
            starts.add(regdate);
        } else if (ours != BillingCycle.FREE) {
            ServiceSchedule schedule = new ServiceSchedule(
                    regdate, null, prorataDay == 0 ? null : prorataDay, regdate.getDayOfMonth(), ours);
            for (ServiceSchedule.SchedulePeriod p :
                    schedule.periodsStartingBetween(regdate, lastCron.plusDays(INVOICE_DAYS_BEFORE), terminated)) {
                starts.add(p.period().start());
            }
        }
        LocalDate lastInvoiced = null;
        LocalDate firstUnpaid = null;
        for (LocalDate start : starts) {
            boolean paid = start.isBefore(asOf.minusDays(20)) || random.nextInt(3) > 0;
            BigDecimal charged = start.equals(regdate) && prorataDay != 0 && regdate.getDayOfMonth() != prorataDay
                    ? amount.divide(BigDecimal.valueOf(2), 2, RoundingMode.HALF_UP)
                    : amount;
            writeInvoice(w, "Hosting", clientId, id, (String) product[2], start, charged, paid ? "Paid" : "Unpaid");
            lastInvoiced = start;
            if (!paid && firstUnpaid == null) {
                firstUnpaid = start;
            }
        }
        if (terminated != null
                && lastInvoiced != null
                && ours.isRecurring()
                && !nextStart(regdate, prorataDay, ours, lastInvoiced)
                        .minusDays(INVOICE_DAYS_BEFORE)
                        .isAfter(lastCron)) {
            // WHMCS had invoiced the period after the termination too (its cron had reached that period's invoice day:
            // not when the service ended in the last 14 days), and cancelled that invoice
            writeInvoice(
                    w,
                    "Hosting",
                    clientId,
                    id,
                    (String) product[2],
                    nextStart(regdate, prorataDay, ours, lastInvoiced),
                    amount,
                    "Cancelled");
        }
        // WHMCS moves nextduedate when a period is paid; nextinvoicedate when it is invoiced
        LocalDate nextInvoice = nextStart(regdate, prorataDay, ours, lastInvoiced);
        LocalDate nextDueDate = firstUnpaid != null ? firstUnpaid : lastInvoiced == null ? regdate : nextInvoice;
        w.service.setLong(1, id);
        w.service.setLong(2, clientId);
        w.service.setInt(3, productId);
        w.service.setInt(4, server);
        w.service.setDate(5, Date.valueOf(regdate));
        w.service.setString(6, "s" + id + ".example.net");
        w.service.setBigDecimal(7, amount);
        // one service in 250 has a cycle WHMCS 8 does not know (an old module wrote it); it ended long ago
        w.service.setString(8, id % 250 == 125 ? "Weekly" : cycle[0]);
        w.service.setDate(9, nextDueDate == null ? null : Date.valueOf(nextDueDate));
        w.service.setDate(10, Date.valueOf(nextInvoice == null ? regdate : nextInvoice));
        if (terminated == null) {
            w.service.setString(11, "0000-00-00");
        } else {
            w.service.setDate(11, Date.valueOf(terminated));
        }
        w.service.setString(12, id % 250 == 125 ? "Terminated" : status);
        w.service.setString(
                13, server == 1 || server == 2 ? "10." + (id / 65536) + "." + (id / 256 % 256) + "." + (id % 256) : "");
        w.service.setString(
                14,
                server == 2
                        ? "100." + (64 + id / 8192) + "." + (id / 32 % 256) + "." + (id % 32 * 8) + "/29\n100."
                                + (96 + id / 8192) + "." + (id / 32 % 256) + "." + (id % 32 * 8) + "/29"
                        : id % 97 == 0 ? "not-an-ip" : "");
        // one service in seventeen was ordered with WELCOME10 (its amount here is simply what it pays)
        w.service.setInt(15, id % 17 == 0 ? 1 : 0);
        w.service.addBatch();
        if (server != 0 && id % 23 != 0) {
            w.field.setLong(1, id);
            w.field.setString(2, "srv-" + id);
            w.field.addBatch();
        }
        services.add(new GeneratedService(
                id, clientId, ours, id % 250 == 125 ? "Terminated" : status, lastInvoiced, nextInvoice));
        lastServiceId = Math.max(lastServiceId, id);
        if (ours.isRecurring()
                && lastInvoiced != null
                && id % 250 != 125
                && (status.equals("Active") || status.equals("Suspended"))) {
            billed.add(new Billed(
                    id, clientId, "Hosting", (String) product[2], regdate, prorataDay, ours, amount, lastInvoiced));
        }
        if (ours.isRecurring() && id % 5 == 2 && id % 250 != 125) {
            writeAddon(w, id, clientId, currency, regdate, status, terminated);
        }
    }

    /** A monthly add-on of a service (an extra IPv4 address or backups), invoiced on its own. */
    private void writeAddon(
            Writers w,
            long serviceId,
            long clientId,
            int currency,
            LocalDate parentStart,
            String status,
            LocalDate terminated)
            throws SQLException {
        long id = ++addonRowId;
        int addon = (int) (id % 2) + 1;
        LocalDate regdate = parentStart.plusDays(3).isAfter(asOf.minusDays(1)) ? parentStart : parentStart.plusDays(3);
        BigDecimal recurring = new BigDecimal(addon == 1 ? "2.00" : "5.00")
                .multiply(new BigDecimal(new String[] {"", "1", "0.9", "0.8"}[currency]))
                .setScale(2, RoundingMode.HALF_UP);
        List<LocalDate> starts = new ArrayList<>();
        ServiceSchedule schedule =
                new ServiceSchedule(regdate, null, null, regdate.getDayOfMonth(), BillingCycle.MONTHLY);
        for (ServiceSchedule.SchedulePeriod p :
                schedule.periodsStartingBetween(regdate, asOf.minusDays(1).plusDays(INVOICE_DAYS_BEFORE), terminated)) {
            starts.add(p.period().start());
        }
        LocalDate lastInvoiced = null;
        for (LocalDate start : starts) {
            boolean paid = start.isBefore(asOf.minusDays(20)) || random.nextInt(3) > 0;
            writeInvoice(
                    w,
                    "Addon",
                    clientId,
                    id,
                    addon == 1 ? "Extra IPv4" : "Backups",
                    start,
                    recurring,
                    paid ? "Paid" : "Unpaid");
            lastInvoiced = start;
        }
        LocalDate nextInvoice = nextStart(regdate, 0, BillingCycle.MONTHLY, lastInvoiced);
        w.addon.setLong(1, id);
        w.addon.setLong(2, serviceId);
        w.addon.setInt(3, addon);
        w.addon.setLong(4, id % 3 == 0 ? 0 : clientId); // older WHMCS rows leave userid 0: the parent's client
        w.addon.setString(5, addon == 1 ? "Extra IPv4" : "Backups");
        w.addon.setBigDecimal(6, recurring);
        w.addon.setString(7, status.equals("Completed") ? "Terminated" : status);
        w.addon.setDate(8, Date.valueOf(regdate));
        w.addon.setDate(9, Date.valueOf(nextInvoice == null ? regdate : nextInvoice));
        w.addon.setDate(10, Date.valueOf(nextInvoice == null ? regdate : nextInvoice));
        if (terminated == null) {
            w.addon.setString(11, "0000-00-00");
        } else {
            w.addon.setDate(11, Date.valueOf(terminated));
        }
        w.addon.addBatch();
        addons.add(new GeneratedService(id, clientId, BillingCycle.MONTHLY, status, lastInvoiced, nextInvoice));
        if (lastInvoiced != null && (status.equals("Active") || status.equals("Suspended"))) {
            billed.add(new Billed(
                    id,
                    clientId,
                    "Addon",
                    addon == 1 ? "Extra IPv4" : "Backups",
                    regdate,
                    0,
                    BillingCycle.MONTHLY,
                    recurring,
                    lastInvoiced));
        }
    }

    /** One invoice of one item for a service's period, its payments and refunds as its status says. */
    private void writeInvoice(
            Writers w,
            String itemType,
            long clientId,
            long serviceId,
            String product,
            LocalDate start,
            BigDecimal charged,
            String status)
            throws SQLException {
        invoiceId++;
        itemId++;
        boolean paid = status.equals("Paid");
        BigDecimal credit = BigDecimal.ZERO.setScale(2);
        if (paid && w.creditLeft.signum() > 0) {
            credit = w.creditLeft.min(charged);
            w.creditLeft = w.creditLeft.subtract(credit);
            w.creditUsed = w.creditUsed.add(credit);
            w.credit.setLong(1, clientId);
            w.credit.setDate(2, Date.valueOf(start.minusDays(1)));
            w.credit.setString(3, "Credit Applied to Invoice #" + invoiceId);
            w.credit.setBigDecimal(4, credit.negate());
            w.credit.addBatch();
        }
        BigDecimal total = charged.subtract(credit);
        String finalStatus = status;
        if (paid && total.signum() > 0) {
            long payment = payment(w, clientId, start.minusDays(1), total, BigDecimal.ZERO, 0);
            if (invoiceId % 41 == 0 && start.isBefore(asOf.minusDays(60))) {
                payment(w, clientId, start.plusDays(20), BigDecimal.ZERO, total, payment);
                finalStatus = "Refunded";
            } else if (invoiceId % 53 == 0 && total.compareTo(BigDecimal.ONE) > 0) {
                payment(w, clientId, start.plusDays(3), BigDecimal.ZERO, BigDecimal.ONE.setScale(2), payment);
            }
        } else if (status.equals("Unpaid") && invoiceId % 4 == 0) {
            payment(
                    w,
                    clientId,
                    start.minusDays(2),
                    total.divide(BigDecimal.valueOf(2), 2, RoundingMode.DOWN),
                    BigDecimal.ZERO,
                    0);
        } else if (status.equals("Unpaid") && invoiceId % 9 == 0 && start.isBefore(asOf.minusDays(10))) {
            finalStatus = "Collections";
        }
        w.invoice.setLong(1, invoiceId);
        w.invoice.setLong(2, clientId);
        w.invoice.setDate(3, Date.valueOf(start.minusDays(INVOICE_DAYS_BEFORE)));
        w.invoice.setDate(4, Date.valueOf(start));
        w.invoice.setString(5, paid ? start.minusDays(1) + " 10:00:00" : "0000-00-00 00:00:00");
        w.invoice.setBigDecimal(6, charged);
        w.invoice.setBigDecimal(7, credit);
        w.invoice.setBigDecimal(8, total);
        w.invoice.setString(9, finalStatus);
        w.invoice.addBatch();
        w.item.setLong(1, itemId);
        w.item.setLong(2, invoiceId);
        w.item.setLong(3, clientId);
        w.item.setLong(4, serviceId);
        w.item.setString(5, product + " (" + start + ")");
        w.item.setBigDecimal(6, charged);
        w.item.setDate(7, Date.valueOf(start));
        w.item.setString(8, itemType);
        w.item.addBatch();
    }

    private long payment(Writers w, long clientId, LocalDate day, BigDecimal in, BigDecimal out, long refundOf)
            throws SQLException {
        long id = ++accountId;
        w.account.setLong(1, id);
        w.account.setLong(2, clientId);
        w.account.setString(3, new String[] {"stripe", "paypal", "banktransfer"}[(int) (id % 3)]);
        w.account.setString(4, day + " 12:00:00");
        w.account.setString(5, refundOf == 0 ? "Invoice Payment" : "Refund");
        w.account.setBigDecimal(6, in);
        w.account.setBigDecimal(
                7,
                in.signum() > 0
                        ? in.multiply(new BigDecimal("0.03")).setScale(2, RoundingMode.HALF_UP)
                        : BigDecimal.ZERO);
        w.account.setBigDecimal(8, out);
        w.account.setString(9, (refundOf == 0 ? "ch_" : "re_") + id);
        w.account.setLong(10, invoiceId);
        w.account.setLong(11, refundOf);
        w.account.addBatch();
        return id;
    }

    /** The statements a client's rows are written with, and the credit it has left to spend on invoices. */
    private static final class Writers {
        PreparedStatement service;
        PreparedStatement field;
        PreparedStatement invoice;
        PreparedStatement item;
        PreparedStatement credit;
        PreparedStatement account;
        PreparedStatement addon;
        BigDecimal creditLeft = BigDecimal.ZERO;
        BigDecimal creditUsed = BigDecimal.ZERO;
    }

    /** WHMCS's level-1 and level-2 rates (tbltax above) for a client, none when it is tax exempt. */
    private static BigDecimal[] taxOf(String country, boolean texas, boolean exempt) {
        BigDecimal none = BigDecimal.ZERO;
        if (exempt) {
            return new BigDecimal[] {none, none};
        }
        return switch (country) {
            case "DE" -> new BigDecimal[] {new BigDecimal("19.000"), none};
            case "GB" -> new BigDecimal[] {new BigDecimal("20.000"), none};
            case "CA" -> new BigDecimal[] {new BigDecimal("5.000"), new BigDecimal("9.975")};
            case "US" -> new BigDecimal[] {texas ? new BigDecimal("6.250") : none, none};
            default -> new BigDecimal[] {none, none};
        };
    }

    /**
     * WHMCS's cron from {@code from} through {@code to}, as during the parallel run: every running
     * service and add-on invoiced 14 days before each period starts, one taxed invoice per period,
     * paid the day before it starts if that day has come; its next due and invoice dates moved on.
     */
    public void advance(String url, LocalDate from, LocalDate to, long... forgottenServices) {
        Set<Long> forgotten = new HashSet<>();
        for (long id : forgottenServices) {
            forgotten.add(id);
        }
        try (Connection c = DriverManager.getConnection(url)) {
            try (Statement s = c.createStatement()) {
                s.execute("SET SESSION sql_mode = ''");
            }
            c.setAutoCommit(false);
            for (Billed b : billed) {
                if (b.type.equals("Hosting") && forgotten.contains(b.id)) {
                    continue; // an admin set the service to "do not invoice" in WHMCS
                }
                while (true) {
                    LocalDate next = nextStart(b.regdate, b.prorataDay, b.cycle, b.lastInvoiced);
                    LocalDate invoiceDate = next.minusDays(INVOICE_DAYS_BEFORE);
                    if (invoiceDate.isAfter(to)) {
                        break;
                    }
                    writeTaxedInvoice(
                            c,
                            b,
                            next,
                            b.amount,
                            invoiceDate.isBefore(from) ? from : invoiceDate,
                            b.product + " (" + next + ")",
                            to);
                    b.lastInvoiced = next;
                }
                moveDates(c, b);
            }
            c.commit();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A client orders VPS L (prorata day 1, "charge next month" after the 20th) on {@code day}: WHMCS's
     * first invoice that day has one item for the days to the 1st and the whole next month. Returns
     * the new service's id.
     */
    public long orderChargedNextMonth(String url, long clientId, LocalDate day) {
        long id = ++lastServiceId;
        LocalDate prorataDate = day.withDayOfMonth(1).plusMonths(1);
        BigDecimal monthly = new BigDecimal("40.00");
        long days = prorataDate.toEpochDay() - day.toEpochDay();
        BigDecimal partial = monthly.multiply(BigDecimal.valueOf(days))
                .divide(BigDecimal.valueOf(day.lengthOfMonth()), 2, RoundingMode.HALF_UP);
        Billed b = new Billed(id, clientId, "Hosting", "VPS L", day, 1, BillingCycle.MONTHLY, monthly, null);
        try (Connection c = DriverManager.getConnection(url)) {
            try (Statement s = c.createStatement()) {
                s.execute("SET SESSION sql_mode = ''");
            }
            c.setAutoCommit(false);
            try (PreparedStatement p =
                    c.prepareStatement("INSERT INTO tblhosting (id, userid, orderid, packageid, server,"
                            + " regdate, domain, paymentmethod, amount, billingcycle, nextduedate, nextinvoicedate,"
                            + " termination_date, domainstatus, dedicatedip, assignedips, promoid) VALUES (?, ?, 0, 2, 1, ?, ?,"
                            + " 'stripe', ?, 'Monthly', ?, ?, '0000-00-00', 'Active', '', '', 0)")) {
                p.setLong(1, id);
                p.setLong(2, clientId);
                p.setDate(3, Date.valueOf(day));
                p.setString(4, "s" + id + ".example.net");
                p.setBigDecimal(5, monthly);
                p.setDate(6, Date.valueOf(prorataDate.plusMonths(1)));
                p.setDate(7, Date.valueOf(prorataDate.plusMonths(1)));
                p.executeUpdate();
            }
            writeTaxedInvoice(
                    c,
                    b,
                    day,
                    partial.add(monthly),
                    day,
                    "VPS L (" + day + " - " + prorataDate.plusMonths(1).minusDays(1) + ")",
                    day);
            // WHMCS invoiced through the end of next month
            b.lastInvoiced = prorataDate;
            billed.add(b);
            c.commit();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return id;
    }

    private void writeTaxedInvoice(
            Connection c,
            Billed b,
            LocalDate start,
            BigDecimal charged,
            LocalDate invoiceDate,
            String description,
            LocalDate cronUntil)
            throws SQLException {
        long invoice = ++invoiceId;
        BigDecimal[] rates = clientTax.get(b.clientId);
        BigDecimal tax = charged.multiply(rates[0]).movePointLeft(2).setScale(2, RoundingMode.HALF_UP);
        BigDecimal tax2 = charged.multiply(rates[1]).movePointLeft(2).setScale(2, RoundingMode.HALF_UP);
        BigDecimal total = charged.add(tax).add(tax2);
        LocalDate paidOn = start.minusDays(1).isBefore(invoiceDate) ? invoiceDate : start.minusDays(1);
        boolean paid = !paidOn.isAfter(cronUntil);
        try (PreparedStatement p = c.prepareStatement("INSERT INTO tblinvoices (id, userid, invoicenum, date, duedate,"
                        + " datepaid, subtotal, credit, tax, tax2, total, taxrate, taxrate2, status, paymentmethod)"
                        + " VALUES (?, ?, '', ?, ?, ?, ?, 0, ?, ?, ?, ?, ?, ?, 'stripe')");
                PreparedStatement item = c.prepareStatement("INSERT INTO tblinvoiceitems (id, invoiceid, userid, type,"
                        + " relid, description, amount, taxed, duedate, paymentmethod) VALUES (?, ?, ?, ?, ?, ?, ?, ?,"
                        + " ?, 'stripe')")) {
            p.setLong(1, invoice);
            p.setLong(2, b.clientId);
            p.setDate(3, Date.valueOf(invoiceDate));
            p.setDate(4, Date.valueOf(start));
            p.setString(5, paid ? paidOn + " 10:00:00" : "0000-00-00 00:00:00");
            p.setBigDecimal(6, charged);
            p.setBigDecimal(7, tax);
            p.setBigDecimal(8, tax2);
            p.setBigDecimal(9, total);
            p.setBigDecimal(10, rates[0]);
            p.setBigDecimal(11, rates[1]);
            p.setString(12, paid ? "Paid" : "Unpaid");
            p.executeUpdate();
            item.setLong(1, ++itemId);
            item.setLong(2, invoice);
            item.setLong(3, b.clientId);
            item.setString(4, b.type);
            item.setLong(5, b.id);
            item.setString(6, description);
            item.setBigDecimal(7, charged);
            item.setInt(8, rates[0].signum() > 0 ? 1 : 0);
            item.setDate(9, Date.valueOf(start));
            item.executeUpdate();
        }
        if (paid && total.signum() > 0) {
            try (PreparedStatement a =
                    c.prepareStatement("INSERT INTO tblaccounts (id, userid, currency, gateway, date,"
                            + " description, amountin, fees, amountout, transid, invoiceid, refundid) VALUES (?, ?, 0, 'stripe',"
                            + " ?, 'Invoice Payment', ?, 0, 0, ?, ?, 0)")) {
                long id = ++accountId;
                a.setLong(1, id);
                a.setLong(2, b.clientId);
                a.setString(3, paidOn + " 12:00:00");
                a.setBigDecimal(4, total);
                a.setString(5, "ch_" + id);
                a.setLong(6, invoice);
                a.executeUpdate();
            }
        }
    }

    private static void moveDates(Connection c, Billed b) throws SQLException {
        LocalDate next = nextStart(b.regdate, b.prorataDay, b.cycle, b.lastInvoiced);
        String table = b.type.equals("Hosting") ? "tblhosting" : "tblhostingaddons";
        try (PreparedStatement p =
                c.prepareStatement("UPDATE " + table + " SET nextinvoicedate = ?, nextduedate = ? WHERE id = ?")) {
            p.setDate(1, Date.valueOf(next));
            p.setDate(2, Date.valueOf(next));
            p.setLong(3, b.id);
            p.executeUpdate();
        }
    }

    private static LocalDate nextStart(LocalDate regdate, int prorataDay, BillingCycle cycle, LocalDate after) {
        if (!cycle.isRecurring() || after == null) {
            return null;
        }
        ServiceSchedule schedule =
                new ServiceSchedule(regdate, null, prorataDay == 0 ? null : prorataDay, regdate.getDayOfMonth(), cycle);
        return schedule.periodsStartingBetween(after.plusDays(1), after.plusYears(4), null)
                .get(0)
                .period()
                .start();
    }

    private static BigDecimal listedPrice(int productId, int currency, BillingCycle cycle) {
        Object[] product = PRODUCTS[productId - 1];
        BigDecimal monthly = new BigDecimal((String) product[6])
                .multiply(new BigDecimal(new String[] {"", "1", "0.9", "0.8"}[currency]))
                .setScale(2, RoundingMode.HALF_UP);
        if (cycle == BillingCycle.FREE) {
            return BigDecimal.ZERO.setScale(2);
        }
        if (cycle == BillingCycle.ONE_TIME || cycle == BillingCycle.MONTHLY) {
            return monthly;
        }
        return monthly.multiply(BigDecimal.valueOf(cycle.months()))
                .multiply(new BigDecimal("0.95"))
                .setScale(2, RoundingMode.HALF_UP);
    }
}
