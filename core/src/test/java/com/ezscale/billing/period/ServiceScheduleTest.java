package com.ezscale.billing.period;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ServiceScheduleTest {

    /** expected: "PHASE start..endExclusive/fullDays" for the periods starting within [start, start + 70 days]. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "null", textBlock = """
            plainMonthly              | 2026-11-20 | null       | null | MONTHLY   | FULL 2026-11-20..2026-12-20/30;FULL 2026-12-20..2027-01-20/31;FULL 2027-01-20..2027-02-20/31
            prorataToTheFirst         | 2026-11-20 | null       | 1    | MONTHLY   | PARTIAL 2026-11-20..2026-12-01/30;FULL 2026-12-01..2027-01-01/31;FULL 2027-01-01..2027-02-01/31
            prorataOnTheDayIsFull     | 2026-12-01 | null       | 1    | MONTHLY   | FULL 2026-12-01..2027-01-01/31;FULL 2027-01-01..2027-02-01/31;FULL 2027-02-01..2027-03-01/28
            prorataLaterThisMonth     | 2026-11-05 | null       | 15   | MONTHLY   | PARTIAL 2026-11-05..2026-11-15/31;FULL 2026-11-15..2026-12-15/30;FULL 2026-12-15..2027-01-15/31
            prorataQuarterly          | 2026-11-20 | null       | 1    | QUARTERLY | PARTIAL 2026-11-20..2026-12-01/91;FULL 2026-12-01..2027-03-01/90
            trialThenCycleFromItsEnd  | 2026-11-20 | 2026-12-04 | null | MONTHLY   | TRIAL 2026-11-20..2026-12-04/0;FULL 2026-12-04..2027-01-04/31;FULL 2027-01-04..2027-02-04/31
            trialThenProrata          | 2026-11-20 | 2026-12-04 | 1    | MONTHLY   | TRIAL 2026-11-20..2026-12-04/0;PARTIAL 2026-12-04..2027-01-01/31;FULL 2027-01-01..2027-02-01/31
            """)
    void periods(String name, String start, String trialEnd, Integer prorataDay, BillingCycle cycle, String expected) {
        LocalDate s = LocalDate.parse(start);
        ServiceSchedule schedule = new ServiceSchedule(
                s, trialEnd == null ? null : LocalDate.parse(trialEnd), prorataDay, s.getDayOfMonth(), cycle);
        List<String> actual = schedule.periodsStartingBetween(s, s.plusDays(70), null).stream()
                .map(p ->
                        p.phase() + " " + p.period().start() + ".." + p.period().endExclusive() + "/" + p.fullDays())
                .toList();
        assertThat(actual).containsExactly(expected.split(";"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            fromTheCursorSkipsTheBilled | 2026-11-20 | 1 | 2026-12-01 | FULL 2026-12-01..2027-01-01
            """)
    void fromACursor(String name, String start, int prorataDay, String from, String first) {
        LocalDate s = LocalDate.parse(start);
        ServiceSchedule schedule = new ServiceSchedule(s, null, prorataDay, s.getDayOfMonth(), BillingCycle.MONTHLY);
        ServiceSchedule.SchedulePeriod p = schedule.periodsStartingBetween(
                        LocalDate.parse(from), LocalDate.parse(from), null)
                .get(0);
        assertThat(p.phase() + " " + p.period().start() + ".." + p.period().endExclusive())
                .isEqualTo(first);
    }
}
