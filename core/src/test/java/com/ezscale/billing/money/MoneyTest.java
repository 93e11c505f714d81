package com.ezscale.billing.money;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MoneyTest {

    @ParameterizedTest(name = "{0}: {1} rounds to {2}")
    @CsvSource({
        // currency, raw, rounded (HALF_UP: half away from zero, at the ISO 4217 minor unit)
        "JPY, 1.5,     2",
        "JPY, 2.5,     3",
        "JPY, -2.5,    -3",
        "JPY, 1000.49, 1000",
        "USD, 0.005,   0.01",
        "USD, 0.0049,  0.00",
        "USD, 10.125,  10.13",
        "USD, -10.125, -10.13",
        "EUR, 3.3333333, 3.33",
        "BHD, 1.0005,  1.001",
        "BHD, 1.0004,  1.000",
        "BHD, 2.99951, 3.000",
        "KWD, 0.0015,  0.002",
    })
    void roundsHalfUpToTheMinorUnit(String currency, String raw, String expected) {
        Money money = Money.rounded(new BigDecimal(raw), Money.currency(currency));
        assertThat(money.amount()).isEqualByComparingTo(expected);
        assertThat(money.amount().scale()).isEqualTo(Money.currency(currency).getDefaultFractionDigits());
    }

    @ParameterizedTest(name = "{0} has scale {1}")
    @CsvSource({"JPY, 0", "USD, 2", "EUR, 2", "GBP, 2", "BHD, 3", "KWD, 3"})
    void scaleIsTheIso4217MinorUnit(String currency, int scale) {
        assertThat(Money.of("1", currency).amount().scale()).isEqualTo(scale);
    }

    @Test
    void equalityIsByValue() {
        assertThat(Money.of("1.0", "USD")).isEqualTo(Money.of("1.00", "USD"));
        assertThat(Money.of("1", "USD")).isNotEqualTo(Money.of("1", "EUR"));
    }

    @Test
    void exactAmountsRefuseExtraDecimals() {
        assertThatThrownBy(() -> Money.of("1.234", "USD"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("USD allows (2)");
        assertThatThrownBy(() -> Money.of("1.5", "JPY"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("JPY allows (0)");
    }

    @Test
    void arithmeticRefusesToMixCurrencies() {
        assertThatThrownBy(() -> Money.of("1", "USD").plus(Money.of("1", "EUR")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("currency mismatch: USD and EUR");
        assertThat(Money.of("1.10", "USD").plus(Money.of("2.25", "USD"))).isEqualTo(Money.of("3.35", "USD"));
        assertThat(Money.of("1.10", "USD").minus(Money.of("2.25", "USD"))).isEqualTo(Money.of("-1.15", "USD"));
    }

    @ParameterizedTest(name = "''{0}'' is refused")
    @CsvSource({"usd", "XYZ", "US", "''"})
    void unknownCurrenciesAreRefusedWithTheCode(String code) {
        assertThatThrownBy(() -> Money.currency(code))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown currency '" + code + "'");
    }
}
