package com.ezscale.billing.usage;

import static org.assertj.core.api.Assertions.assertThat;

import com.ezscale.billing.period.BillingPeriod;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The re-rating decision: a closed period is rated when it has no rating yet (revision 0) or when
 * its samples' fingerprint moved (late data: the next revision); an unchanged one is left alone.
 * Thresholds are watched on closed and open periods alike.
 */
class UsageRatingTest {

    static final LocalDate OCT = LocalDate.parse("2026-10-01");
    static final LocalDate NOV = LocalDate.parse("2026-11-01");
    /** 1 Mbps steady: 37.5 MB a bucket. */
    static final long ONE_MBPS = 37_500_000L;

    static final UsageTerms COMMIT_2_MBPS = new UsageTerms(
            new BigDecimal("2"),
            BigDecimal.ONE,
            DirectionMode.MAX_OF_IN_AND_OUT,
            null,
            UsagePeriodKind.CALENDAR_MONTH,
            6);

    static UsageRating.PeriodSamples period(LocalDate start, long perBucket, String fingerprint) {
        long first = UsagePeriods.bucket(start);
        long end = UsagePeriods.bucket(start.plusMonths(1));
        long[] in = new long[(int) (end - first)];
        Arrays.fill(in, perBucket);
        return new UsageRating.PeriodSamples(
                new UsagePeriods.Window(new BillingPeriod(start, start.plusMonths(1)), first, end, first, end),
                new UsageSeries(first, in, new long[in.length]),
                fingerprint);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            nullValues = "-",
            value = {
                // case                                              | stored (revision:fingerprint) | fingerprint now |
                // rated as revision
                "a first rating is revision 0                        | -                              | f1              | 0",
                "unchanged samples: nothing to do                    | 0:f1                           | f1              | -",
                "late data moved the fingerprint: the next revision  | 0:f1                           | f2              | 1",
                "again, after two corrections                        | 2:f3                           | f4              | 3",
            })
    void aClosedPeriodIsRatedWhenItHasNoRatingOrItsSamplesChanged(
            String name, String stored, String fingerprint, Integer revision) {
        Map<LocalDate, UsageRating.Latest> latest = new HashMap<>();
        if (stored != null) {
            latest.put(OCT, new UsageRating.Latest(Integer.parseInt(stored.split(":")[0]), stored.split(":")[1]));
        }
        UsageRating.Decision d =
                UsageRating.decide(List.of(period(OCT, ONE_MBPS, fingerprint)), null, latest, COMMIT_2_MBPS);
        if (revision == null) {
            assertThat(d.ratings()).isEmpty();
        } else {
            assertThat(d.ratings()).singleElement().satisfies(r -> {
                assertThat(r.revision()).isEqualTo(revision);
                assertThat(r.fingerprint()).isEqualTo(fingerprint);
                assertThat(r.rating().percentile().billedMbps()).isEqualByComparingTo("1");
            });
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                // case                                         | Mbps in the closed period | in the open one |
                // thresholds (period level)
                "half the commit: none                          | 1                         | 1               | ''",
                "80 % in the open period only                   | 1                         | 1.6             | 2026-11-01 80",
                "over the commit in the closed period           | 2.2                       | 0               | 2026-10-01 80;2026-10-01 100",
            })
    void thresholdsAreWatchedOnClosedAndOpenPeriods(
            String name, BigDecimal closedMbps, BigDecimal openMbps, String expected) {
        long closedBytes = closedMbps.multiply(BigDecimal.valueOf(ONE_MBPS)).longValueExact();
        long openBytes = openMbps.multiply(BigDecimal.valueOf(ONE_MBPS)).longValueExact();
        UsageRating.Decision d = UsageRating.decide(
                List.of(period(OCT, closedBytes, "f")),
                period(NOV, openBytes, null),
                Map.of(OCT, new UsageRating.Latest(0, "f")),
                COMMIT_2_MBPS);
        assertThat(String.join(
                        ";",
                        d.thresholds().stream()
                                .map(t -> t.periodStart() + " " + t.event().levelPercent())
                                .toList()))
                .isEqualTo(expected);
        assertThat(d.ratings()).as("the closed period's samples did not change").isEmpty();
    }
}
