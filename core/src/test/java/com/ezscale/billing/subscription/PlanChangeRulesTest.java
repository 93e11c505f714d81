package com.ezscale.billing.subscription;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.ezscale.billing.period.BillingCycle;
import com.ezscale.billing.rules.BillingRuleViolation;
import java.math.BigDecimal;
import java.time.LocalDate;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A monthly service started 2026-09-15 on plan 1; requests on 2026-11-25 (its period is 11-15 to 12-15). */
class PlanChangeRulesTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            higherPriceIsAnImmediateUpgrade      | 2 | 10.00 | 20.00 | false | UPGRADE   | IMMEDIATE  | 2026-11-25
            upgradeIgnoresTheTimingAsked         | 2 | 10.00 | 20.00 | true  | UPGRADE   | IMMEDIATE  | 2026-11-25
            lowerPriceWaitsForThePeriodEnd       | 2 | 20.00 | 10.00 | false | DOWNGRADE | PERIOD_END | 2026-12-15
            immediateDowngradeWhenAsked          | 2 | 20.00 | 10.00 | true  | DOWNGRADE | IMMEDIATE  | 2026-11-25
            samePriceIsADowngrade                | 2 | 10.00 | 10.00 | false | DOWNGRADE | PERIOD_END | 2026-12-15
            """)
    void planChange(
            String name,
            long newPlan,
            BigDecimal current,
            BigDecimal next,
            boolean immediate,
            PlanChangeKind kind,
            PlanChangeTiming timing,
            String effective) {
        Subscription s = service(SubscriptionStatus.ACTIVE, null);
        PlanChangeRules.Decision d = PlanChangeRules.planChange(
                s, s.schedule(null), 1, newPlan, current, next, immediate, LocalDate.parse("2026-11-25"));
        assertThat(d).isEqualTo(new PlanChangeRules.Decision(kind, timing, LocalDate.parse(effective)));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            cancelAtPeriodEnd        | false | PERIOD_END | 2026-12-15
            cancelNow                | true  | IMMEDIATE  | 2026-11-25
            """)
    void cancellation(String name, boolean immediate, PlanChangeTiming timing, String effective) {
        Subscription s = service(SubscriptionStatus.ACTIVE, null);
        assertThat(PlanChangeRules.cancellation(s, s.schedule(null), immediate, LocalDate.parse("2026-11-25")))
                .isEqualTo(new PlanChangeRules.Decision(PlanChangeKind.CANCEL, timing, LocalDate.parse(effective)));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "null", textBlock = """
            terminated        | TERMINATED | null       | 2 | service 7 is terminated: its plan cannot change
            cancelled         | CANCELLED  | 2026-12-15 | 2 | service 7 is cancelled (ends 2026-12-15): its plan cannot change
            endedAlready      | ACTIVE     | 2026-11-20 | 2 | service 7 is cancelled (ends 2026-11-20): its plan cannot change
            samePlan          | ACTIVE     | null       | 1 | service 7 is already on plan 1
            """)
    void refused(String name, SubscriptionStatus status, String end, long newPlan, String message) {
        Subscription s = service(status, end == null ? null : LocalDate.parse(end));
        assertThatThrownBy(() -> PlanChangeRules.planChange(
                        s,
                        s.schedule(null),
                        1,
                        newPlan,
                        BigDecimal.ONE,
                        BigDecimal.TEN,
                        false,
                        LocalDate.parse("2026-11-25")))
                .isInstanceOf(BillingRuleViolation.class)
                .hasMessage(message);
    }

    private static Subscription service(SubscriptionStatus status, LocalDate end) {
        return new Subscription(
                7,
                3,
                1,
                BillingCycle.MONTHLY,
                status,
                15,
                LocalDate.parse("2026-09-15"),
                end,
                LocalDate.parse("2026-12-15"),
                null);
    }
}
