package com.ezscale.billing.dunning;

import static org.assertj.core.api.Assertions.assertThat;

import com.ezscale.billing.invoice.ChargeKind;
import com.ezscale.billing.invoice.ProposedLine;
import com.ezscale.billing.money.Money;
import com.ezscale.billing.tax.TaxDecision;
import com.ezscale.billing.tax.TaxMode;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * What dunning plans for an invoice of 100.00 EUR (19 % VAT on top) due 2026-12-01, billing two
 * services (21 active on VirtFusion, 23 already cancelled), on a given day with some steps done:
 * the emails (by dedupe key), the late fee invoice's line, the services suspended or terminated
 * and the panel calls.
 */
class DunningProcessorTest {

    static final DunningProcessor PROCESSOR = new DunningProcessor(DunningSchedule.defaults());
    static final LocalDate DUE = LocalDate.parse("2026-12-01");

    static DunningCase invoice(
            long id, String outstanding, Set<String> done, List<DunningCase.BilledService> services) {
        return new DunningCase(
                new InvoiceDunningState(
                        id, DUE, Money.of("100.00", "EUR"), Money.of(outstanding, "EUR"), false, false, done),
                "INV-2026-00000" + id,
                1,
                "Bruno Weber",
                "bruno@example.de",
                false,
                new TaxDecision(TaxMode.STANDARD, "VAT", new BigDecimal("19.00"), null),
                "VAT",
                new BigDecimal("19.00"),
                services);
    }

    static final List<DunningCase.BilledService> SERVICES = List.of(
            new DunningCase.BilledService(21, "ACTIVE", "VIRTFUSION", "121", "vps-bruno"),
            new DunningCase.BilledService(23, "CANCELLED", null, null, "dedi-bruno"));

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            nothingBeforeTheReminder | 2026-11-20 | -                          | -                                      | -     | -  | -
            reminder                 | 2026-11-24 | -                          | EMAIL:REMINDER:7                       | -     | -  | -
            firstNotice              | 2026-12-02 | ATTEMPT:1                  | EMAIL:NOTICE:1:7                       | -     | -  | -
            warningOnDayThree        | 2026-12-04 | ATTEMPT:1 NOTICE:1         | EMAIL:SUSPENSION_WARNING:7             | -     | -  | -
            feeAndSuspensionOnDayFive| 2026-12-06 | NOTICE:1 SUSPENSION_WARNING| EMAIL:SUSPENDED:7                      | 10.00 | S21| PANEL:SUSPEND:21:7
            terminationOnDayThirty   | 2026-12-31 | NOTICE:1 NOTICE:7 NOTICE:14 LATE_FEE SUSPEND | EMAIL:TERMINATED:7 | -     | T21 | PANEL:TERMINATE:21
            paidStopsEverything      | 2026-12-06 | NOTICE:1                   | -                                      | -     | -  | -
            """)
    void plan(String name, String asOf, String done, String emails, String lateFee, String services, String panels) {
        String outstanding = name.startsWith("paid") ? "0.00" : "100.00";
        List<DunningOutcome> outcomes = PROCESSOR.plan(
                List.of(invoice(7, outstanding, done == null ? Set.of() : Set.of(done.split(" ")), SERVICES)),
                LocalDate.parse(asOf));
        if (emails == null && lateFee == null && services == null) {
            assertThat(outcomes).isEmpty();
            return;
        }
        DunningOutcome o = outcomes.get(0);
        assertThat(o.emails()).extracting(DunningOutcome.Email::dedupeKey).containsExactlyElementsOf(words(emails));
        if (lateFee == null) {
            assertThat(o.lateFee()).isNull();
        } else {
            ProposedLine line = o.lateFee().lines().get(0);
            assertThat(o.lateFee().lines()).hasSize(1);
            assertThat(line.kind()).isEqualTo(ChargeKind.LATE_FEE);
            assertThat(line.amount()).isEqualTo(Money.of(lateFee, "EUR"));
            assertThat(line.description())
                    .isEqualTo(
                            "Late fee on invoice INV-2026-000007 (due 2026-12-01, 100.00 EUR owed): 10%, at least 5.00 EUR");
            assertThat(line.taxName() + " " + line.taxRate()).isEqualTo("VAT 19.00");
            assertThat(o.lateFee().lateFeeFor()).isEqualTo(7L);
            assertThat(o.lateFee().dueDate()).isEqualTo(LocalDate.parse(asOf));
            assertThat(o.lateFee().taxes())
                    .singleElement()
                    .satisfies(t -> assertThat(t.tax()).isEqualTo(Money.of("1.90", "EUR")));
        }
        assertThat(o.suspend().stream().map(id -> "S" + id))
                .containsExactlyElementsOf(
                        words(services).stream().filter(s -> s.startsWith("S")).toList());
        assertThat(o.terminate().stream().map(id -> "T" + id))
                .containsExactlyElementsOf(
                        words(services).stream().filter(s -> s.startsWith("T")).toList());
        assertThat(o.panelCalls())
                .extracting(DunningOutcome.PanelCall::dedupeKey)
                .containsExactlyElementsOf(words(panels));
    }

    @Test
    void aServiceOnTwoOverdueInvoicesOfTheChunkIsSuspendedOnceByTheFirst() {
        Set<String> done = Set.of("NOTICE:1", "SUSPENSION_WARNING");
        List<DunningOutcome> outcomes = PROCESSOR.plan(
                List.of(invoice(7, "100.00", done, SERVICES), invoice(8, "100.00", done, SERVICES)),
                LocalDate.parse("2026-12-06"));
        assertThat(outcomes).extracting(DunningOutcome::suspend).containsExactly(List.of(21L), List.of());
        assertThat(outcomes.get(1).steps())
                .filteredOn(s -> s.kind() == DunningActionKind.SUSPEND)
                .singleElement()
                .satisfies(s -> assertThat(s.detail()).isEqualTo("no active service"));
        assertThat(outcomes).allSatisfy(o -> assertThat(o.lateFee()).isNotNull());
    }

    private static List<String> words(String s) {
        return s == null ? List.of() : Arrays.asList(s.trim().split("\\s+"));
    }
}
