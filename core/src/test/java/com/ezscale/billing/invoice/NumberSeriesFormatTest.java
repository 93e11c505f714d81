package com.ezscale.billing.invoice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NumberSeriesFormatTest {

    @ParameterizedTest(name = "{0}, {1} #{2} = {3}")
    @CsvSource({
        "INV-{year}-{000001}, 2026, 1,       INV-2026-000001,  INV-2026-{000001}",
        "INV-{year}-{000001}, 2026, 42,      INV-2026-000042,  INV-2026-{000001}",
        "INV-{year}-{000001}, 2027, 1234567, INV-2027-1234567, INV-2027-{000001}",
        "CN-{year}-{0001},    2026, 7,       CN-2026-0007,     CN-2026-{0001}",
        "EU{1},               2026, 12,      EU12,             EU{1}",
    })
    void formatsTheCounterAtItsWidth(String pattern, int year, long value, String number, String seriesKey) {
        NumberSeriesFormat format = new NumberSeriesFormat(pattern);
        assertThat(format.format(year, value)).isEqualTo(number);
        assertThat(format.seriesKey(year)).isEqualTo(seriesKey);
    }

    @ParameterizedTest(name = "{0} could issue {1}: {2}")
    @CsvSource({
        "INV-{year}-{000001}, INV-2026-000123,  true",
        "INV-{year}-{000001}, INV-2031-1234567, true",
        "INV-{year}-{000001}, INV-2026-123,     false",
        "INV-{year}-{000001}, INV-26-000123,    false",
        "INV-{year}-{000001}, INV-2026-000123A, false",
        "INV-{year}-{000001}, XINV-2026-000123, false",
        "INV-{year}-{000001}, 4711,             false",
        "EU{1},               EU12,             true",
        "EU{1},               EU,               false",
        "A.{year}/{01},       A.2026/07,        true",
        "A.{year}/{01},       AX2026/07,        false",
    })
    void knowsTheNumbersOfItsShape(String pattern, String number, boolean could) {
        NumberSeriesFormat format = new NumberSeriesFormat(pattern);
        assertThat(format.shape().test(number)).isEqualTo(could);
        if (could) {
            // what it issues has that shape, and starts with its leading text
            assertThat(format.shape().test(format.format(2026, 1))).isTrue();
            assertThat(number).startsWith(format.leadingText());
        }
    }

    @ParameterizedTest(name = "{0} starts with ''{1}''")
    @CsvSource({
        "INV-{year}-{000001}, INV-",
        "EU{1}, EU",
        "{year}/{0001}, ''",
        "{01}-{year}, ''",
        "A{B}-{year}-{01}, A{B}-"
    })
    void leadingText(String pattern, String text) {
        assertThat(new NumberSeriesFormat(pattern).leadingText()).isEqualTo(text == null ? "" : text);
    }

    @ParameterizedTest(name = "''{0}'' is refused")
    @CsvSource({"INV-{year}", "INV-{000001}-{000001}", "INV-{000002}"})
    void patternsNeedExactlyOneCounter(String pattern) {
        assertThatThrownBy(() -> new NumberSeriesFormat(pattern))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(pattern);
    }
}
