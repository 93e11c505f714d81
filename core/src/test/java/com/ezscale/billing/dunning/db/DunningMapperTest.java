package com.ezscale.billing.dunning.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.ezscale.billing.testing.MapperTest;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DuplicateKeyException;

class DunningMapperTest extends MapperTest {

    static final LocalDate NOV_20 = LocalDate.parse("2026-11-20");
    static final Instant AT = Instant.parse("2026-11-20T02:00:00Z");

    @Autowired
    DunningMapper dunning;

    @Test
    void anOverdueInvoiceIsACandidateWithWhatItOwesAndTheStepsAlreadyTaken() {
        assertThat(dunning.selectCandidatesPage(0, NOV_20, NOV_20, null, 10))
                .singleElement()
                .satisfies(c -> {
                    assertThat(c.id()).isEqualTo(7);
                    assertThat(c.number()).isEqualTo("INV-2026-000007");
                    assertThat(c.owed()).isEqualByComparingTo("160.00");
                    assertThat(c.exempt()).isFalse();
                    assertThat(c.lateFeeInvoice()).isFalse();
                    assertThat(c.customerName()).isEqualTo("Ada Lovelace");
                    assertThat(c.done()).isNull();
                });
        assertThat(dunning.selectCandidatesPage(0, LocalDate.parse("2026-10-31"), NOV_20, null, 10))
                .as("not issued yet on the run's date")
                .isEmpty();
        assertThat(dunning.selectCandidatesPage(0, NOV_20, LocalDate.parse("2026-11-14"), null, 10))
                .as("not due by the horizon")
                .isEmpty();
        assertThat(dunning.selectCandidatesPage(7, NOV_20, NOV_20, null, 10)).isEmpty();
        assertThat(dunning.selectCandidatesPage(0, NOV_20, NOV_20, 2L, 10)).isEmpty();
        update("UPDATE customer SET shadow = TRUE WHERE id = 1");
        assertThat(dunning.selectCandidatesPage(0, NOV_20, NOV_20, null, 10))
                .as("WHMCS reminds and charges the customers it still bills")
                .isEmpty();
        update("UPDATE customer SET shadow = FALSE WHERE id = 1");

        dunning.insertStep(7, "REMINDER_1", "REMINDER", NOV_20, "first reminder", AT);
        dunning.insertStep(7, "LATE_FEE", "LATE_FEE", NOV_20, null, AT);
        assertThatThrownBy(() -> dunning.insertStep(7, "REMINDER_1", "REMINDER", NOV_20.plusDays(1), null, AT))
                .as("a step is taken once")
                .isInstanceOf(DuplicateKeyException.class);
        assertThat(dunning.selectCandidatesPage(0, NOV_20, NOV_20, null, 10)
                        .get(0)
                        .done())
                .isIn("REMINDER_1,LATE_FEE", "LATE_FEE,REMINDER_1");

        update("UPDATE customer SET customer_group = 'PARTNER' WHERE id = 1");
        update("INSERT INTO customer_group_policy (group_code, dunning_exempt) VALUES ('PARTNER', TRUE)");
        assertThat(dunning.selectCandidatesPage(0, NOV_20, NOV_20, null, 10)
                        .get(0)
                        .exempt())
                .isTrue();
    }

    @Test
    void theServicesAndMainTaxOfInvoicesAndWhatDunningSuspended() {
        assertThat(dunning.selectInvoiceServices(List.of(7L, 8L)))
                .extracting(s -> s.invoiceId() + " " + s.subscriptionId() + " " + s.panel() + " " + s.panelRef())
                .containsExactly("7 21 VIRTFUSION 121", "7 23 PTERODACTYL 9", "8 22 VIRTFUSION 122");
        assertThat(dunning.selectMainTax(List.of(7L, 8L)))
                .containsExactly(new TaxOfInvoice(8, "VAT", new BigDecimal("19.0000")));

        assertThat(dunning.selectDunningSuspended(null)).isEmpty();
        update(
                "UPDATE subscription SET status = 'SUSPENDED', suspended_by = 'DUNNING', suspended_at = ? WHERE id = 23",
                java.sql.Timestamp.from(AT));
        update("UPDATE subscription SET status = 'SUSPENDED', suspended_by = 'ADMIN' WHERE id = 22");
        assertThat(dunning.selectDunningSuspended(null)).singleElement().satisfies(s -> {
            assertThat(s.subscriptionId()).isEqualTo(23);
            assertThat(s.suspendedAt()).isEqualTo(AT);
            assertThat(s.email()).isEqualTo("ada@example.com");
        });
        assertThat(dunning.selectDunningSuspended(2L)).isEmpty();
    }

    @Test
    void openInvoicesAndIssuedInvoicesNotYetAnnounced() {
        assertThat(dunning.selectOpenInvoices(List.of(1L, 2L)))
                .extracting(o -> o.id() + " owes " + o.owed().toPlainString())
                .containsExactly("7 owes 160.0000");
        assertThat(dunning.selectIssuedWithoutNotice(LocalDate.parse("2026-11-01"), 0, 10))
                .singleElement()
                .satisfies(i -> {
                    assertThat(i.number()).isEqualTo("INV-2026-000007");
                    assertThat(i.email()).isEqualTo("ada@example.com");
                });
        assertThat(dunning.selectIssuedWithoutNotice(LocalDate.parse("2026-11-02"), 0, 10))
                .isEmpty();
        update(
                "INSERT INTO outbox (dedupe_key, channel, action, customer_id, invoice_id, payload, status, next_attempt_at,"
                        + " created_at) VALUES ('EMAIL:ISSUED:7', 'EMAIL', 'INVOICE_ISSUED', 1, 7, '{}', 'PENDING', NOW(6), NOW(6))");
        assertThat(dunning.selectIssuedWithoutNotice(LocalDate.parse("2026-11-01"), 0, 10))
                .isEmpty();
    }
}
