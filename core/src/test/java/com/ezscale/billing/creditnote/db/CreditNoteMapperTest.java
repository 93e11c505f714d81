package com.ezscale.billing.creditnote.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.ezscale.billing.persistence.GeneratedKey;
import com.ezscale.billing.testing.MapperTest;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessException;

class CreditNoteMapperTest extends MapperTest {

    @Autowired
    CreditNoteMapper notes;

    long note(long invoiceId, String currency, int sequence, String total, String balanceReduction) {
        GeneratedKey key = new GeneratedKey();
        notes.insertCreditNote(
                new CreditNoteInsert(
                        1,
                        invoiceId == 7 ? 1 : 2,
                        invoiceId,
                        currency,
                        "CN-2026",
                        sequence,
                        "CN-2026-00000" + sequence,
                        "LINES",
                        "service not delivered",
                        "REDUCE_BALANCE",
                        new BigDecimal(balanceReduction),
                        LocalDate.parse("2026-11-20"),
                        new BigDecimal(total),
                        BigDecimal.ZERO,
                        new BigDecimal(total),
                        "finance",
                        Instant.parse("2026-11-20T10:00:00Z")),
                key);
        return key.value();
    }

    @Test
    void whatIsCreditedPerLineAndInTotalAddsUpOverNotes() {
        long dedicatedLine = sql(Long.class, "SELECT id FROM invoice_line WHERE invoice_id = 7 AND line_no = 2");
        assertThat(notes.selectCreditableLines(7))
                .extracting(l -> l.lineNo() + " " + l.amount().toPlainString() + " " + l.taxName())
                .containsExactly("1 10.0000 null", "2 150.0000 null");
        assertThat(notes.selectCreditedTotal(7)).isEqualByComparingTo("0");

        long first = note(7, "USD", 1, "50.00", "50.00");
        notes.insertCreditNoteLine(
                first, 1, dedicatedLine, "Dedicated 95th: 10 days down", new BigDecimal("50.00"), null, null);
        long second = note(7, "USD", 2, "25.00", "0");
        notes.insertCreditNoteLine(
                second, 1, dedicatedLine, "Dedicated 95th: goodwill", new BigDecimal("25.00"), null, null);

        assertThat(notes.selectCreditedLines(7))
                .containsExactly(new CreditedLineRow(dedicatedLine, new BigDecimal("75.0000")));
        assertThat(notes.selectCreditedTotal(7)).isEqualByComparingTo("75.00");
        assertThat(notes.selectBalanceReductions(7)).isEqualByComparingTo("50.00");
        assertThat(notes.selectCreditedLines(8)).isEmpty();
    }

    @Test
    void taxesCreditedAreSummedPerRateAndANoteCannotBeChangedOnceWritten() {
        update("UPDATE invoice SET status = 'ISSUED', number = 'INV-2026-000008', series_key = 'INV-2026',"
                + " sequence_value = 8, issue_date = '2026-12-05' WHERE id = 8");
        long id = note(8, "EUR", 1, "5.00", "5.00");
        notes.insertCreditNoteTax(
                id, new TaxRow("VAT", new BigDecimal("19.00"), new BigDecimal("4.20"), new BigDecimal("0.80")));
        long again = note(8, "EUR", 2, "5.71", "5.71");
        notes.insertCreditNoteTax(
                again, new TaxRow("VAT", new BigDecimal("19.00"), new BigDecimal("4.80"), new BigDecimal("0.91")));
        assertThat(notes.selectCreditedTaxes(8)).singleElement().satisfies(t -> {
            assertThat(t.taxableBase()).isEqualByComparingTo("9.00");
            assertThat(t.taxAmount()).isEqualByComparingTo("1.71");
        });
        assertThatThrownBy(() -> jdbc.update("UPDATE credit_note SET reason = 'changed' WHERE id = ?", id))
                .isInstanceOf(DataAccessException.class)
                .hasMessageContaining("immutable");
    }
}
