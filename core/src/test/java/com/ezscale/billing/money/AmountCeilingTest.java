package com.ezscale.billing.money;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AmountCeilingTest {

    private final AmountCeiling ceiling =
            new AmountCeiling(Map.of("default", new BigDecimal("1000000"), "JPY", new BigDecimal("150000000")));

    @ParameterizedTest(name = "{0} {1} passes")
    @CsvSource({"1000000.00, USD", "-1000000.00, EUR", "150000000, JPY", "0.01, GBP"})
    void upToTheCeilingOfItsCurrency(String amount, String currency) {
        assertThatCode(() -> ceiling.check(Money.of(amount, currency), "a payment"))
                .doesNotThrowAnyException();
    }

    @ParameterizedTest(name = "{0} {1} is refused")
    @CsvSource(
            delimiter = '|',
            value = {
                "1000000.01      | USD | a payment of 1000000.01 USD is above the ceiling of 1000000 USD for one entry (ezscale.billing.amount-ceiling.default)",
                "-1000000.01     | EUR | a payment of -1000000.01 EUR is above the ceiling of 1000000 EUR",
                "150000001       | JPY | a payment of 150000001 JPY is above the ceiling of 150000000 JPY for one entry (ezscale.billing.amount-ceiling.JPY)",
                "99999999999999  | USD | a payment of 99999999999999.00 USD is above the ceiling",
            })
    void aboveItIsRefusedNamingTheSetting(String amount, String currency, String reason) {
        assertThatThrownBy(() -> ceiling.check(Money.of(amount, currency), "a payment"))
                .hasMessageStartingWith(reason);
    }

    @ParameterizedTest(name = "no ceiling configured: {0}")
    @CsvSource({"99999999999999"})
    void noneConfiguredNoneApplied(String amount) {
        assertThatCode(() -> new AmountCeiling(null).check(Money.of(amount, "USD"), "a payment"))
                .doesNotThrowAnyException();
    }
}
