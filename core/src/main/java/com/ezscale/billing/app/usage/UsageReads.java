package com.ezscale.billing.app.usage;

import com.ezscale.billing.usage.UsageDay;
import com.ezscale.billing.usage.UsageSeries;
import java.math.BigInteger;
import java.time.LocalDate;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * A service's usage over a window of five-minute buckets, wherever it is stored: the samples
 * ({@code usage_sample}, today's and late buckets) plus the closed days ({@code usage_day}), added
 * together, so a byte counts once before, during and after compaction. Rating, usage statements,
 * their CSV and the invoice charts read through here.
 */
@Service
public class UsageReads {

    private static final String SAMPLES = "SELECT bucket, bytes_in, bytes_out FROM usage_sample "
            + "WHERE subscription_id = ? AND bucket >= ? AND bucket < ? ORDER BY bucket";

    private static final String DAYS =
            "SELECT day, counters FROM usage_day " + "WHERE subscription_id = ? AND day >= ? AND day < ? ORDER BY day";

    /** A day's encoded counters. */
    private record Day(LocalDate day, byte[] counters) {}

    /**
     * Plain JDBC rather than a mapper: these reads run inside other work's transactions (the
     * rating step's, whose writer holds a batching MyBatis session), and MyBatis refuses a second
     * kind of session in one transaction.
     */
    private final JdbcTemplate jdbc;

    public UsageReads(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    private List<Day> days(long subscriptionId, LocalDate from, LocalDate toExclusive) {
        return jdbc.query(
                DAYS,
                (rs, i) -> new Day(rs.getObject(1, LocalDate.class), rs.getBytes(2)),
                subscriptionId,
                from,
                toExclusive);
    }

    /** Every bucket of [fromBucket, toBucket), a missing one as zero; no object is made per bucket. */
    public UsageSeries series(long subscriptionId, long fromBucket, long toBucketExclusive) {
        int length = Math.toIntExact(toBucketExclusive - fromBucket);
        long[] in = new long[length];
        long[] out = new long[length];
        if (length == 0) {
            return new UsageSeries(fromBucket, in, out);
        }
        for (Day day : days(subscriptionId, firstDay(fromBucket), lastDay(toBucketExclusive))) {
            long dayFirst = UsageDay.firstBucket(day.day().toEpochDay());
            int from = (int) Math.max(0, fromBucket - dayFirst);
            int to = (int) Math.min(UsageDay.BUCKETS, toBucketExclusive - dayFirst);
            UsageDay.decodeAdd(day.counters(), in, out, (int) (dayFirst + from - fromBucket), from, to);
        }
        jdbc.query(
                SAMPLES,
                rs -> {
                    int i = (int) (rs.getLong(1) - fromBucket);
                    in[i] += rs.getLong(2);
                    out[i] += rs.getLong(3);
                },
                subscriptionId,
                fromBucket,
                toBucketExclusive);
        return new UsageSeries(fromBucket, in, out);
    }

    /**
     * The usage of several services over one span of buckets, read in two statements (their day
     * rows and their samples) and kept in memory for the windows asked of it: what rating reads a
     * page of services through, so a service costs no round trip of its own. A page of 50 services
     * over the 62 days rating looks back holds ~5 MB of encoded days.
     */
    public Prefetched prefetch(Collection<Long> subscriptionIds, long fromBucket, long toBucketExclusive) {
        Map<Long, Map<Long, byte[]>> days = new HashMap<>();
        Map<Long, Samples> samples = new HashMap<>();
        if (!subscriptionIds.isEmpty() && toBucketExclusive > fromBucket) {
            MapSqlParameterSource params = new MapSqlParameterSource()
                    .addValue("ids", subscriptionIds)
                    .addValue("fromDay", firstDay(fromBucket))
                    .addValue("toDay", lastDay(toBucketExclusive))
                    .addValue("from", fromBucket)
                    .addValue("to", toBucketExclusive);
            NamedParameterJdbcTemplate named = new NamedParameterJdbcTemplate(jdbc);
            named.query(DAYS_OF, params, rs -> {
                days.computeIfAbsent(rs.getLong(1), k -> new HashMap<>())
                        .put(rs.getObject(2, LocalDate.class).toEpochDay(), rs.getBytes(3));
            });
            named.query(SAMPLES_OF, params, rs -> {
                samples.computeIfAbsent(rs.getLong(1), k -> new Samples())
                        .add(rs.getLong(2), rs.getLong(3), rs.getLong(4));
            });
        }
        return new Prefetched(fromBucket, toBucketExclusive, days, samples);
    }

    private static final String DAYS_OF = "SELECT subscription_id, day, counters FROM usage_day"
            + " WHERE subscription_id IN (:ids) AND day >= :fromDay AND day < :toDay";

    private static final String SAMPLES_OF = "SELECT subscription_id, bucket, bytes_in, bytes_out FROM usage_sample"
            + " WHERE subscription_id IN (:ids) AND bucket >= :from AND bucket < :to";

    /** A service's samples as (bucket, in, out) triples in one growing array: no object per row. */
    private static final class Samples {
        private long[] values = new long[3 * 64];
        private int size;

        void add(long bucket, long in, long out) {
            if (size + 3 > values.length) {
                values = java.util.Arrays.copyOf(values, values.length * 2);
            }
            values[size++] = bucket;
            values[size++] = in;
            values[size++] = out;
        }
    }

    private static final Samples NO_SAMPLES = new Samples();

    /** What {@link #prefetch} read; windows must lie inside its span. */
    public static final class Prefetched {
        private final long fromBucket;
        private final long toBucketExclusive;
        private final Map<Long, Map<Long, byte[]>> days;
        private final Map<Long, Samples> samples;

        private Prefetched(
                long fromBucket,
                long toBucketExclusive,
                Map<Long, Map<Long, byte[]>> days,
                Map<Long, Samples> samples) {
            this.fromBucket = fromBucket;
            this.toBucketExclusive = toBucketExclusive;
            this.days = days;
            this.samples = samples;
        }

        /** As {@link UsageReads#series}, from what was read. */
        public UsageSeries series(long subscriptionId, long from, long toExclusive) {
            if (from < fromBucket || toExclusive > toBucketExclusive) {
                throw new IllegalArgumentException("buckets [" + from + ", " + toExclusive + ") are outside the ["
                        + fromBucket + ", " + toBucketExclusive + ") read");
            }
            int length = Math.toIntExact(toExclusive - from);
            long[] in = new long[length];
            long[] out = new long[length];
            Map<Long, byte[]> serviceDays = days.getOrDefault(subscriptionId, Map.of());
            if (length > 0) {
                for (long day = UsageDay.epochDay(from); day <= UsageDay.epochDay(toExclusive - 1); day++) {
                    byte[] counters = serviceDays.get(day);
                    if (counters == null) {
                        continue;
                    }
                    long dayFirst = UsageDay.firstBucket(day);
                    int a = (int) Math.max(0, from - dayFirst);
                    int b = (int) Math.min(UsageDay.BUCKETS, toExclusive - dayFirst);
                    UsageDay.decodeAdd(counters, in, out, (int) (dayFirst + a - from), a, b);
                }
            }
            Samples rows = samples.getOrDefault(subscriptionId, NO_SAMPLES);
            for (int i = 0; i < rows.size; i += 3) {
                long bucket = rows.values[i];
                if (bucket >= from && bucket < toExclusive) {
                    in[(int) (bucket - from)] += rows.values[i + 1];
                    out[(int) (bucket - from)] += rows.values[i + 2];
                }
            }
            return new UsageSeries(from, in, out);
        }
    }

    /**
     * A fingerprint of a window's usage, from its series: buckets with traffic, bytes in, bytes out and Σ
     * (bucket − window start)·(in + 3·out). It changes whenever a bucket's bytes change and not when
     * samples are folded into days; on samples alone it is what the database computed before days
     * existed, so stored ratings stay recognised. In longs; in exact big integers should a sum outgrow
     * them.
     */
    public static String fingerprint(UsageSeries series) {
        long buckets = 0;
        long bytesIn = 0;
        long bytesOut = 0;
        long[] in = series.bytesIn();
        long[] out = series.bytesOut();
        try {
            long weighted = 0;
            for (int i = 0; i < in.length; i++) {
                if (in[i] != 0 || out[i] != 0) {
                    buckets++;
                    bytesIn = Math.addExact(bytesIn, in[i]);
                    bytesOut = Math.addExact(bytesOut, out[i]);
                    weighted = Math.addExact(
                            weighted, Math.multiplyExact(i, Math.addExact(in[i], Math.multiplyExact(3, out[i]))));
                }
            }
            return buckets + ":" + bytesIn + ":" + bytesOut + ":" + weighted;
        } catch (ArithmeticException tooLarge) {
            buckets = 0;
            BigInteger sumIn = BigInteger.ZERO;
            BigInteger sumOut = BigInteger.ZERO;
            BigInteger weighted = BigInteger.ZERO;
            for (int i = 0; i < in.length; i++) {
                if (in[i] != 0 || out[i] != 0) {
                    buckets++;
                    sumIn = sumIn.add(BigInteger.valueOf(in[i]));
                    sumOut = sumOut.add(BigInteger.valueOf(out[i]));
                    weighted = weighted.add(BigInteger.valueOf(i)
                            .multiply(BigInteger.valueOf(in[i])
                                    .add(BigInteger.valueOf(out[i]).multiply(THREE))));
                }
            }
            return buckets + ":" + sumIn + ":" + sumOut + ":" + weighted;
        }
    }

    private static final BigInteger THREE = BigInteger.valueOf(3);

    private static LocalDate firstDay(long fromBucket) {
        return LocalDate.ofEpochDay(UsageDay.epochDay(fromBucket));
    }

    /** The day after the one holding the window's last bucket. */
    private static LocalDate lastDay(long toBucketExclusive) {
        return LocalDate.ofEpochDay(UsageDay.epochDay(toBucketExclusive - 1) + 1);
    }
}
