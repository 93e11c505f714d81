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

    @ParameterizedTest(name = "''{0}'' is refused")
    @CsvSource({"INV-{year}", "INV-{000001}-{000001}", "INV-{000002}"})
    void patternsNeedExactlyOneCounter(String pattern) {
        assertThatThrownBy(() -> new NumberSeriesFormat(pattern))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(pattern);
    }
}
