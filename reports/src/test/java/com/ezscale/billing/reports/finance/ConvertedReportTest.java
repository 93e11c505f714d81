package com.ezscale.billing.reports.finance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.ezscale.billing.app.fx.FxRates;
import com.ezscale.billing.fx.FxRate;
import com.ezscale.billing.reports.finance.Report.Column;
import com.ezscale.billing.reports.finance.Report.Kind;
import com.ezscale.billing.reports.finance.Report.Role;
import com.ezscale.billing.reports.finance.Report.Table;
import com.ezscale.billing.rules.BillingRuleViolation;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConvertedReportTest {

    static final LocalDate TO = LocalDate.parse("2026-11-30");

    static final List<Column> REVENUE = List.of(
            new Column("Month", Kind.TEXT, 9),
            new Column("Product", Kind.TEXT, 24),
            new Column("Plan", Kind.TEXT, 18),
            new Column("Invoiced", Kind.MONEY, 14),
            new Column("Credited", Kind.MONEY, 14),
            new Column("Net", Kind.MONEY, 14));

    /** EUR/USD stored (USD amounts convert by its inverse), EUR/JPY too; 2026-10-31 is a Saturday. */
    static final FxRates.Conversion TO_EUR = new FxRates.Conversion(
            "EUR",
            List.of(
                    new FxRate("EUR", "USD", LocalDate.parse("2026-10-30"), new BigDecimal("1.10"), "ECB"),
                    new FxRate("EUR", "USD", TO, new BigDecimal("1.05"), "ECB"),
                    new FxRate("EUR", "JPY", TO, new BigDecimal("160"), "ECB")));

    static Report revenue() {
        return new Report(
                "revenue",
                "Revenue",
                "2026-10-01 to 2026-11-30",
                List.of(
                        FinanceReports.table(
                                "Revenue USD",
                                "USD",
                                REVENUE,
                                List.of(
                                        row("2026-10", "VPS", "S", "100.00", "0.00", "100.00"),
                                        row("2026-11", "VPS", "S", "50.00", "10.00", "40.00")),
                                "Total"),
                        FinanceReports.table(
                                "Revenue EUR",
                                "EUR",
                                REVENUE,
                                List.of(
                                        row("2026-11", "VPS", "S", "20.00", "0.00", "20.00"),
                                        row("2026-11", "Transit", "100", "7.77", "0.00", "7.77")),
                                "Total"),
                        FinanceReports.table(
                                "Revenue JPY",
                                "JPY",
                                REVENUE,
                                List.<Object[]>of(row("2026-11", "VPS", "S", "1000", "0", "1000")),
                                "Total")),
                List.of());
    }

    @Test
    void rowsOfTheSameMonthProductAndPlanAreAddedAfterEachIsConvertedAtItsMonthEndRate() {
        Report converted = ConvertedReport.convert(revenue(), TO_EUR, TO);

        assertThat(converted.tables()).extracting(Table::title).containsExactly("Revenue in EUR", "Rates used");
        Table eur = converted.tables().get(0);
        assertThat(eur.currency()).isEqualTo("EUR");
        assertThat(eur.rows().stream().map(Arrays::toString))
                .containsExactly(
                        // 100 USD x (1 / 1.10 = 0.9090909091) = 90.91
                        "[2026-10, VPS, S, 90.91, 0.00, 90.91]",
                        "[2026-11, Transit, 100, 7.77, 0.00, 7.77]",
                        // 50 USD / 1.05 = 47.62, + 20.00 EUR, + 1000 JPY / 160 = 6.25; net 40 USD = 38.10
                        "[2026-11, VPS, S, 73.87, 9.52, 64.35]");
        assertThat(Arrays.toString(eur.totals())).isEqualTo("[Total EUR, null, null, 172.55, 9.52, 163.03]");

        Table rates = converted.tables().get(1);
        assertThat(rates.rows().stream().map(Arrays::toString))
                .containsExactly(
                        "[JPY, 2026-11-30, 2026-11-30, 1 JPY = 0.00625 EUR, inverse of the EUR/JPY rate, ECB]",
                        "[USD, 2026-10-31, 2026-10-30, 1 USD = 0.9090909091 EUR, inverse of the EUR/USD rate, ECB]",
                        "[USD, 2026-11-30, 2026-11-30, 1 USD = 0.9523809524 EUR, inverse of the EUR/USD rate, ECB]");
        assertThat(converted.parameters()).isEqualTo("2026-10-01 to 2026-11-30, in EUR");
        assertThat(converted.notes()).anyMatch(n -> n.startsWith("Converted to EUR"));
    }

    @Test
    void balancesAddUpOnTheirDayButAreNeverTotalledAcrossDays() {
        List<Column> mrr = List.of(
                new Column("Month", Kind.TEXT, 9),
                new Column("Snapshot", Kind.DATE, 11),
                new Column("Customers", Kind.INTEGER, 9).as(Role.POINT),
                new Column("MRR", Kind.MONEY, 13).as(Role.POINT),
                new Column("New", Kind.MONEY, 11),
                new Column("Logo churn %", Kind.NUMBER, 9));
        LocalDate oct = LocalDate.parse("2026-10-31");
        Report report = new Report(
                "mrr",
                "MRR",
                "2026-10-01 to 2026-11-30",
                List.of(
                        new Table(
                                "MRR USD",
                                "USD",
                                mrr,
                                List.of(
                                        new Object[] {
                                            "2026-10", oct, 2, new BigDecimal("110.00"), new BigDecimal("110.00"), null
                                        },
                                        new Object[] {
                                            "2026-11",
                                            TO,
                                            1,
                                            new BigDecimal("105.00"),
                                            new BigDecimal("0.00"),
                                            new BigDecimal("50")
                                        }),
                                null),
                        new Table(
                                "MRR EUR",
                                "EUR",
                                mrr,
                                List.<Object[]>of(new Object[] {
                                    "2026-11", TO, 3, new BigDecimal("30.00"), new BigDecimal("30.00"), BigDecimal.ZERO
                                }),
                                null)),
                List.of());

        Table eur = ConvertedReport.convert(report, TO_EUR, TO).tables().get(0);

        assertThat(eur.rows().stream().map(Arrays::toString))
                .containsExactly(
                        "[2026-10, 2026-10-31, 2, 100.00, 100.00, null]", // USD alone: its own churn stays
                        "[2026-11, 2026-11-30, 4, 130.00, 30.00, null]"); // a percentage of one currency is not the
        // sum's
        assertThat(Arrays.toString(eur.totals()))
                .as("MRR and customers are balances: no total across months; new MRR adds up")
                .isEqualTo("[Total EUR, null, null, null, 130.00, null]");
    }

    @Test
    void aMissingRateRefusesTheReportNamingThePairAndDay() {
        FxRates.Conversion toChf = new FxRates.Conversion("CHF", TO_EUR.rates());
        assertThatThrownBy(() -> ConvertedReport.convert(revenue(), toChf, TO))
                .isInstanceOf(BillingRuleViolation.class)
                .hasMessageStartingWith("no exchange rate USD/CHF for 2026-10-31 (nor in the 7 days before)");
    }

    @Test
    void aReportWithoutAmountsIsLeftAsItIs() {
        Report leak = new Report(
                "leak",
                "Leak",
                "p",
                List.of(new Table(
                        "Unattributed traffic", null, List.of(new Column("Day", Kind.DATE, 11)), List.of(), null)),
                List.of());
        assertThat(ConvertedReport.convert(leak, TO_EUR, TO)).isSameAs(leak);
    }

    private static Object[] row(
            String month, String product, String plan, String invoiced, String credited, String net) {
        return new Object[] {
            month, product, plan, new BigDecimal(invoiced), new BigDecimal(credited), new BigDecimal(net)
        };
    }
}
