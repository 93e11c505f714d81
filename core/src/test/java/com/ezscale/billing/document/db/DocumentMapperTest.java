package com.ezscale.billing.document.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.ezscale.billing.testing.MapperTest;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessException;

class DocumentMapperTest extends MapperTest {

    @Autowired
    DocumentMapper documents;

    /** Bruno's December (invoice 8) gets a 95th-percentile line with its rating, its snapshot, and is issued; then a credit note. */
    @BeforeEach
    void issueBrunosDecemberWithUsageAndCreditIt() {
        update("INSERT INTO rated_usage (id, subscription_id, period_start, period_end_exclusive, revision, currency,"
                + " active_buckets, period_buckets, rank_index, p95_in_bytes, p95_in_bucket, p95_out_bytes, p95_out_bucket,"
                + " p95_sum_bytes, direction_mode, billed_mbps, commit_mbps, overage_mbps, commit_amount, bytes_in, bytes_out,"
                + " samples_fingerprint, rated_at) VALUES (31, 22, '2026-11-01', '2026-12-01', 0, 'EUR', 8640, 8640, 8207,"
                + " 3750000000, 100, 1875000000, 200, 5625000000, 'MAX_OF_IN_AND_OUT', 100, 50, 50, 0, 10, 20, 'fp',"
                + " '2026-12-02 01:00:00')");
        update(
                "INSERT INTO invoice_line (invoice_id, line_no, subscription_id, charge_kind, period_start, period_end_exclusive,"
                        + " description, quantity, unit_price, amount, rated_usage_id) VALUES (8, 2, 22, 'USAGE_COMMIT', '2026-11-01',"
                        + " '2026-12-01', 'Overage 50 Mbps', 50, 0, 0, 31)");
        update(
                "INSERT INTO invoice_line (invoice_id, line_no, subscription_id, charge_kind, period_start, period_end_exclusive,"
                        + " description, quantity, unit_price, amount, discounted_line_no, discount_ref) VALUES (8, 3, 22, 'DISCOUNT',"
                        + " '2026-12-05', '2027-01-05', 'Loyalty 5%', 1, 0, 0, 1, 'loyalty')");
        update("INSERT INTO number_series (series_key, last_value) VALUES ('INV-2026-EU', 1)");
        update(
                "UPDATE invoice SET bill_to_name = 'Bruno Weber', bill_to_company = 'Weber GmbH', bill_to_address = 'Hauptstr. 1',"
                        + " bill_to_country = 'DE', seller_snapshot = 'EZSCALE Hosting LLC\\n1 Datacenter Way\\nUS', tax_mode = 'STANDARD',"
                        + " status = 'ISSUED', series_key = 'INV-2026-EU', sequence_value = 1, number = 'EU-2026-000001',"
                        + " issue_date = '2026-12-05', issued_at = '2026-12-05 02:00:00' WHERE id = 8");
        update(
                "INSERT INTO credit_note (id, seller_entity_id, customer_id, invoice_id, currency, series_key, sequence_value, number,"
                        + " kind, reason, settlement, balance_reduction, issue_date, subtotal, tax_total, total, issued_by, issued_at)"
                        + " VALUES (5, 1, 2, 8, 'EUR', 'CN-2026', 1, 'CN-2026-000001', 'LINES', 'outage', 'REDUCE_BALANCE', 5.95,"
                        + " '2026-12-06', 5.00, 0.95, 5.95, 'finance', '2026-12-06 09:00:00')");
        update(
                "INSERT INTO credit_note_line (credit_note_id, line_no, invoice_line_id, description, amount, tax_name, tax_rate)"
                        + " SELECT 5, 1, id, 'VPS S, half a month', 5.00, 'VAT', 19.00 FROM invoice_line WHERE invoice_id = 8 AND line_no = 1");
        update(
                "INSERT INTO credit_note_tax (credit_note_id, tax_name, rate, taxable_base, tax_amount) VALUES (5, 'VAT', 19.00, 5.00, 0.95)");
    }

    @Test
    void anIssuedInvoicePrintsFromItsSnapshotWithItsLinesTaxesAndEvidence() {
        assertThat(documents.selectRef("EU-2026-000001")).isEqualTo(new DocumentRef("INVOICE", 8, "EU-2026-000001"));
        InvoiceSheet sheet = documents.selectInvoiceSheet(8);
        assertThat(sheet.billToCompany()).isEqualTo("Weber GmbH");
        assertThat(sheet.sellerSnapshot()).startsWith("EZSCALE Hosting LLC\n");
        assertThat(sheet.total()).isEqualByComparingTo("10.71");
        assertThat(sheet.paidAtIssue()).isEqualByComparingTo("0");
        assertThat(sheet.issuedAt()).isEqualTo(Instant.parse("2026-12-05T02:00:00Z"));
        assertThat(documents.selectInvoiceLines(8))
                .extracting(
                        l -> l.lineNo() + " " + l.chargeKind() + " " + l.discountedLineNo() + " " + l.ratedUsageId())
                .containsExactly("1 RECURRING null null", "2 USAGE_COMMIT null 31", "3 DISCOUNT 1 null");
        assertThat(documents.selectInvoiceTaxes(8))
                .singleElement()
                .satisfies(t -> assertThat(t.taxAmount()).isEqualByComparingTo("1.71"));
        assertThat(documents.selectEvidence(8)).singleElement().satisfies(e -> {
            assertThat(e.rankIndex()).isEqualTo(8207);
            assertThat(e.p95InBytes()).isEqualTo(3_750_000_000L);
            assertThat(e.commitMbps()).isEqualByComparingTo("50");
        });
        update("UPDATE customer SET address_line1 = 'Neue Str. 9' WHERE id = 2");
        assertThat(documents.selectInvoiceSheet(8).billToAddress())
                .as("the snapshot, not the live row")
                .isEqualTo("Hauptstr. 1");
    }

    @Test
    void aDraftHasNoDocumentAndACreditNotePrintsWithItsInvoicesSnapshot() {
        assertThat(documents.selectRef("NOPE")).isNull();
        assertThat(documents.selectRef("CN-2026-000001"))
                .isEqualTo(new DocumentRef("CREDIT_NOTE", 5, "CN-2026-000001"));
        CreditNoteSheet note = documents.selectCreditNoteSheet(5);
        assertThat(note.invoiceNumber()).isEqualTo("EU-2026-000001");
        assertThat(note.billToName()).isEqualTo("Bruno Weber");
        assertThat(note.total()).isEqualByComparingTo("5.95");
        assertThat(documents.selectCreditNoteLines(5))
                .extracting(CreditNoteSheetLine::description)
                .containsExactly("VPS S, half a month");
        assertThat(documents.selectCreditNoteTaxes(5))
                .singleElement()
                .satisfies(t -> assertThat(t.rate()).isEqualByComparingTo("19"));
    }

    @Test
    void aDocumentIsStoredOnceNeverChangedAndTheNightlyFindsOnlyWhatHasNone() {
        LocalDate from = LocalDate.parse("2026-11-01");
        LocalDate to = LocalDate.parse("2026-12-31");
        assertThat(documents.selectUnrendered(from, to, "", 0, 10))
                .extracting(DocumentRef::number)
                .containsExactly("CN-2026-000001", "INV-2026-000007", "EU-2026-000001");
        assertThat(documents.selectUnrendered(from, to, "CREDIT_NOTE", 5, 1))
                .extracting(DocumentRef::number)
                .containsExactly("INV-2026-000007");

        StoredDocument pdf = new StoredDocument(
                "INVOICE",
                7,
                "INV-2026-000007",
                "application/pdf",
                "ab".repeat(32),
                3,
                new byte[] {1, 2, 3},
                Instant.parse("2026-12-01T00:00:00Z"));
        assertThat(documents.insertIgnore(pdf)).isEqualTo(1);
        assertThat(documents.insertIgnore(new StoredDocument(
                        "INVOICE",
                        7,
                        "INV-2026-000007",
                        "application/pdf",
                        "cd".repeat(32),
                        1,
                        new byte[] {9},
                        Instant.parse("2026-12-02T00:00:00Z"))))
                .as("a second render of the same document stores nothing")
                .isZero();
        StoredDocument stored = documents.selectStored("INVOICE", 7);
        assertThat(stored.content()).containsExactly(1, 2, 3);
        assertThat(stored.sha256()).isEqualTo("ab".repeat(32));
        assertThat(documents.countStored("INVOICE")).isEqualTo(1);
        assertThat(documents.selectUnrendered(from, to, "", 0, 10))
                .extracting(DocumentRef::number)
                .containsExactly("CN-2026-000001", "EU-2026-000001");
        assertThatThrownBy(() -> update("UPDATE document SET content = X'00' WHERE source_id = 7"))
                .isInstanceOf(DataAccessException.class)
                .hasMessageContaining("a stored document is immutable");
        assertThatThrownBy(() -> update("DELETE FROM document WHERE source_id = 7"))
                .isInstanceOf(DataAccessException.class)
                .hasMessageContaining("a stored document is immutable");
    }
}
