package com.ezscale.billing.invoice;

import static org.assertj.core.api.Assertions.assertThat;

import com.ezscale.billing.money.Money;
import com.ezscale.billing.period.BillingPeriod;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ApprovalPolicyTest {

    private static final ApprovalPolicy POLICY = new ApprovalPolicy(
            Map.of(Money.currency("USD"), new BigDecimal("5000"), Money.currency("JPY"), new BigDecimal("700000")),
            new BigDecimal("3"));

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "null", textBlock = """
            smallInvoicePasses              | USD | 120.00   | null   | null  | null
            atTheThresholdPasses            | USD | 5000.00  | null   | null  | null
            aboveTheThresholdWaits          | USD | 5000.01  | null   | null  | total 5000.01 USD is above the approval threshold 5000 USD
            noThresholdForTheCurrency       | EUR | 99999.00 | null   | null  | null
            yenThreshold                    | JPY | 700001   | null   | null  | total 700001 JPY is above the approval threshold 700000 JPY
            usageThreeTimesPasses           | USD | 10.00    | 300.00 | 100.00| null
            usageAboveThreeTimesWaits       | USD | 10.00    | 300.01 | 100.00| service 5: USAGE_COMMIT 300.01 USD is more than 3x the previous period's 100
            noPreviousPeriodPasses          | USD | 10.00    | 900.00 | null  | null
            """)
    void hold(String name, String currency, String recurring, String usage, String previous, String reason) {
        BillingPeriod period = new BillingPeriod(LocalDate.parse("2026-11-01"), LocalDate.parse("2026-12-01"));
        List<ProposedLine> lines = new ArrayList<>();
        lines.add(new ProposedLine(
                5,
                ChargeKind.RECURRING,
                period,
                "plan",
                BigDecimal.ONE,
                new BigDecimal(recurring),
                Money.of(recurring, currency)));
        if (usage != null) {
            lines.add(new ProposedLine(
                    5,
                    ChargeKind.USAGE_COMMIT,
                    period,
                    "p95",
                    BigDecimal.ONE,
                    new BigDecimal(usage),
                    Money.of(usage, currency),
                    0,
                    77L));
        }
        DraftInvoice draft = new DraftInvoice(1, Money.currency(currency), period.start(), lines);
        Map<String, BigDecimal> previousUsage =
                previous == null ? Map.of() : Map.of("77:USAGE_COMMIT", new BigDecimal(previous));
        assertThat(POLICY.holdReason(draft, previousUsage).orElse(null)).isEqualTo(reason);
    }
}
