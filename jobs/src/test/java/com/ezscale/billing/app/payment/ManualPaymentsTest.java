package com.ezscale.billing.app.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.ezscale.billing.app.creditnote.CreditNoteService;
import com.ezscale.billing.creditnote.CreditNoteKind;
import com.ezscale.billing.jobs.invoice.InvoiceRunJobConfig;
import com.ezscale.billing.jobs.run.JobRunner;
import com.ezscale.billing.rules.BillingRuleViolation;
import com.ezscale.billing.testing.DatabaseTest;
import java.math.BigDecimal;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

/** Bank transfers recorded by finance: partial, then the rest with an overpayment to credit; a bank line twice is refused. */
@TestPropertySource(properties = "ezscale.billing.referral-reward.USD=10.00")
class ManualPaymentsTest extends DatabaseTest {

    @Autowired
    CreditNoteService creditNotes;

    @Autowired
    Payments payments;

    @Autowired
    JobRunner runner;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void aPartialThenAnOverpaymentSettleTheInvoiceOnceAndCreditTheRest() {
        jdbc.update("INSERT INTO product (id, code, name, kind, seller_entity_id) VALUES (1, 'vps', 'VPS', 'VPS', 1)");
        jdbc.update("INSERT INTO plan (id, product_id, code, name) VALUES (1, 1, 'vps-s', 'VPS S')");
        jdbc.update(
                "INSERT INTO plan_price (plan_id, currency, cycle, recurring_price, setup_fee) VALUES (1, 'USD', 'MONTHLY', 10, 0)");
        jdbc.update(
                "INSERT INTO customer (id, name, email, country, billing_currency, status, created_at) VALUES "
                        + "(1, 'Referrer', 'r@example.com', 'US', 'USD', 'ACTIVE', NOW(6)), (2, 'Ada', 'ada@example.com', 'US', 'USD', 'ACTIVE', NOW(6))");
        jdbc.update("UPDATE customer SET referred_by = 1 WHERE id = 2");
        jdbc.update(
                "INSERT INTO subscription (id, customer_id, plan_id, cycle, status, anchor_day, start_date, created_at) VALUES "
                        + "(21, 2, 1, 'MONTHLY', 'ACTIVE', 1, '2026-11-01', NOW(6))");
        assertThat(runner.runForCustomer(InvoiceRunJobConfig.INVOICE_RUN, LocalDate.parse("2026-11-01"), 2, "test")
                        .getStatus())
                .isEqualTo(BatchStatus.COMPLETED);
        String number = jdbc.queryForObject("SELECT number FROM invoice WHERE customer_id = 2", String.class);

        Payments.PaymentResult first = payments.record(
                number, new BigDecimal("4.00"), "BANK_TRANSFER", "BANK-001", LocalDate.parse("2026-11-03"), "finance");
        assertThat(first.toInvoice() + " " + first.toCredit() + " " + first.invoiceStatus())
                .isEqualTo("4.00 USD 0.00 USD PARTIALLY_PAID");
        assertThatThrownBy(() -> payments.record(
                        number,
                        new BigDecimal("4.00"),
                        "BANK_TRANSFER",
                        "BANK-001",
                        LocalDate.parse("2026-11-03"),
                        "finance"))
                .isInstanceOf(BillingRuleViolation.class)
                .hasMessage("payment BANK_TRANSFER BANK-001 is already recorded");

        Payments.PaymentResult second = payments.record(
                number, new BigDecimal("10.00"), "BANK_TRANSFER", "BANK-002", LocalDate.parse("2026-11-05"), "finance");
        assertThat(second.toInvoice() + " " + second.toCredit() + " " + second.invoiceStatus())
                .isEqualTo("6.00 USD 4.00 USD PAID");
        assertThat(jdbc.queryForObject(
                        "SELECT CONCAT(status, ' ', amount_paid) FROM invoice WHERE customer_id = 2", String.class))
                .isEqualTo("PAID 10.0000");
        assertThat(jdbc.queryForObject(
                        "SELECT SUM(amount) FROM credit_ledger WHERE customer_id = 2 AND reason = 'OVERPAYMENT'",
                        BigDecimal.class))
                .isEqualByComparingTo("4.00");
        assertThatThrownBy(() -> payments.record(
                        number,
                        new BigDecimal("1.00"),
                        "BANK_TRANSFER",
                        "BANK-003",
                        LocalDate.parse("2026-11-06"),
                        "finance"))
                .hasMessage("invoice " + number + " has nothing left to pay");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM audit_log WHERE action = 'payment.record'", Long.class))
                .isEqualTo(2);

        // a paid invoice can no longer be voided; crediting it puts the money on the account
        assertThatThrownBy(() -> creditNotes.creditNote(
                        number, CreditNoteKind.VOID, null, null, "mistake", LocalDate.parse("2026-11-06"), "finance"))
                .hasMessage("invoice " + number + " has payments (10 USD): issue a credit note instead of voiding it");
        CreditNoteService.CreditNoteResult note = creditNotes.creditNote(
                number,
                CreditNoteKind.AMOUNT,
                null,
                new BigDecimal("3.00"),
                "goodwill",
                LocalDate.parse("2026-11-06"),
                "finance");
        assertThat(note.settlement() + " " + note.toCredit() + " " + note.invoiceStatus())
                .isEqualTo("ACCOUNT_CREDIT 3.00 USD PAID");
        assertThat(jdbc.queryForObject("SELECT SUM(amount) FROM credit_ledger WHERE customer_id = 2", BigDecimal.class))
                .as("4.00 overpaid + 3.00 credited")
                .isEqualByComparingTo("7.00");

        // the referred customer's first invoice is paid: the next run rewards the referrer, once
        runner.run(InvoiceRunJobConfig.INVOICE_RUN, LocalDate.parse("2026-11-06"), "test");
        runner.run(InvoiceRunJobConfig.INVOICE_RUN, LocalDate.parse("2026-11-07"), "test");
        assertThat(jdbc.queryForList(
                        "SELECT CONCAT(reason, ' ', amount) FROM credit_ledger WHERE customer_id = 1", String.class))
                .containsExactly("REFERRAL 10.0000");
    }
}
