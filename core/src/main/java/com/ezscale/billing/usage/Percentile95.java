package com.ezscale.billing.usage;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Arrays;

/**
 * The 95th percentile of a service's 5-minute rates over the active part of a period, nearest
 * rank: N buckets (missing ones are zero), sorted ascending, the value at index ceil(0.95 × N) − 1
 * (8,640 buckets → index 8,207: the top 432 are dropped). Rates are bits/s = bytes × 8 / 300;
 * megabits are 10^6 bits. Every result keeps its evidence: N, the rank index, the p95 bytes in and
 * out, and the bucket each percentile fell on (equal values rank in time order, so with ties it is
 * the bucket at the rank position among them).
 */
public final class Percentile95 {

    /** Scale of the Mbps figures (1 bit/s). */
    public static final int MBPS_SCALE = 6;

    /** The evidence a dispute is settled with. */
    public record Result(
            int buckets,
            int rankIndex,
            long p95InBytes,
            long p95InBucket,
            long p95OutBytes,
            long p95OutBucket,
            long p95SumBytes,
            long p95SumBucket,
            DirectionMode mode,
            BigDecimal billedMbps) {

        public BigDecimal p95InMbps() {
            return mbps(p95InBytes);
        }

        public BigDecimal p95OutMbps() {
            return mbps(p95OutBytes);
        }
    }

    private Percentile95() {}

    /** The rank index for N buckets: ceil(0.95 × N) − 1 (−1 when there are none). */
    public static int rankIndex(int buckets) {
        return (int) ((95L * buckets + 99) / 100) - 1;
    }

    public static Result of(UsageSeries series, DirectionMode mode) {
        int n = series.length();
        int rank = rankIndex(n);
        if (n == 0) {
            return new Result(0, -1, 0, -1, 0, -1, 0, -1, mode, BigDecimal.ZERO.setScale(MBPS_SCALE));
        }
        long[] sum = new long[n];
        for (int i = 0; i < n; i++) {
            sum[i] = Math.addExact(series.bytesIn()[i], series.bytesOut()[i]);
        }
        long[] in = ranked(series.bytesIn(), rank);
        long[] out = ranked(series.bytesOut(), rank);
        long[] both = ranked(sum, rank);
        long billedBytes = switch (mode) {
            case MAX_OF_IN_AND_OUT -> Math.max(in[0], out[0]);
            case SUM_OF_IN_AND_OUT -> both[0];
            case IN_ONLY -> in[0];
            case OUT_ONLY -> out[0];
        };
        long first = series.firstBucket();
        return new Result(
                n,
                rank,
                in[0],
                first + in[1],
                out[0],
                first + out[1],
                both[0],
                first + both[1],
                mode,
                mbps(billedBytes));
    }

    /** {value, bucket index} at the rank, sorting by value then bucket. */
    private static long[] ranked(long[] bytes, int rank) {
        int n = bytes.length;
        int indexBits = 32 - Integer.numberOfLeadingZeros(Math.max(1, n - 1));
        long limit = Long.MAX_VALUE >>> indexBits;
        long[] packed = new long[n];
        boolean fits = true;
        for (int i = 0; i < n && fits; i++) {
            if (bytes[i] < 0 || bytes[i] > limit) {
                fits = false;
            } else {
                packed[i] = (bytes[i] << indexBits) | i;
            }
        }
        if (fits) {
            long p = fewRuns(packed) ? sorted(packed)[rank] : select(packed, rank);
            return new long[] {p >>> indexBits, p & ((1L << indexBits) - 1)};
        }
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> bytes[a] != bytes[b] ? Long.compare(bytes[a], bytes[b]) : Integer.compare(a, b));
        return new long[] {bytes[order[rank]], order[rank]};
    }

    /**
     * Whether the values are a few ascending runs (a counter that climbs and wraps, a series padded
     * with zeros): the sort merges those in one pass, faster than partitioning them.
     */
    private static boolean fewRuns(long[] values) {
        int descents = 0;
        for (int i = 1; i < values.length && descents <= 8; i++) {
            if (values[i] < values[i - 1]) {
                descents++;
            }
        }
        return descents <= 8;
    }

    private static long[] sorted(long[] values) {
        Arrays.sort(values);
        return values;
    }

    /**
     * The value that sorting {@code values} would put at index {@code k}, found by partitioning
     * (quickselect, median-of-three pivots): linear on average where a sort is n log n, and the rating
     * takes three per period. The array is reordered. A partitioning that stops shrinking fast enough
     * (a pathological order) hands its range to the sort, so the worst case stays n log n.
     */
    static long select(long[] values, int k) {
        int lo = 0;
        int hi = values.length - 1;
        int rounds = 2 * (32 - Integer.numberOfLeadingZeros(values.length)) + 8;
        while (lo < hi) {
            if (rounds-- == 0) {
                Arrays.sort(values, lo, hi + 1);
                return values[k];
            }
            int mid = (lo + hi) >>> 1;
            long a = values[lo];
            long b = values[mid];
            long c = values[hi];
            long pivot = a < b ? (b < c ? b : Math.max(a, c)) : (a < c ? a : Math.max(b, c));
            int i = lo;
            int j = hi;
            while (i <= j) {
                while (values[i] < pivot) {
                    i++;
                }
                while (values[j] > pivot) {
                    j--;
                }
                if (i <= j) {
                    long swap = values[i];
                    values[i] = values[j];
                    values[j] = swap;
                    i++;
                    j--;
                }
            }
            if (k <= j) {
                hi = j;
            } else if (k >= i) {
                lo = i;
            } else {
                return values[k];
            }
        }
        return values[k];
    }

    /** For each bucket, whether the percentile drops it (it ranks above the rank index; equal values rank in time order). */
    public static boolean[] dropped(long[] bytes) {
        int n = bytes.length;
        boolean[] dropped = new boolean[n];
        if (n == 0) {
            return dropped;
        }
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> bytes[a] != bytes[b] ? Long.compare(bytes[a], bytes[b]) : Integer.compare(a, b));
        for (int r = rankIndex(n) + 1; r < n; r++) {
            dropped[order[r]] = true;
        }
        return dropped;
    }

    /** Mbps of a 5-minute bucket of {@code bytes}: bytes × 8 / 300 / 10^6. */
    public static BigDecimal mbps(long bytes) {
        return BigDecimal.valueOf(bytes)
                .multiply(BigDecimal.valueOf(8))
                .divide(BigDecimal.valueOf(300_000_000L), MBPS_SCALE, RoundingMode.HALF_UP);
    }
}
