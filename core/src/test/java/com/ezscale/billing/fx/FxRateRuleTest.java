package com.ezscale.billing.fx;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FxRateRuleTest {

    /** EUR/USD on a Friday and the Monday after, USD/EUR stored once, GBP/USD a month before. */
    static final List<FxRate> RATES = List.of(
            new FxRate("EUR", "USD", LocalDate.parse("2026-11-27"), new BigDecimal("1.0500"), "ECB"),
            new FxRate("EUR", "USD", LocalDate.parse("2026-11-30"), new BigDecimal("1.0600"), "ECB"),
            new FxRate("USD", "EUR", LocalDate.parse("2026-11-30"), new BigDecimal("0.9500"), "bank"),
            new FxRate("GBP", "USD", LocalDate.parse("2026-10-30"), new BigDecimal("1.2500"), "ECB"));

    @ParameterizedTest(name = "{0} to {1} on {2}: {3}")
    @CsvSource(
            nullValues = "none",
            value = {
                // from, to, day, rate, rate of, inverse
                "EUR, USD, 2026-11-27, 1.0500, 2026-11-27, false", // the day's own rate
                "EUR, USD, 2026-11-29, 1.0500, 2026-11-27, false", // Sunday: Friday's
                "EUR, USD, 2026-12-04, 1.0600, 2026-11-30, false", // the latest of the week before
                "EUR, USD, 2026-12-07, 1.0600, 2026-11-30, false", // exactly 7 days back still counts
                "EUR, USD, 2026-12-08, none, none, none", // 8 days: too old
                "EUR, USD, 2026-11-26, none, none, none", // never a later rate
                "USD, EUR, 2026-11-30, 0.9500, 2026-11-30, false", // stored this way round: wins over the inverse
                "USD, EUR, 2026-11-28, 0.9523809524, 2026-11-27, true", // only EUR/USD that day: 1 / 1.05
                "USD, GBP, 2026-11-02, 0.8000000000, 2026-10-30, true", // inverse of 1.25
                "GBP, EUR, 2026-11-02, none, none, none", // no cross rates through a third currency
            })
    void theRateOfTheDayOrTheLatestOfTheWeekBefore(
            String from, String to, LocalDate day, BigDecimal rate, LocalDate dated, Boolean inverse) {
        var quote = FxRateRule.pick(RATES, from, to, day);
        if (rate == null) {
            assertThat(quote).isEmpty();
            return;
        }
        assertThat(quote).isPresent();
        assertThat(quote.get().rate()).isEqualByComparingTo(rate);
        assertThat(quote.get().dated()).isEqualTo(dated);
        assertThat(quote.get().requested()).isEqualTo(day);
        assertThat(quote.get().inverse()).isEqualTo(inverse);
    }
}
