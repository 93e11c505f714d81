package com.ezscale.billing.tax;

import static org.assertj.core.api.Assertions.assertThat;

import com.ezscale.billing.money.Money;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TaxCalculatorTest {

    /** lines: "amount@name:rate" separated by spaces; expected: "name:rate base tax" rows separated by ';'. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            oneRateExclusive                  | EUR | false | 10.00@VAT:21 5.00@VAT:21                 | VAT:21 15.00 3.15
            taxedOnTheSumNotPerLine           | EUR | false | 0.10@VAT:21 0.10@VAT:21 0.10@VAT:21      | VAT:21 0.30 0.06
            halfUpOnTheSum                    | EUR | false | 0.50@VAT:21                              | VAT:21 0.50 0.11
            twoRatesTwoRows                   | EUR | false | 100.00@VAT:21 100.00@VAT:9               | VAT:21 100.00 21.00;VAT:9 100.00 9.00
            discountLowersTheBase             | EUR | false | 12.50@VAT:21 -1.25@VAT:21                | VAT:21 11.25 2.36
            negativeBaseNegativeTax           | EUR | false | -20.00@VAT:20                            | VAT:20 -20.00 -4.00
            inclusiveTaxIsExtracted           | EUR | true  | 121.00@VAT:21                            | VAT:21 100.00 21.00
            inclusiveRounding                 | EUR | true  | 10.00@VAT:21                             | VAT:21 8.26 1.74
            yenHasNoMinorUnit                 | JPY | false | 1801@VAT:10                              | VAT:10 1801 180
            dinarHasThree                     | BHD | false | 37.123@VAT:10                            | VAT:10 37.123 3.712
            zeroRateRowIsShown                | EUR | false | 50.00@Reverse:0                          | Reverse:0 50.00 0.00
            """)
    void taxPerRate(String name, String currency, boolean inclusive, String lines, String expected) {
        List<TaxCalculator.TaxedAmount> amounts = new ArrayList<>();
        for (String line : lines.trim().split("\\s+")) {
            String[] parts = line.split("[@:]");
            amounts.add(
                    new TaxCalculator.TaxedAmount(Money.of(parts[0], currency), parts[1], new BigDecimal(parts[2])));
        }
        List<String> rows = TaxCalculator.compute(amounts, inclusive).stream()
                .map(t -> t.name() + ":" + t.ratePercent().stripTrailingZeros().toPlainString() + " "
                        + t.base().amount().toPlainString() + " "
                        + t.tax().amount().toPlainString())
                .toList();
        assertThat(rows).containsExactlyInAnyOrder(expected.split(";"));
    }
}
