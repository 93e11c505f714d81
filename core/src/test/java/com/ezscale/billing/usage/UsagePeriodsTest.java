package com.ezscale.billing.usage;

import static org.assertj.core.api.Assertions.assertThat;

import com.ezscale.billing.period.BillingCycle;
import com.ezscale.billing.subscription.Subscription;
import com.ezscale.billing.subscription.SubscriptionStatus;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UsagePeriodsTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                // name | kind | start | end | asOf | grace h | expected "periodStart:active/period" list
                "octoberWaitsForItsGraceWindow      | CALENDAR_MONTH | 2026-09-10 |            | 2026-11-01T05:59:59Z | 6 | 2026-09-01:6048/8640",
                "octoberClosesSixHoursAfterItsEnd   | CALENDAR_MONTH | 2026-09-10 |            | 2026-11-01T06:00:00Z | 6 | 2026-09-01:6048/8640 2026-10-01:8928/8928",
                "noGraceClosesAtMidnight            | CALENDAR_MONTH | 2026-09-10 |            | 2026-11-01T00:00:00Z | 0 | 2026-09-01:6048/8640 2026-10-01:8928/8928",
                "aServiceEndingMidMonth             | CALENDAR_MONTH | 2026-08-01 | 2026-10-20 | 2026-11-02T00:00:00Z | 6 | 2026-08-01:8928/8928 2026-09-01:8640/8640 2026-10-01:5472/8928",
                "februaryOfALeapYear                | CALENDAR_MONTH | 2028-01-15 |            | 2028-03-01T06:00:00Z | 6 | 2028-01-01:4896/8928 2028-02-01:8352/8352",
                "billingPeriodsOfTheService         | BILLING_PERIOD | 2026-09-15 |            | 2026-11-16T00:00:00Z | 6 | 2026-09-15:8640/8640 2026-10-15:8928/8928",
                "nothingClosedYet                   | CALENDAR_MONTH | 2026-11-03 |            | 2026-11-25T00:00:00Z | 6 | ''",
            })
    void closedPeriodsAndTheirActivePart(
            String name,
            UsagePeriodKind kind,
            LocalDate start,
            LocalDate end,
            Instant asOf,
            int grace,
            String expected) {
        Subscription service = new Subscription(
                1,
                1,
                1,
                BillingCycle.MONTHLY,
                SubscriptionStatus.ACTIVE,
                start.getDayOfMonth(),
                start,
                end,
                null,
                null);
        List<String> windows = UsagePeriods.closed(service, kind, grace, asOf, 62).stream()
                .map(w -> w.period().start() + ":" + w.activeBuckets() + "/" + w.periodBuckets())
                .toList();
        assertThat(windows)
                .isEqualTo(
                        expected.isBlank() ? List.of() : List.of(expected.trim().split("\\s+")));
    }
}
