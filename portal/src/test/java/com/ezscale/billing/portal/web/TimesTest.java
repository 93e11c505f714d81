package com.ezscale.billing.portal.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDateTime;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TimesTest {

    private static final LocalDateTime START = LocalDateTime.parse("2026-11-30T01:00:00");

    private final Times times = new Times();

    @ParameterizedTest(name = "{0} ms -> {1}")
    @CsvSource({
        "0, 0.0s",
        "49, 0.0s",
        "50, 0.1s",
        "949, 0.9s",
        "950, 1.0s",
        "9949, 9.9s",
        "9950, 10.0s",
        "9999, 10.0s",
        "10000, 10s",
        "59999, 59s",
        "60000, 1m 00s",
        "65000, 1m 05s",
        "3599999, 59m 59s",
        "3600000, 1h 00m 00s",
        "3723500, 1h 02m 03s",
        "90061000, 25h 01m 01s"
    })
    void aDurationIsWrittenAsTheListsShowIt(long millis, String shown) {
        assertThat(times.duration(START, START.plusNanos(millis * 1_000_000))).isEqualTo(shown);
    }

    /** Under ten seconds, the tenths round half up as {@code %.1f} did before the formatter was dropped. */
    @Test
    void tenthsRoundAsTheFormatterRoundedThem() {
        for (long millis = 0; millis < 10_000; millis++) {
            assertThat(times.duration(START, START.plusNanos(millis * 1_000_000)))
                    .as("%d ms", millis)
                    .isEqualTo(String.format(Locale.ROOT, "%.1fs", millis / 1000.0));
        }
    }

    @Test
    void noStartOrNoEndIsBlank() {
        assertThat(times.duration(null, START)).isEmpty();
        assertThat(times.duration(START, null)).isEmpty();
    }
}
