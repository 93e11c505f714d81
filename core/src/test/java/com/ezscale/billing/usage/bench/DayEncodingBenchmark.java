package com.ezscale.billing.usage.bench;

import com.ezscale.billing.usage.UsageDay;
import java.io.ByteArrayOutputStream;
import java.util.SplittableRandom;
import java.util.function.IntToLongFunction;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * How a closed day's 2 × 288 counters could be stored, measured on four traffic profiles: bytes per
 * day (and per 31-day month) as fixed 8-byte counters, plain varints, zigzag deltas as varints
 * ({@link UsageDay}'s choice) and those deltas deflated; and the time to decode a day.
 *
 * <pre>./mvnw -q -pl core org.codehaus.mojo:exec-maven-plugin:3.7.0:java -Dexec.classpathScope=test \
 *   -Dexec.mainClass=com.ezscale.billing.usage.bench.DayEncodingBenchmark</pre>
 */
public final class DayEncodingBenchmark {

    private DayEncodingBenchmark() {}

    record Profile(String name, IntToLongFunction in, IntToLongFunction out) {}

    public static void main(String[] args) throws DataFormatException {
        SplittableRandom random = new SplittableRandom(19);
        long[] noise = random.longs(2 * UsageDay.BUCKETS).toArray();
        Profile[] profiles = {
            new Profile(
                    "RatingBenchmark's counters (service 1234)",
                    b -> (1234L * 7919 + b * 104729L) % 750_000_000L,
                    b -> (1234L * 104729 + b * 7919L) % 375_000_000L),
            new Profile(
                    "a daily curve, bursts (BenchBook.meteredMonth)",
                    b -> 1_000_000_000L
                            + Math.round(900_000_000 * Math.sin(b / 288.0 * 2 * Math.PI))
                            + (b * 7919 % 97 == 0 ? 2_000_000_000L : 0),
                    b -> 300_000_000L),
            new Profile(
                    "a daily curve with ±20 % noise, ~27 Mbps",
                    b -> Math.round((1e9 + 6e8 * Math.sin(b / 288.0 * 2 * Math.PI))
                            * (0.8 + 0.4 * ((noise[b] >>> 11) * 0x1.0p-53))),
                    b -> Math.round((3e8 + 2e8 * Math.sin(b / 288.0 * 2 * Math.PI))
                            * (0.8 + 0.4 * ((noise[288 + b] >>> 11) * 0x1.0p-53)))),
            new Profile(
                    "an idle VPS: a third of buckets empty, else up to 5 MB",
                    b -> Math.floorMod(noise[b], 3) == 0 ? 0 : Math.floorMod(noise[b], 5_000_000L),
                    b -> Math.floorMod(noise[288 + b], 3) == 0 ? 0 : Math.floorMod(noise[288 + b], 1_000_000L)),
        };
        System.out.printf(
                "%-52s %10s %10s %16s %16s %14s %14s%n",
                "profile (bytes per day; per 31-day month)",
                "fixed 8 B",
                "varint",
                "zigzag deltas",
                "deltas+deflate",
                "decode deltas",
                "decode +inflate");
        for (Profile p : profiles) {
            long[] in = new long[UsageDay.BUCKETS];
            long[] out = new long[UsageDay.BUCKETS];
            for (int b = 0; b < UsageDay.BUCKETS; b++) {
                in[b] = p.in().applyAsLong(b);
                out[b] = p.out().applyAsLong(b);
            }
            int fixed = 2 * UsageDay.BUCKETS * 8;
            int varint = varints(in) + varints(out);
            byte[] deltas = UsageDay.encode(in, out);
            byte[] deflated = deflate(deltas);
            double decode = nanosPerDecode(deltas, false);
            double inflate = nanosPerDecode(deflated, true);
            System.out.printf(
                    "%-52s %10s %10s %16s %16s %11.1f µs %11.1f µs%n",
                    p.name(),
                    size(fixed),
                    size(varint),
                    size(deltas.length),
                    size(deflated.length),
                    decode / 1000,
                    inflate / 1000);
        }
    }

    private static String size(int perDay) {
        return String.format("%,d; %.1fK", perDay, perDay * 31 / 1024.0);
    }

    private static int varints(long[] counters) {
        int bytes = 0;
        for (long c : counters) {
            bytes += 1;
            while ((c >>>= 7) != 0) {
                bytes++;
            }
        }
        return bytes;
    }

    private static byte[] deflate(byte[] data) {
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION);
        deflater.setInput(data);
        deflater.finish();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        while (!deflater.finished()) {
            out.write(buffer, 0, deflater.deflate(buffer));
        }
        deflater.end();
        return out.toByteArray();
    }

    private static double nanosPerDecode(byte[] data, boolean inflate) throws DataFormatException {
        long[] in = new long[UsageDay.BUCKETS];
        long[] out = new long[UsageDay.BUCKETS];
        byte[] plain = new byte[2 * UsageDay.BUCKETS * 10 + 1];
        int rounds = 200_000;
        long start = 0;
        for (int r = -rounds; r < rounds; r++) { // the first half warms up
            if (r == 0) {
                start = System.nanoTime();
            }
            byte[] encoded = data;
            if (inflate) {
                Inflater inflater = new Inflater();
                inflater.setInput(data);
                int n = inflater.inflate(plain);
                inflater.end();
                encoded = java.util.Arrays.copyOf(plain, n);
            }
            UsageDay.decodeAdd(encoded, in, out);
        }
        return (System.nanoTime() - start) / (double) rounds;
    }
}
