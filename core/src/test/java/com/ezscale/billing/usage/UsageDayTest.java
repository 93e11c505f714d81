package com.ezscale.billing.usage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.IntToLongFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class UsageDayTest {

    static Stream<Arguments> days() {
        SplittableRandom random = new SplittableRandom(19);
        long[] noise = random.longs(UsageDay.BUCKETS, 0, 750_000_000L).toArray();
        return Stream.of(
                Arguments.of("idle", (IntToLongFunction) i -> 0, 577),
                Arguments.of("flat 300 MB a bucket", (IntToLongFunction) i -> 300_000_000L, 1 + 5 + 287 + 4 + 287),
                Arguments.of(
                        "one burst",
                        (IntToLongFunction) i -> i == 100 ? 37_500_000_000L : 0,
                        1 + (6 + 6 + 286) + (5 + 5 + 286)),
                Arguments.of("random below 750 MB", (IntToLongFunction) i -> noise[i], -1),
                Arguments.of("a 400 Gbps port full", (IntToLongFunction) i -> 15_000_000_000_000L, -1),
                Arguments.of("the largest counter", (IntToLongFunction) i -> i % 2 == 0 ? Long.MAX_VALUE : 0, -1));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("days")
    void aDayComesBackAsItWent(String name, IntToLongFunction counter, int expectedSize) {
        long[] in = new long[UsageDay.BUCKETS];
        long[] out = new long[UsageDay.BUCKETS];
        for (int i = 0; i < UsageDay.BUCKETS; i++) {
            in[i] = counter.applyAsLong(i);
            out[i] = counter.applyAsLong(UsageDay.BUCKETS - 1 - i) / 3;
        }
        byte[] data = UsageDay.encode(in, out);
        if (expectedSize > 0) {
            assertThat(data).hasSize(expectedSize);
        }
        long[] backIn = new long[UsageDay.BUCKETS];
        long[] backOut = new long[UsageDay.BUCKETS];
        UsageDay.decodeAdd(data, backIn, backOut);
        assertThat(backIn).isEqualTo(in);
        assertThat(backOut).isEqualTo(out);
    }

    @Test
    void aWindowTakesOnlyItsPartOfADayAndAddsToWhatItHolds() {
        long[] in = new long[UsageDay.BUCKETS];
        long[] out = new long[UsageDay.BUCKETS];
        Arrays.setAll(in, i -> i + 1);
        Arrays.setAll(out, i -> 1000 + i);
        byte[] data = UsageDay.encode(in, out);
        long[] windowIn = {7, 7, 7, 7};
        long[] windowOut = new long[4];
        UsageDay.decodeAdd(data, windowIn, windowOut, 1, 286, 288);
        assertThat(windowIn).containsExactly(7, 7 + 287, 7 + 288, 7);
        assertThat(windowOut).containsExactly(0, 1286, 1287, 0);
    }

    @Test
    void totalsAreWhatTheFingerprintAdds() {
        long[] in = new long[UsageDay.BUCKETS];
        long[] out = new long[UsageDay.BUCKETS];
        in[0] = 5;
        in[10] = 7;
        out[10] = 1;
        out[287] = 2;
        UsageDay.Totals t = UsageDay.totals(in, out);
        assertThat(t).isEqualTo(new UsageDay.Totals(3, 12, 3, 10 * (7 + 3) + 287 * 6));
        assertThat(t.weightedFrom(100)).hasToString(String.valueOf(100 * (12 + 9) + t.weighted()));
    }

    @Test
    void whatCannotComeBackUnchangedIsRefused() {
        long[] in = new long[UsageDay.BUCKETS];
        long[] out = new long[UsageDay.BUCKETS];
        out[3] = -1;
        assertThatThrownBy(() -> UsageDay.encode(in, out)).hasMessageContaining("never negative: -1");
        assertThatThrownBy(() -> UsageDay.encode(new long[287], new long[287])).hasMessageContaining("288 buckets");
        byte[] data = UsageDay.encode(in, new long[UsageDay.BUCKETS]);
        assertThatThrownBy(() -> UsageDay.decodeAdd(Arrays.copyOf(data, data.length - 1), in, out))
                .hasMessageContaining("ends inside bucket 287");
        assertThatThrownBy(() -> UsageDay.decodeAdd(Arrays.copyOf(data, data.length + 1), in, out))
                .hasMessageContaining("1 bytes after its counters");
        data[0] = 9;
        assertThatThrownBy(() -> UsageDay.decodeAdd(data, in, out)).hasMessageContaining("format 1");
    }
}
