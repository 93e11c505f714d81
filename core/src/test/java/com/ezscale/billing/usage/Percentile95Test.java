package com.ezscale.billing.usage;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntToLongFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class Percentile95Test {

    static final long FIRST = 5_893_344; // 2026-01-01T00:00Z / 300

    @ParameterizedTest(name = "{0} buckets -> rank index {1}, {2} dropped")
    @CsvSource({
        "8640, 8207, 432",
        "8928, 8481, 446",
        "8064, 7660, 403",
        "2880, 2735, 144",
        "100, 94, 5",
        "1, 0, 0",
        "20, 18, 1"
    })
    void nearestRankIndex(int buckets, int index, int dropped) {
        assertThat(Percentile95.rankIndex(buckets)).isEqualTo(index);
        assertThat(buckets - 1 - index).isEqualTo(dropped);
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                // name, buckets, bytes in per bucket, bytes out per bucket, mode, p95 in, its bucket offset, billed
                // bytes
                Arguments.of(
                        "thirtyDayMonthTakesIndex8207",
                        8640,
                        ramp(),
                        zero(),
                        DirectionMode.MAX_OF_IN_AND_OUT,
                        8207L,
                        8207L,
                        8207L),
                Arguments.of(
                        "thirtyOneDayMonthTakesIndex8481",
                        8928,
                        ramp(),
                        zero(),
                        DirectionMode.MAX_OF_IN_AND_OUT,
                        8481L,
                        8481L,
                        8481L),
                Arguments.of(
                        "februaryTakesIndex7660",
                        8064,
                        ramp(),
                        zero(),
                        DirectionMode.MAX_OF_IN_AND_OUT,
                        7660L,
                        7660L,
                        7660L),
                Arguments.of(
                        "tenActiveDaysRankOnlyThose",
                        2880,
                        ramp(),
                        zero(),
                        DirectionMode.MAX_OF_IN_AND_OUT,
                        2735L,
                        2735L,
                        2735L),
                Arguments.of(
                        "allZerosBillNothing", 8640, zero(), zero(), DirectionMode.MAX_OF_IN_AND_OUT, 0L, 8207L, 0L),
                Arguments.of(
                        "aSingleSpikeIsDropped",
                        8640,
                        spikes(1, 9_000_000_000L, 0),
                        zero(),
                        DirectionMode.MAX_OF_IN_AND_OUT,
                        0L,
                        8208L,
                        0L),
                Arguments.of(
                        "exactlyFivePercentSpikesAreDropped",
                        8640,
                        spikes(432, 9_000_000_000L, 1000),
                        zero(),
                        DirectionMode.MAX_OF_IN_AND_OUT,
                        1000L,
                        8639L,
                        1000L),
                Arguments.of(
                        "oneSpikeMoreThanFivePercentIsBilled",
                        8640,
                        spikes(433, 9_000_000_000L, 1000),
                        zero(),
                        DirectionMode.MAX_OF_IN_AND_OUT,
                        9_000_000_000L,
                        0L,
                        9_000_000_000L),
                Arguments.of(
                        "maxModeBillsTheBusierDirection",
                        100,
                        ramp(),
                        reverseRamp(100),
                        DirectionMode.MAX_OF_IN_AND_OUT,
                        94L,
                        94L,
                        94L),
                Arguments.of(
                        "sumModeRanksInPlusOut",
                        100,
                        ramp(),
                        reverseRamp(100),
                        DirectionMode.SUM_OF_IN_AND_OUT,
                        94L,
                        94L,
                        99L),
                Arguments.of("inOnly", 100, ramp(), constant(500), DirectionMode.IN_ONLY, 94L, 94L, 94L),
                Arguments.of("outOnly", 100, ramp(), constant(500), DirectionMode.OUT_ONLY, 94L, 94L, 500L));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void percentile(
            String name,
            int buckets,
            IntToLongFunction in,
            IntToLongFunction out,
            DirectionMode mode,
            long p95In,
            long inBucket,
            long billedBytes) {
        long[] bytesIn = new long[buckets];
        long[] bytesOut = new long[buckets];
        for (int i = 0; i < buckets; i++) {
            bytesIn[i] = in.applyAsLong(i);
            bytesOut[i] = out.applyAsLong(i);
        }
        Percentile95.Result result = Percentile95.of(new UsageSeries(FIRST, bytesIn, bytesOut), mode);
        assertThat(result.buckets()).isEqualTo(buckets);
        assertThat(result.rankIndex()).isEqualTo(Percentile95.rankIndex(buckets));
        assertThat(result.p95InBytes()).isEqualTo(p95In);
        assertThat(result.p95InBucket()).isEqualTo(FIRST + inBucket);
        assertThat(result.billedMbps()).isEqualByComparingTo(Percentile95.mbps(billedBytes));
    }

    /** Orders that break naive pivots: sorted, reversed, all equal, organ pipe, sawtooth, random with ties. */
    static Stream<Arguments> orders() {
        java.util.Random random = new java.util.Random(19);
        return Stream.of(
                        Arguments.of("ascending", (IntToLongFunction) i -> i),
                        Arguments.of("descending", (IntToLongFunction) i -> 1_000_000 - i),
                        Arguments.of("all equal", (IntToLongFunction) i -> 7),
                        Arguments.of("organ pipe", (IntToLongFunction) i -> i < 4464 ? i : 8928 - i),
                        Arguments.of("sawtooth", (IntToLongFunction) i -> i % 288),
                        Arguments.of("a few values", (IntToLongFunction) i -> random.nextInt(3)),
                        Arguments.of("random", (IntToLongFunction) i -> random.nextLong(750_000_000L)))
                .flatMap(a ->
                        Stream.of(1, 2, 20, 447, 8928).map(n -> Arguments.of(a.get()[0] + " of " + n, n, a.get()[1])));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("orders")
    void selectingTheRankFindsWhatSortingFinds(String name, int n, IntToLongFunction value) {
        long[] values = new long[n];
        for (int i = 0; i < n; i++) {
            values[i] = (value.applyAsLong(i) << 14) | i; // as ranked: the bucket in the low bits, so no two are equal
        }
        long[] sorted = values.clone();
        java.util.Arrays.sort(sorted);
        for (int k : new int[] {0, Percentile95.rankIndex(n), n / 2, n - 1}) {
            assertThat(Percentile95.select(values.clone(), k)).as("index " + k).isEqualTo(sorted[k]);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("orders")
    void thePercentileOfAnyOrderIsTheBucketAtTheRankInValueThenTimeOrder(String name, int n, IntToLongFunction value) {
        long[] in = new long[n];
        long[] out = new long[n];
        for (int i = 0; i < n; i++) {
            in[i] = value.applyAsLong(i);
            out[i] = value.applyAsLong(n - 1 - i) / 2;
        }
        Percentile95.Result p95 = Percentile95.of(new UsageSeries(FIRST, in, out), DirectionMode.MAX_OF_IN_AND_OUT);
        int rank = Percentile95.rankIndex(n);
        for (long[] bytes : new long[][] {in, out}) {
            Integer[] order = new Integer[n];
            for (int i = 0; i < n; i++) {
                order[i] = i;
            }
            java.util.Arrays.sort(
                    order, (a, b) -> bytes[a] != bytes[b] ? Long.compare(bytes[a], bytes[b]) : Integer.compare(a, b));
            long expectedBytes = bytes[order[rank]];
            long expectedBucket = FIRST + order[rank];
            if (bytes == in) {
                assertThat(p95.p95InBytes() + "@" + p95.p95InBucket()).isEqualTo(expectedBytes + "@" + expectedBucket);
            } else {
                assertThat(p95.p95OutBytes() + "@" + p95.p95OutBucket())
                        .isEqualTo(expectedBytes + "@" + expectedBucket);
            }
        }
    }

    @Test
    void missingBucketsCountAsZero() {
        List<UsageSample> samples = new ArrayList<>();
        for (int i = 0; i < 400; i++) { // 400 busy buckets of 8,640: fewer than the 432 dropped
            samples.add(new UsageSample(7, FIRST + i * 20L, 37_500_000, 0));
        }
        Percentile95.Result result =
                Percentile95.of(UsageSeries.of(FIRST, FIRST + 8640, samples), DirectionMode.MAX_OF_IN_AND_OUT);
        assertThat(result.billedMbps()).isEqualByComparingTo("0");
        samples.add(new UsageSample(7, FIRST + 8639, 37_500_000, 0));
        for (int i = 0; i < 32; i++) {
            samples.add(new UsageSample(7, FIRST + 8600 + i, 37_500_000, 0));
        }
        assertThat(Percentile95.of(UsageSeries.of(FIRST, FIRST + 8640, samples), DirectionMode.MAX_OF_IN_AND_OUT)
                        .billedMbps())
                .isEqualByComparingTo("1.000000");
    }

    @Test
    void theIpsOfAServiceAreSummedBeforeRanking() {
        // IP A busy in buckets 0-5, IP B in buckets 6-11, of 100: each alone has a p95 of 0; together 12 busy buckets >
        // 5 dropped
        List<UsageSample> perIp = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            perIp.add(new UsageSample(7, FIRST + i, 37_500_000, 0));
            perIp.add(new UsageSample(7, FIRST + 6 + i, 37_500_000, 0));
        }
        Percentile95.Result summed =
                Percentile95.of(UsageSeries.of(FIRST, FIRST + 100, perIp), DirectionMode.MAX_OF_IN_AND_OUT);
        assertThat(summed.billedMbps()).isEqualByComparingTo(new BigDecimal("1.000000"));
        Percentile95.Result ipA = Percentile95.of(
                UsageSeries.of(FIRST, FIRST + 100, perIp.subList(0, 1)), DirectionMode.MAX_OF_IN_AND_OUT);
        assertThat(ipA.billedMbps()).isEqualByComparingTo("0");
    }

    @ParameterizedTest(name = "{0} bytes in 5 minutes = {1} Mbps")
    @CsvSource({
        "37500000, 1.000000",
        "0, 0.000000",
        "1, 0.000000",
        "19, 0.000001",
        "3750000000, 100.000000",
        "12345678901, 329.218104"
    })
    void ratesAreBitsPerSecondInMegabits(long bytes, String mbps) {
        assertThat(Percentile95.mbps(bytes)).isEqualTo(new BigDecimal(mbps));
    }

    static IntToLongFunction ramp() {
        return i -> i;
    }

    static IntToLongFunction reverseRamp(int n) {
        return i -> n - 1 - i;
    }

    static IntToLongFunction zero() {
        return i -> 0;
    }

    static IntToLongFunction constant(long value) {
        return i -> value;
    }

    /** {@code count} spikes in the first buckets, {@code base} elsewhere. */
    static IntToLongFunction spikes(int count, long spike, long base) {
        return i -> i < count ? spike : base;
    }
}
