package com.ezscale.billing.period;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BillingScheduleTest {

    @ParameterizedTest(name = "{0} from {1}: starts {2}")
    @CsvSource(
            delimiter = '|',
            value = {
                // cycle        | service start | the next period starts (space separated)
                "MONTHLY        | 2024-01-31 | 2024-02-29 2024-03-31 2024-04-30 2024-05-31",
                "MONTHLY        | 2023-01-31 | 2023-02-28 2023-03-31 2023-04-30",
                "MONTHLY        | 2023-01-30 | 2023-02-28 2023-03-30 2023-04-30",
                "MONTHLY        | 2024-01-30 | 2024-02-29 2024-03-30",
                "MONTHLY        | 2024-01-29 | 2024-02-29 2024-03-29",
                "MONTHLY        | 2023-01-29 | 2023-02-28 2023-03-29",
                "MONTHLY        | 2023-01-28 | 2023-02-28 2023-03-28",
                "MONTHLY        | 2023-12-31 | 2024-01-31 2024-02-29 2024-03-31",
                "MONTHLY        | 2026-11-15 | 2026-12-15 2027-01-15",
                "QUARTERLY      | 2023-11-30 | 2024-02-29 2024-05-30 2024-08-30",
                "QUARTERLY      | 2025-11-30 | 2026-02-28 2026-05-30",
                "SEMI_ANNUALLY  | 2025-08-31 | 2026-02-28 2026-08-31 2027-02-28",
                "SEMI_ANNUALLY  | 2027-08-29 | 2028-02-29 2028-08-29",
                "ANNUALLY       | 2024-02-29 | 2025-02-28 2026-02-28 2027-02-28 2028-02-29",
                "ANNUALLY       | 2026-01-31 | 2027-01-31 2028-01-31",
                "BIENNIALLY     | 2024-02-29 | 2026-02-28 2028-02-29",
                "BIENNIALLY     | 2025-03-31 | 2027-03-31",
                "TRIENNIALLY    | 2023-05-31 | 2026-05-31 2029-05-31",
                "TRIENNIALLY    | 2025-02-28 | 2028-02-28",
            })
    void periodStartsReturnToTheAnchorWhereTheMonthAllows(BillingCycle cycle, LocalDate start, String next) {
        BillingSchedule schedule = BillingSchedule.anchoredOnStart(start, cycle);
        List<LocalDate> expected =
                Arrays.stream(next.trim().split("\\s+")).map(LocalDate::parse).toList();
        assertThat(schedule.periodStart(0)).isEqualTo(start);
        for (int i = 0; i < expected.size(); i++) {
            assertThat(schedule.periodStart(i + 1))
                    .as("start of period %d", i + 1)
                    .isEqualTo(expected.get(i));
            BillingPeriod period = schedule.period(i);
            assertThat(period.endExclusive())
                    .as("period %d is half-open and ends where the next starts", i)
                    .isEqualTo(schedule.periodStart(i + 1));
        }
    }

    @ParameterizedTest(name = "{0} days in [{1}, {2})")
    @CsvSource({
        "31, 2024-01-31, 2024-03-02",
        "29, 2024-01-31, 2024-02-29",
        "28, 2023-01-31, 2023-02-28",
        "366, 2024-02-29, 2025-03-01"
    })
    void periodsAreHalfOpen(long days, LocalDate start, LocalDate endExclusive) {
        BillingPeriod period = new BillingPeriod(start, endExclusive);
        assertThat(period.days()).isEqualTo(days);
        assertThat(period.contains(start)).isTrue();
        assertThat(period.contains(endExclusive)).isFalse();
        assertThat(period.endInclusive()).isEqualTo(endExclusive.minusDays(1));
    }

    @ParameterizedTest(name = "{0} from {1}: periods starting {2}..{3} are {4}")
    @CsvSource(
            delimiter = '|',
            value = {
                "MONTHLY     | 2026-01-31 | 2026-02-01 | 2026-05-31 | 2026-02-28 2026-03-31 2026-04-30 2026-05-31",
                "MONTHLY     | 2026-01-31 | 2026-02-28 | 2026-02-28 | 2026-02-28",
                "MONTHLY     | 2026-01-31 | 2026-03-01 | 2026-03-30 | ''",
                "QUARTERLY   | 2026-01-15 | 2026-01-01 | 2026-12-31 | 2026-01-15 2026-04-15 2026-07-15 2026-10-15",
                "ANNUALLY    | 2024-02-29 | 2024-03-01 | 2028-03-01 | 2025-02-28 2026-02-28 2027-02-28 2028-02-29",
                "ONE_TIME    | 2026-03-10 | 2026-01-01 | 2026-12-31 | 2026-03-10",
                "ONE_TIME    | 2026-03-10 | 2026-03-11 | 2026-12-31 | ''",
                "FREE        | 2026-03-10 | 2026-01-01 | 2026-12-31 | ''",
            })
    void periodsStartingWithinARange(
            BillingCycle cycle, LocalDate start, LocalDate from, LocalDate to, String expected) {
        List<LocalDate> starts =
                BillingSchedule.anchoredOnStart(start, cycle).periodsStartingBetween(from, to, null).stream()
                        .map(BillingPeriod::start)
                        .toList();
        List<LocalDate> want = expected.isBlank()
                ? List.of()
                : Arrays.stream(expected.trim().split("\\s+"))
                        .map(LocalDate::parse)
                        .toList();
        assertThat(starts).isEqualTo(want);
    }

    @Test
    void noPeriodStartsOnOrAfterTheServiceEnd() {
        BillingSchedule schedule = BillingSchedule.anchoredOnStart(LocalDate.parse("2026-01-10"), BillingCycle.MONTHLY);
        assertThat(schedule.periodsStartingBetween(
                        LocalDate.parse("2026-01-01"), LocalDate.parse("2026-12-31"), LocalDate.parse("2026-04-10")))
                .extracting(BillingPeriod::start)
                .containsExactly(
                        LocalDate.parse("2026-01-10"), LocalDate.parse("2026-02-10"), LocalDate.parse("2026-03-10"));
    }

    @Test
    void aOneTimeChargeIsAZeroLengthPeriodAtItsDate() {
        BillingPeriod period = BillingSchedule.anchoredOnStart(LocalDate.parse("2026-03-10"), BillingCycle.ONE_TIME)
                .period(0);
        assertThat(period.days()).isZero();
        assertThat(period.endInclusive()).isEqualTo(LocalDate.parse("2026-03-10"));
    }
}
