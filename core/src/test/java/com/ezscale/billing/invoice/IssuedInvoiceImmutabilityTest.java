package com.ezscale.billing.invoice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.ezscale.billing.catalog.Plan;
import com.ezscale.billing.catalog.PlanPrice;
import com.ezscale.billing.catalog.Product;
import com.ezscale.billing.catalog.ProductKind;
import com.ezscale.billing.catalog.db.CatalogMapper;
import com.ezscale.billing.customer.Customer;
import com.ezscale.billing.customer.CustomerStatus;
import com.ezscale.billing.customer.PostalAddress;
import com.ezscale.billing.customer.db.CustomerMapper;
import com.ezscale.billing.customer.db.CustomerRow;
import com.ezscale.billing.invoice.db.InvoiceDraftRow;
import com.ezscale.billing.invoice.db.InvoiceLineRow;
import com.ezscale.billing.invoice.db.InvoiceMapper;
import com.ezscale.billing.money.Money;
import com.ezscale.billing.period.BillingCycle;
import com.ezscale.billing.period.BillingPeriod;
import com.ezscale.billing.subscription.Subscription;
import com.ezscale.billing.subscription.SubscriptionStatus;
import com.ezscale.billing.subscription.db.SubscriptionMapper;
import com.ezscale.billing.testing.DatabaseTest;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;

/** Issued invoices cannot change, and the database itself refuses it (triggers), whoever writes. */
class IssuedInvoiceImmutabilityTest extends DatabaseTest {

    private static final Instant NOW = Instant.parse("2026-11-25T02:00:00Z");

    @Autowired
    CatalogMapper catalog;

    @Autowired
    CustomerMapper customers;

    @Autowired
    SubscriptionMapper subscriptions;

    @Autowired
    InvoiceMapper invoices;

    @Autowired
    JdbcTemplate jdbc;

    private long invoiceId;
    private long customerId;

    @BeforeEach
    void anIssuedInvoice() {
        long base = customers.selectMaxId() + 1;
        customerId = base;
        long planId = base * 10;
        catalog.insertProduct(new Product(planId, "p" + planId, "VPS", ProductKind.VPS, 1));
        catalog.insertPlan(new Plan(planId, planId, "plan" + planId, "VPS 2 GB"));
        catalog.insertPrice(new PlanPrice(
                planId, Money.currency("EUR"), BillingCycle.MONTHLY, new BigDecimal("10"), BigDecimal.ZERO));
        customers.insert(
                CustomerRow.of(new Customer(
                        customerId,
                        "Grace Hopper",
                        "Navy Ltd",
                        "grace@example.com",
                        new PostalAddress("1 Harbour Rd", null, "Dublin", "D01"),
                        "IE",
                        null,
                        Money.currency("EUR"),
                        "IE1234567T",
                        CustomerStatus.ACTIVE)),
                NOW);
        subscriptions.insert(
                new Subscription(
                        planId,
                        customerId,
                        planId,
                        BillingCycle.MONTHLY,
                        SubscriptionStatus.ACTIVE,
                        1,
                        LocalDate.parse("2026-12-01"),
                        null,
                        null,
                        null),
                NOW);
        ProposedLine line = new ProposedLine(
                planId,
                ChargeKind.RECURRING,
                new BillingPeriod(LocalDate.parse("2026-12-01"), LocalDate.parse("2027-01-01")),
                "VPS 2 GB (monthly)",
                BigDecimal.ONE,
                new BigDecimal("10"),
                Money.of("10.00", "EUR"));
        DraftInvoice draft =
                new DraftInvoice(customerId, Money.currency("EUR"), LocalDate.parse("2026-12-01"), List.of(line));
        invoices.insertDraft(InvoiceDraftRow.of(draft, 1, customerId, NOW));
        invoiceId =
                invoices.selectDraftIds(customerId, List.of(customerId)).get(0).id();
        invoices.insertLine(InvoiceLineRow.of(invoiceId, 1, line));
        assertThat(invoices.issue(
                        invoiceId, "T-" + customerId, 1, "T-" + customerId + "-1", LocalDate.parse("2026-11-25"), NOW))
                .isEqualTo(1);
    }

    @Test
    void issuingTakesTheCustomersBillingSnapshot() {
        Invoice issued = invoices.selectById(invoiceId);
        assertThat(issued.status()).isEqualTo(InvoiceStatus.ISSUED);
        assertThat(issued.number()).isEqualTo("T-" + customerId + "-1");
        assertThat(issued.billToName()).isEqualTo("Grace Hopper");
        assertThat(issued.billToAddress()).isEqualTo("1 Harbour Rd\nD01 Dublin");
        assertThat(issued.billToCountry()).isEqualTo("IE");
        assertThat(issued.billToVatNumber()).isEqualTo("IE1234567T");
    }

    @Test
    void aChangeOfCustomerAddressLeavesTheIssuedSnapshotAsItWas() {
        customers.updateAddress(CustomerRow.of(new Customer(
                customerId,
                "Grace M. Hopper",
                null,
                "grace@example.com",
                new PostalAddress("99 New St", null, "Cork", "T12"),
                "IE",
                null,
                Money.currency("EUR"),
                null,
                CustomerStatus.ACTIVE)));
        Invoice issued = invoices.selectById(invoiceId);
        assertThat(issued.billToName()).isEqualTo("Grace Hopper");
        assertThat(issued.billToAddress()).isEqualTo("1 Harbour Rd\nD01 Dublin");
        assertThat(issued.billToVatNumber()).isEqualTo("IE1234567T");
    }

    @Test
    void theDatabaseRefusesEveryEditOfAnIssuedInvoice() {
        List<String> edits = List.of(
                "UPDATE invoice SET total = 1 WHERE id = ?",
                "UPDATE invoice SET bill_to_name = 'Someone else' WHERE id = ?",
                "UPDATE invoice SET number = 'X-1' WHERE id = ?",
                "UPDATE invoice SET due_date = '2027-01-01' WHERE id = ?",
                "UPDATE invoice SET status = 'DRAFT' WHERE id = ?",
                "DELETE FROM invoice WHERE id = ?",
                "UPDATE invoice_line SET amount = 1 WHERE invoice_id = ?",
                "UPDATE invoice_line SET description = 'changed' WHERE invoice_id = ?",
                "DELETE FROM invoice_line WHERE invoice_id = ?",
                "INSERT INTO invoice_line (invoice_id, line_no, charge_kind, description, quantity, unit_price, amount) "
                        + "VALUES (?, 2, 'SETUP', 'extra', 1, 5, 5)");
        for (String edit : edits) {
            assertThatThrownBy(() -> jdbc.update(edit, invoiceId))
                    .as(edit)
                    .isInstanceOf(DataAccessException.class)
                    .hasMessageContaining("immutable");
        }
        Invoice unchanged = invoices.selectById(invoiceId);
        assertThat(unchanged.total()).isEqualByComparingTo("10.00");
        assertThat(invoices.selectLines(invoiceId))
                .singleElement()
                .satisfies(l -> assertThat(l.amount()).isEqualByComparingTo("10.00"));
    }

    /** Runs {@code sql} with {@code id} on {@code connection}; the trigger's refusal comes back as the exception. */
    private static int insertOn(Connection connection, String sql, long id) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(sql)) {
            insert.setLong(1, id);
            return insert.executeUpdate();
        }
    }

    private static void name(Connection connection, Long from, Long to) throws SQLException {
        try (PreparedStatement set = connection.prepareStatement(
                "SET " + InvoiceDraftRow.RUN_FROM + " = ?, " + InvoiceDraftRow.RUN_TO + " = ?")) {
            set.setObject(1, from, Types.BIGINT);
            set.setObject(2, to, Types.BIGINT);
            set.execute();
        }
    }

    /**
     * V38: the run names the ids of the drafts it has just written around their lines and taxes, which are then
     * taken without the lookup; an issued invoice outside the range named, or with none named, is looked up and
     * refused as before, on the same connection.
     */
    @Test
    void onlyTheRangeTheRunNamesIsTakenWithoutTheLookupAndOnlyWhileNamed() {
        String line = "INSERT INTO invoice_line (invoice_id, line_no, charge_kind, description, quantity, unit_price,"
                + " amount) VALUES (?, 2, 'SETUP', 'extra', 1, 5, 5)";
        String tax = "INSERT INTO invoice_tax (invoice_id, tax_name, rate, taxable_base, tax_amount)"
                + " VALUES (?, 'Extra tax', 10, 10, 1)";
        jdbc.execute((ConnectionCallback<Void>) connection -> {
            name(connection, invoiceId + 1, invoiceId + 1000);
            assertThatThrownBy(() -> insertOn(connection, line, invoiceId))
                    .as("an issued invoice outside the range named")
                    .hasMessageContaining("immutable");
            assertThatThrownBy(() -> insertOn(connection, tax, invoiceId))
                    .as("its tax")
                    .hasMessageContaining("immutable");
            name(connection, null, invoiceId + 1000);
            assertThatThrownBy(() -> insertOn(connection, line, invoiceId))
                    .as("half a range names nothing")
                    .hasMessageContaining("immutable");
            // the range is trusted as the run's own drafts: the triggers no longer look the invoice up
            name(connection, invoiceId, invoiceId);
            assertThat(insertOn(connection, tax, invoiceId)).isEqualTo(1);
            name(connection, null, null);
            assertThatThrownBy(() -> insertOn(connection, line, invoiceId))
                    .as("the range cleared, the lookup is back")
                    .hasMessageContaining("immutable");
            return null;
        });
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM invoice_line WHERE invoice_id = ?", Long.class, invoiceId))
                .isEqualTo(1);
    }

    @Test
    void settlementColumnsMayStillChange() {
        assertThat(jdbc.update(
                        "UPDATE invoice SET status = 'PAID', amount_paid = total, paid_at = ? WHERE id = ?",
                        NOW,
                        invoiceId))
                .isEqualTo(1);
        assertThat(invoices.selectById(invoiceId).status()).isEqualTo(InvoiceStatus.PAID);
    }

    @Test
    void aSecondLineForTheSamePeriodIsRefusedByTheUniqueKey() {
        invoices.insertDraft(new InvoiceDraftRow(
                1,
                customerId,
                Money.currency("EUR"),
                customerId + 1,
                LocalDate.parse("2026-12-01"),
                BigDecimal.TEN,
                BigDecimal.ZERO,
                BigDecimal.TEN,
                NOW,
                false,
                "NONE",
                null,
                false,
                null,
                null));
        long secondDraft = invoices.selectDraftIds(customerId + 1, List.of(customerId))
                .get(0)
                .id();
        Long subscriptionId = invoices.selectLines(invoiceId).get(0).subscriptionId();
        ProposedLine again = new ProposedLine(
                subscriptionId,
                ChargeKind.RECURRING,
                new BillingPeriod(LocalDate.parse("2026-12-01"), LocalDate.parse("2027-01-01")),
                "again",
                BigDecimal.ONE,
                BigDecimal.TEN,
                Money.of("10.00", "EUR"));
        assertThatThrownBy(() -> invoices.insertLine(InvoiceLineRow.of(secondDraft, 1, again)))
                .isInstanceOf(DuplicateKeyException.class);
    }
}
