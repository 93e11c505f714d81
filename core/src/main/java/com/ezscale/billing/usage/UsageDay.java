package com.ezscale.billing.usage;

import java.math.BigInteger;
import java.util.Arrays;

/**
 * One service's closed UTC day of usage, folded from its 288 five-minute buckets into one value:
 * the in and out counters, each as zigzag-encoded differences from the bucket before, written as
 * varints (7 bits a byte). Traffic moves gradually from one five-minute bucket to the next, so most
 * differences are far smaller than the counters; an idle day is 577 bytes. Chosen by measurement
 * against fixed width and plain varints ({@code DayEncodingBenchmark}; README).
 *
 * <p>Layout: one format byte ({@value #FORMAT}), then 288 in-differences, then 288
 * out-differences. Counters are never negative; the codec refuses a value it could not give back
 * unchanged.
 */
public final class UsageDay {

    /** Five-minute buckets in a UTC day. */
    public static final int BUCKETS = 288;

    public static final byte FORMAT = 1;

    private UsageDay() {}

    /** What a day adds to a window's fingerprint: buckets with traffic, the sums, and Σ i·(in + 3·out) over its buckets. */
    public record Totals(int buckets, long bytesIn, long bytesOut, long weighted) {

        /** These totals as part of a window starting {@code offset} buckets before the day. */
        public BigInteger weightedFrom(long offset) {
            return BigInteger.valueOf(offset)
                    .multiply(BigInteger.valueOf(bytesIn)
                            .add(BigInteger.valueOf(bytesOut).multiply(THREE)))
                    .add(BigInteger.valueOf(weighted));
        }
    }

    private static final BigInteger THREE = BigInteger.valueOf(3);

    /** The first bucket (epoch seconds / 300) of {@code epochDay}. */
    public static long firstBucket(long epochDay) {
        return epochDay * BUCKETS;
    }

    /** The day a bucket falls in. */
    public static long epochDay(long bucket) {
        return Math.floorDiv(bucket, BUCKETS);
    }

    public static byte[] encode(long[] in, long[] out) {
        check(in);
        check(out);
        byte[] buffer = new byte[1 + 2 * BUCKETS * 10];
        buffer[0] = FORMAT;
        int at = write(in, buffer, 1);
        at = write(out, buffer, at);
        return Arrays.copyOf(buffer, at);
    }

    /** Adds the day's counters into {@code in} and {@code out} (288 each). */
    public static void decodeAdd(byte[] data, long[] in, long[] out) {
        decodeAdd(data, in, out, 0, 0, BUCKETS);
    }

    /**
     * Adds buckets {@code [from, to)} of the day into {@code in} and {@code out} at {@code target +
     * (bucket - from)}: a window that starts or ends inside the day takes only its part.
     */
    public static void decodeAdd(byte[] data, long[] in, long[] out, int target, int from, int to) {
        if (data.length == 0 || data[0] != FORMAT) {
            throw new IllegalArgumentException("not a usage day of format " + FORMAT);
        }
        int[] at = {1};
        read(data, at, in, target, from, to);
        read(data, at, out, target, from, to);
        if (at[0] != data.length) {
            throw new IllegalArgumentException("a usage day of " + data.length + " bytes has " + (data.length - at[0])
                    + " bytes after its counters");
        }
    }

    public static Totals totals(long[] in, long[] out) {
        int buckets = 0;
        long sumIn = 0;
        long sumOut = 0;
        long weighted = 0;
        for (int i = 0; i < BUCKETS; i++) {
            if (in[i] != 0 || out[i] != 0) {
                buckets++;
            }
            sumIn = Math.addExact(sumIn, in[i]);
            sumOut = Math.addExact(sumOut, out[i]);
            weighted = Math.addExact(
                    weighted, Math.multiplyExact((long) i, Math.addExact(in[i], Math.multiplyExact(3L, out[i]))));
        }
        return new Totals(buckets, sumIn, sumOut, weighted);
    }

    private static void check(long[] counters) {
        if (counters.length != BUCKETS) {
            throw new IllegalArgumentException("a day has " + BUCKETS + " buckets, not " + counters.length);
        }
        for (long c : counters) {
            if (c < 0) {
                throw new IllegalArgumentException("a usage counter is never negative: " + c);
            }
        }
    }

    private static int write(long[] counters, byte[] buffer, int at) {
        long previous = 0;
        for (long c : counters) {
            long delta = c - previous;
            previous = c;
            long zigzag = (delta << 1) ^ (delta >> 63);
            while ((zigzag & ~0x7FL) != 0) {
                buffer[at++] = (byte) ((zigzag & 0x7F) | 0x80);
                zigzag >>>= 7;
            }
            buffer[at++] = (byte) zigzag;
        }
        return at;
    }

    private static void read(byte[] data, int[] position, long[] into, int target, int from, int to) {
        int at = position[0];
        long value = 0;
        for (int i = 0; i < BUCKETS; i++) {
            long zigzag = 0;
            int shift = 0;
            byte b;
            do {
                if (at >= data.length || shift > 63) {
                    throw new IllegalArgumentException("a usage day ends inside bucket " + i);
                }
                b = data[at++];
                zigzag |= (long) (b & 0x7F) << shift;
                shift += 7;
            } while (b < 0);
            value += (zigzag >>> 1) ^ -(zigzag & 1);
            if (i >= from && i < to) {
                into[target + i - from] += value;
            }
        }
        position[0] = at;
    }
}
