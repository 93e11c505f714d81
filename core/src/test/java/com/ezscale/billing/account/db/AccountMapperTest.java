package com.ezscale.billing.account.db;

import static org.assertj.core.api.Assertions.assertThat;

import com.ezscale.billing.testing.MapperTest;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Every read of the customer portal finds the customer's own rows and none of another's. */
class AccountMapperTest extends MapperTest {

    static final Instant AT = Instant.parse("2026-11-30T16:00:00Z");

    @Autowired
    AccountMapper account;

    @BeforeEach
    void bruno() {
        // Bruno's invoice 8 issued, with a credit note; a payment of each customer; Ada's dedicated server metered,
        // with two addresses
        update(
                "UPDATE invoice SET status = 'ISSUED', series_key = 'INV-2026', sequence_value = 8, number = 'INV-2026-000008',"
                        + " issue_date = '2026-12-05', issued_at = '2026-12-05 02:00:00' WHERE id = 8");
        update(
                "INSERT INTO credit_note (id, seller_entity_id, customer_id, invoice_id, currency, series_key, sequence_value, number,"
                        + " kind, reason, settlement, balance_reduction, issue_date, subtotal, tax_total, total, issued_by, issued_at)"
                        + " VALUES (5, 1, 2, 8, 'EUR', 'CN-2026', 1, 'CN-2026-000001', 'LINES', 'outage', 'REDUCE_BALANCE', 5.95,"
                        + " '2026-12-06', 5.00, 0.95, 5.95, 'finance', '2026-12-06 09:00:00')");
        update(
                "INSERT INTO payment (id, customer_id, invoice_id, currency, amount, applied_to_invoice, method, reference, status,"
                        + " received_on, recorded_by, created_at) VALUES"
                        + " (31, 1, 7, 'USD', 60.00, 60.00, 'BANK_TRANSFER', 'wire-1', 'SUCCEEDED', '2026-11-10', 'finance', '2026-11-10 10:00:00'),"
                        + " (32, 2, 8, 'EUR', 10.71, 10.71, 'CARD', 'ch_2', 'SUCCEEDED', '2026-12-06', 'stripe', '2026-12-06 10:00:00')");
        update("INSERT INTO plan_usage_terms (plan_id, commit_mbps) VALUES (3, 100)");
        update(
                "INSERT INTO ip_assignment (subscription_id, cidr, ip_family, network, prefix_length, valid_from, valid_until) VALUES"
                        + " (23, '203.0.113.10/32', 4, UNHEX('CB00710A'), 32, '2026-11-01 00:00:00', NULL),"
                        + " (23, '2001:db8::/64', 6, UNHEX('20010DB8000000000000000000000000'), 64, '2026-11-01 00:00:00', NULL),"
                        + " (23, '203.0.113.99/32', 4, UNHEX('CB007163'), 32, '2026-11-01 00:00:00', '2026-11-15 00:00:00')");
        update("INSERT INTO migration_key (source, kind, source_id, target_id, fingerprint, imported_at) VALUES"
                + " ('whmcs', 'invoice', 1001, 7, REPEAT('a', 64), '2026-11-01 00:00:00'),"
                + " ('whmcs', 'invoice', 1002, 8, REPEAT('b', 64), '2026-11-01 00:00:00')");
    }

    @Test
    void creditNotesAndDocumentsOfTheirCustomerOnly() {
        assertThat(account.selectCreditNotes(2, null, 10))
                .extracting(AccountCreditNote::number, AccountCreditNote::invoiceNumber, AccountCreditNote::reason)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("CN-2026-000001", "INV-2026-000008", "outage"));
        assertThat(account.selectCreditNotes(2, 5L, 10)).isEmpty();
        assertThat(account.selectCreditNotes(1, null, 10)).isEmpty();

        assertThat(account.selectDocumentKind(1, "INV-2026-000007")).isEqualTo("INVOICE");
        assertThat(account.selectDocumentKind(2, "CN-2026-000001")).isEqualTo("CREDIT_NOTE");
        assertThat(account.selectDocumentKind(1, "CN-2026-000001"))
                .as("Bruno's")
                .isNull();
        assertThat(account.selectDocumentKind(2, "INV-2026-000007")).as("Ada's").isNull();
    }

    @Test
    void paymentsOfTheirCustomerOnly() {
        assertThat(account.selectPayments(1, null, 10))
                .extracting(AccountPayment::reference, AccountPayment::invoiceNumber, AccountPayment::receivedOn)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(
                        "wire-1", "INV-2026-000007", LocalDate.parse("2026-11-10")));
        assertThat(account.selectPayments(2, null, 10))
                .extracting(AccountPayment::reference)
                .containsExactly("ch_2");
        assertThat(account.selectPayments(2, 32L, 10)).isEmpty();
    }

    @Test
    void creditHistoryOfTheirCustomerOnly() {
        update(
                "INSERT INTO credit_ledger (customer_id, currency, amount, reason, source_type, source_id, note, actor, created_at)"
                        + " VALUES (1, 'USD', 25.00, 'MANUAL', 'ADJUSTMENT', 1, 'goodwill', 'admin', '2026-11-02 10:00:00'),"
                        + " (1, 'USD', -10.00, 'APPLIED', 'INVOICE', 7, NULL, 'invoiceRun', '2026-11-03 10:00:00'),"
                        + " (2, 'EUR', 5.00, 'MANUAL', 'ADJUSTMENT', 2, NULL, 'admin', '2026-11-02 10:00:00')");
        assertThat(account.selectCreditHistory(1, 10))
                .extracting(e -> e.amount().stripTrailingZeros().toPlainString())
                .containsExactly("-10", "25");
        assertThat(account.selectCreditHistory(1, 1)).hasSize(1);
        assertThat(account.selectCreditHistory(2, 10))
                .extracting(AccountCreditEntry::currency)
                .containsExactly("EUR");
    }

    @Test
    void servicesWithTheirCurrentAddresses() {
        assertThat(account.selectServices(1, AT))
                .extracting(AccountService::id, AccountService::planName, AccountService::ips, AccountService::metered)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(21L, "VPS S", null, false),
                        org.assertj.core.groups.Tuple.tuple(
                                23L, "Dedicated 95th", "203.0.113.10/32, 2001:db8::/64", true));
        assertThat(account.selectService(1, 23, Instant.parse("2026-11-10T00:00:00Z"))
                        .ips())
                .as("the address valid then too")
                .isEqualTo("203.0.113.10/32, 2001:db8::/64, 203.0.113.99/32");
        assertThat(account.selectService(2, 23, AT)).as("Ada's service").isNull();
        assertThat(account.selectService(2, 22, AT).nextPeriodStart()).isEqualTo(LocalDate.parse("2026-12-05"));
    }

    @Test
    void anImportedInvoiceFoundByItsWhmcsIdForItsOwnerOnly() {
        assertThat(account.selectImportedInvoiceNumber(1, 1001)).isEqualTo("INV-2026-000007");
        assertThat(account.selectImportedInvoiceNumber(2, 1001)).isNull();
        assertThat(account.selectImportedInvoiceNumber(2, 1002)).isEqualTo("INV-2026-000008");
        assertThat(account.selectImportedInvoiceNumber(1, 9999)).isNull();
        // as an import writes it now: no key, its WHMCS id its value in the WHMCS series
        update(
                "INSERT INTO invoice (seller_entity_id, customer_id, currency, status, series_key, sequence_value, number,"
                        + " due_date, issue_date, issued_at, subtotal, tax_total, total, created_at)"
                        + " VALUES (1, 1, 'USD', 'PAID', 'WHMCS', 9999, 'W-9999', '2025-01-15', '2025-01-01', '2025-01-01 00:00:00',"
                        + " 0, 0, 0, '2025-01-01 00:00:00')");
        assertThat(account.selectImportedInvoiceNumber(1, 9999)).isEqualTo("W-9999");
        assertThat(account.selectImportedInvoiceNumber(2, 9999))
                .as("another customer's")
                .isNull();
    }
}
