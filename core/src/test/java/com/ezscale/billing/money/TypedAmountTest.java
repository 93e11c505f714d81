package com.ezscale.billing.money;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TypedAmountTest {

    @ParameterizedTest(name = "''{0}'' is {1}")
    @CsvSource({
        "12, 12",
        "1250.00, 1250.00",
        "-5, -5",
        "+7.5, 7.5",
        " 3.25 , 3.25",
        "000000000000000000001, 1",
        "999999999999999.9999, 999999999999999.9999"
    })
    void plainDecimalsAreAmounts(String text, BigDecimal expected) {
        assertThat(TypedAmount.parse(text)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "''{0}'' -> {1}")
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '"',
            value = {
                "1E+30                 | '1E+30' is not an amount",
                "1E+400                | '1E+400' is not an amount",
                "1e3                   | '1e3' is not an amount",
                "1,000.00              | '1,000.00' is not an amount",
                "ten                   | 'ten' is not an amount",
                "NaN                   | 'NaN' is not an amount",
                ".5                    | '.5' is not an amount",
                "99999999999999999999  | '99999999999999999999' has 20 digits before the decimal point; at most 15 are possible",
                "1000000000000000      | has 16 digits before the decimal point",
            })
    void anythingElseIsRefusedWithTheReason(String text, String reason) {
        assertThatThrownBy(() -> TypedAmount.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(reason);
    }
}
