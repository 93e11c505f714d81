package com.ezscale.billing.migration.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.ezscale.billing.migration.db.ParallelRunMapper.ComparedInvoice;
import com.ezscale.billing.migration.db.ParallelRunMapper.ComparedLine;
import com.ezscale.billing.migration.db.ParallelRunMapper.ComparedTax;
import com.ezscale.billing.migration.db.ParallelRunMapper.ReportLine;
import com.ezscale.billing.migration.db.ParallelRunMapper.RuleCount;
import com.ezscale.billing.migration.db.ParallelRunMapper.RunRow;
import com.ezscale.billing.migration.db.ParallelRunMapper.ShadowInvoice;
import com.ezscale.billing.migration.db.ParallelRunMapper.ShadowLine;
import com.ezscale.billing.persistence.GeneratedKey;
import com.ezscale.billing.testing.MapperTest;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DuplicateKeyException;

class ParallelRunMapperTest extends MapperTest {

    static final LocalDate DEC_1 = LocalDate.parse("2026-12-01");
    static final Instant AT = Instant.parse("2026-11-30T10:00:00Z");

    @Autowired
    ParallelRunMapper parallel;

    @Autowired
    MigrationMapper migration;

    @Test
    void oneParallelRunIsOpenAtATimeAndCutoverClosesIt() {
        assertThat(parallel.selectOpenRun()).isNull();
        GeneratedKey key = new GeneratedKey();
        parallel.insertRun(
                new RunRow(0, "jdbc:mysql://whmcs/whmcs", DEC_1, DEC_1.minusDays(30), DEC_1, null, null, null), key);
        assertThatThrownBy(() -> parallel.insertRun(
                        new RunRow(0, "jdbc:mysql://other/whmcs", DEC_1, DEC_1, DEC_1, null, null, null),
                        new GeneratedKey()))
                .isInstanceOf(DuplicateKeyException.class);

        assertThat(parallel.updateLastAsOf(key.value(), DEC_1.plusDays(1))).isEqualTo(1);
        assertThat(parallel.selectOpenRun())
                .isEqualTo(new RunRow(
                        key.value(),
                        "jdbc:mysql://whmcs/whmcs",
                        DEC_1,
                        DEC_1.minusDays(30),
                        DEC_1.plusDays(1),
                        null,
                        null,
                        null));
        assertThat(parallel.closeRun(key.value(), DEC_1.plusDays(2), "finance", 3))
                .isEqualTo(1);
        assertThat(parallel.closeRun(key.value(), DEC_1.plusDays(3), "finance", 0))
                .as("once")
                .isZero();
        assertThat(parallel.updateLastAsOf(key.value(), DEC_1.plusDays(4)))
                .as("closed")
                .isZero();

        assertThat(parallel.selectOpenRun()).isNull();
        assertThat(parallel.selectLatestRun())
                .isEqualTo(new RunRow(
                        key.value(),
                        "jdbc:mysql://whmcs/whmcs",
                        DEC_1,
                        DEC_1.minusDays(30),
                        DEC_1.plusDays(1),
                        DEC_1.plusDays(2),
                        "finance",
                        3));
    }

    @Test
    void theCustomersImportedFromASourceAreShadowUntilCutover() {
        migration.upsertKey("whmcs", "client", new MigrationKey(41, 1, "a".repeat(64)), AT);

        assertThat(parallel.markShadow("whmcs")).isEqualTo(1);
        assertThat(parallel.markShadow("whmcs")).as("already").isZero();
        assertThat(parallel.countShadowCustomers()).isEqualTo(1);
        assertThat(sql(Long.class, "SELECT id FROM customer WHERE shadow")).isEqualTo(1L);

        assertThat(parallel.clearShadow()).isEqualTo(1);
        assertThat(parallel.countShadowCustomers()).isZero();
    }

    @Test
    void theImportedWhmcsInvoicesOfShadowCustomersAreComparedWithTheirLinesAndTaxes() {
        long invoice = whmcsInvoice(1, 1042, LocalDate.parse("2026-11-17"));
        whmcsInvoice(2, 1043, LocalDate.parse("2026-11-17"));
        update("UPDATE customer SET shadow = TRUE WHERE id = 1");

        assertThat(parallel.selectInvoicesToCompare("WHMCS", LocalDate.parse("2026-11-01"), DEC_1))
                .as("customer 2 is billed here")
                .containsExactly(new ComparedInvoice(
                        invoice,
                        1,
                        "1042",
                        LocalDate.parse("2026-11-17"),
                        "USD",
                        new BigDecimal("20.0000"),
                        new BigDecimal("2.0000"),
                        new BigDecimal("22.0000")));
        assertThat(parallel.selectInvoicesToCompare("WHMCS", LocalDate.parse("2026-11-18"), DEC_1))
                .isEmpty();
        assertThat(parallel.selectInvoicesToCompare("INV", LocalDate.parse("2026-11-01"), DEC_1))
                .isEmpty();
        assertThat(parallel.selectLinesOf(List.of(invoice)))
                .containsExactly(new ComparedLine(
                        invoice,
                        21L,
                        "RECURRING",
                        DEC_1,
                        LocalDate.parse("2027-01-01"),
                        "VPS S (2026-12-01)",
                        new BigDecimal("20.0000")));
        assertThat(parallel.selectTaxesOf(List.of(invoice)))
                .containsExactly(new ComparedTax(invoice, "Tax", new BigDecimal("10.0000")));
        assertThat(parallel.selectServiceStates(List.of(21L, 23L)))
                .extracting(ParallelRunMapper.ServiceState::id)
                .containsExactlyInAnyOrder(21L, 23L);
    }

    @Test
    void aComparisonIsStoredCountedByRuleListedByDifferenceAndRedoneWhole() {
        GeneratedKey run = new GeneratedKey();
        parallel.insertRun(new RunRow(0, "jdbc:mysql://whmcs/whmcs", DEC_1, DEC_1, DEC_1, null, null, null), run);
        GeneratedKey shadow = new GeneratedKey();
        parallel.insertShadowInvoice(
                new ShadowInvoice(
                        run.value(),
                        1,
                        null,
                        "1042",
                        DEC_1,
                        DEC_1,
                        "USD",
                        new BigDecimal("22.00"),
                        new BigDecimal("20.00"),
                        new BigDecimal("0.00"),
                        new BigDecimal("20.00"),
                        1),
                shadow);
        parallel.insertShadowLine(new ShadowLine(
                shadow.value(),
                1,
                21L,
                "RECURRING",
                DEC_1,
                "VPS S",
                new BigDecimal("20.00"),
                new BigDecimal("20.00"),
                BigDecimal.ZERO,
                "SAME",
                "same amount"));
        parallel.insertShadowLine(new ShadowLine(
                shadow.value(),
                2,
                null,
                null,
                null,
                "Tax",
                new BigDecimal("2.00"),
                new BigDecimal("0.00"),
                new BigDecimal("-2.00"),
                "TAX",
                "same lines, other tax"));

        assertThat(parallel.selectRuleCounts(run.value()))
                .containsExactly(
                        new RuleCount("SAME", 1, new BigDecimal("0.0000")),
                        new RuleCount("TAX", 1, new BigDecimal("-2.0000")));
        assertThat(parallel.selectDifferences(run.value(), 10))
                .containsExactly(new ReportLine(
                        1,
                        "1042",
                        DEC_1,
                        "USD",
                        null,
                        null,
                        null,
                        "Tax",
                        new BigDecimal("2.0000"),
                        new BigDecimal("0.0000"),
                        new BigDecimal("-2.0000"),
                        "TAX",
                        "same lines, other tax"));

        assertThat(parallel.deleteComparison(run.value())).isEqualTo(1);
        assertThat(sql(Long.class, "SELECT COUNT(*) FROM shadow_line"))
                .as("with its lines")
                .isZero();
    }

    private long whmcsInvoice(long customerId, long number, LocalDate issued) {
        BillTo billTo = migration.selectBillTo().stream()
                .filter(b -> b.customerId() == customerId)
                .findFirst()
                .orElseThrow();
        GeneratedKey key = new GeneratedKey();
        migration.insertHistoricalInvoice(
                new HistoricalInvoice(
                        1,
                        migration.selectSellerSnapshot(1),
                        billTo,
                        customerId == 1 ? "USD" : "EUR",
                        "WHMCS",
                        number,
                        Long.toString(number),
                        DEC_1,
                        issued,
                        issued.atStartOfDay().toInstant(java.time.ZoneOffset.UTC),
                        new BigDecimal("20.00"),
                        new BigDecimal("2.00"),
                        new BigDecimal("22.00"),
                        AT,
                        "ISSUED",
                        BigDecimal.ZERO,
                        BigDecimal.ZERO,
                        null),
                key);
        update("SET " + HistoricalInvoice.HISTORY_LOAD + " = 'WHMCS'");
        migration.insertHistoricalLine(new HistoricalLine(
                key.value(),
                1,
                customerId == 1 ? 21L : 23L,
                1L,
                "RECURRING",
                DEC_1,
                LocalDate.parse("2027-01-01"),
                0,
                "VPS S (2026-12-01)",
                new BigDecimal("20.00")));
        migration.insertHistoricalTax(
                key.value(), "Tax", new BigDecimal("10.000"), new BigDecimal("20.00"), new BigDecimal("2.00"));
        update("SET " + HistoricalInvoice.HISTORY_LOAD + " = NULL");
        return key.value();
    }
}
