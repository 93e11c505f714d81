package com.ezscale.billing.app.usage;

import static org.assertj.core.api.Assertions.assertThat;

import com.ezscale.billing.testing.MapperTest;
import com.ezscale.billing.usage.UsageDay;
import com.ezscale.billing.usage.UsageSample;
import com.ezscale.billing.usage.UsageSeries;
import com.ezscale.billing.usage.db.UsageMapper;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Folding samples into day rows changes where usage is stored, never what it is: per service and
 * day the bytes are conserved, every window (whole days, cut days, the open day) reads the same
 * series and the same fingerprint, and a second pass finds nothing to do.
 */
class UsageCompactionTest extends MapperTest {

    static final LocalDate FIRST = LocalDate.parse("2026-10-28");
    static final LocalDate AS_OF = LocalDate.parse("2026-11-03");

    @Autowired
    UsageMapper usage;

    @Autowired
    UsageReads reads;

    @Autowired
    UsageCompaction compaction;

    /** Seven days of samples for three services: busy, sparse (one bucket in 37), and with two rows for one bucket. */
    private void sevenDays() {
        SplittableRandom random = new SplittableRandom(7);
        long first = UsageDay.firstBucket(FIRST.toEpochDay());
        for (long b = first; b < first + 7 * UsageDay.BUCKETS; b++) {
            usage.addSample(new UsageSample(41, b, random.nextLong(2_000_000_000L), random.nextLong(600_000_000L)));
            if (b % 37 == 0) {
                usage.addSample(new UsageSample(42, b, random.nextLong(1_000_000L), 0));
            }
        }
        usage.addSample(new UsageSample(43, first + 5, 100, 1));
        usage.addSample(new UsageSample(43, first + 5, 50, 2));
    }

    private Map<String, String> everyView() {
        long first = UsageDay.firstBucket(FIRST.toEpochDay());
        long end = first + 7 * UsageDay.BUCKETS;
        long[][] windows = {
            {first, end}, // the whole week
            {first + 100, end - 50}, // cut days at both ends
            {first + 288, first + 3 * 288}, // two whole days
            {first + 10, first + 20}, // inside one day
            {end - 288, end}, // the last day, never folded
        };
        Map<String, String> views = new TreeMap<>();
        for (long service : new long[] {41, 42, 43, 44}) {
            for (long[] w : windows) {
                UsageSeries s = reads.series(service, w[0], w[1]);
                String key = service + " " + (w[0] - first) + ".." + (w[1] - first);
                views.put(
                        key + " series",
                        java.util.Arrays.toString(s.bytesIn()) + java.util.Arrays.toString(s.bytesOut()));
                views.put(key + " fingerprint", fingerprint(service, w[0], w[1]));
                UsageReads.Prefetched page = reads.prefetch(List.of(41L, 42L, 43L, 44L), first, end);
                assertThat(UsageReads.fingerprint(page.series(service, w[0], w[1])))
                        .as("a page of four services gives %s what one service alone gives", key)
                        .isEqualTo(views.get(key + " fingerprint"));
                assertThat(page.series(service, w[0], w[1]).bytesIn()).isEqualTo(s.bytesIn());
                assertThat(page.series(service, w[0], w[1]).bytesOut()).isEqualTo(s.bytesOut());
            }
        }
        return views;
    }

    private String fingerprint(long service, long from, long to) {
        return UsageReads.fingerprint(reads.prefetch(List.of(service), from, to).series(service, from, to));
    }

    /** The fingerprint as the database computed it over samples before days existed (what stored ratings hold). */
    private String storedFormula(long service, long from, long to) {
        return sql(
                String.class,
                "SELECT CONCAT(COUNT(*), ':', COALESCE(SUM(bytes_in), 0), ':', COALESCE(SUM(bytes_out), 0), ':',"
                        + " COALESCE(SUM((bucket - ?) * (bytes_in + 3 * bytes_out)), 0)) FROM usage_sample"
                        + " WHERE subscription_id = ? AND bucket >= ? AND bucket < ?",
                from,
                service,
                from,
                to);
    }

    private Map<String, List<Long>> bytesPerServiceAndDay() {
        Map<String, List<Long>> totals = new TreeMap<>();
        jdbc.query(
                "SELECT subscription_id, bucket DIV 288 AS d, SUM(bytes_in), SUM(bytes_out) FROM usage_sample GROUP BY 1, 2"
                        + " UNION ALL SELECT subscription_id, TO_DAYS(day) - TO_DAYS('1970-01-01'), bytes_in, bytes_out FROM usage_day",
                rs -> {
                    totals.merge(
                            rs.getLong(1) + "@" + rs.getLong(2),
                            List.of(rs.getLong(3), rs.getLong(4)),
                            (a, b) -> List.of(a.get(0) + b.get(0), a.get(1) + b.get(1)));
                });
        return totals;
    }

    @Test
    void foldingChangesWhereUsageIsNotWhatItIs() {
        sevenDays();
        Map<String, String> before = everyView();
        long first = UsageDay.firstBucket(FIRST.toEpochDay());
        for (long service : new long[] {41, 42, 43, 44}) {
            assertThat(before.get(service + " 100..1966 fingerprint"))
                    .as("service %d's fingerprint is the one ratings stored before days existed", service)
                    .isEqualTo(storedFormula(service, first + 100, first + 1966));
        }
        Map<String, List<Long>> bytesBefore = bytesPerServiceAndDay();
        assertThat(before.get("43 0..2016 fingerprint")).isEqualTo("1:150:3:" + 5 * (150 + 9));

        UsageCompaction.Folded folded = compaction.fold(List.of(41L, 42L, 43L, 44L), UsageCompaction.foldBefore(AS_OF));

        assertThat(folded.services()).isEqualTo(3);
        assertThat(folded.days())
                .as("41 and 42: five days each (28 Oct to 1 Nov); 43: one")
                .isEqualTo(11);
        assertThat(bytesPerServiceAndDay()).as("bytes per service and day").isEqualTo(bytesBefore);
        assertThat(everyView()).isEqualTo(before);
        assertThat(sql(
                        Long.class,
                        "SELECT COUNT(*) FROM usage_sample WHERE bucket < ?",
                        UsageDay.firstBucket(AS_OF.minusDays(1).toEpochDay())))
                .as("no sample left before the fold's horizon")
                .isZero();
        assertThat(sql(Long.class, "SELECT COUNT(*) FROM usage_sample WHERE subscription_id = 41"))
                .as("yesterday (closed less than a day ago) and today stay in rows")
                .isEqualTo(2 * UsageDay.BUCKETS);
        assertThat(sql(Long.class, "SELECT MAX(LENGTH(counters)) FROM usage_day WHERE subscription_id = 41"))
                .as("a busy day of random counters")
                .isLessThan(2 * UsageDay.BUCKETS * 5 + 1);

        assertThat(compaction.fold(List.of(41L, 42L, 43L), UsageCompaction.foldBefore(AS_OF)))
                .as("a second pass")
                .isEqualTo(new UsageCompaction.Folded(0, 0, 0));
    }

    @Test
    void aSampleStoredForAFoldedDayCountsAtOnceAndIsFoldedNextTime() {
        sevenDays();
        compaction.fold(List.of(41L, 42L, 43L), UsageCompaction.foldBefore(AS_OF));
        long bucket = UsageDay.firstBucket(FIRST.toEpochDay()) + 5;
        String fingerprint = fingerprint(43, bucket - 5, bucket + 283);
        usage.addSample(new UsageSample(43, bucket, 1000, 0)); // a sample racing the fold lands in rows

        assertThat(reads.series(43, bucket, bucket + 1).bytesIn()).containsExactly(1150);
        assertThat(fingerprint(43, bucket - 5, bucket + 283)).isNotEqualTo(fingerprint);
        String late = fingerprint(43, bucket - 5, bucket + 283);

        List<Long> ids = new ArrayList<>(List.of(43L));
        assertThat(compaction.fold(ids, UsageCompaction.foldBefore(AS_OF)).samples())
                .isEqualTo(1);
        assertThat(reads.series(43, bucket, bucket + 1).bytesIn()).containsExactly(1150);
        assertThat(fingerprint(43, bucket - 5, bucket + 283)).isEqualTo(late);
        assertThat(sql(Long.class, "SELECT COUNT(*) FROM usage_day WHERE subscription_id = 43"))
                .isEqualTo(1);
    }
}
