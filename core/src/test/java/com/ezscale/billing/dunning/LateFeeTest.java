package com.ezscale.billing.dunning;

import static org.assertj.core.api.Assertions.assertThat;

import com.ezscale.billing.money.Money;
import com.ezscale.billing.tax.TaxAmount;
import java.math.BigDecimal;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A late fee is taxed as the overdue invoice was: its main rate, inclusive or exclusive as its
 * prices were, none if it had none. Expected: line | subtotal | tax | total.
 */
class LateFeeTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            untaxed                 | USD | 10.00 | -         | -     | false | 10.00 | 10.00 | -          | 10.00
            germanVatOnTop          | EUR | 10.00 | VAT       | 19.00 | false | 10.00 | 10.00 | VAT 19=1.90 | 11.90
            germanVatInsidePrices   | EUR | 10.00 | VAT       | 19.00 | true  | 10.00 | 8.40  | VAT 19=1.60 | 10.00
            ukVatOnTheMinimum       | GBP | 5.00  | VAT       | 20.00 | false | 5.00  | 5.00  | VAT 20=1.00 | 6.00
            salesTaxRoundsHalfUp    | USD | 12.35 | Sales tax | 8.875 | false | 12.35 | 12.35 | Sales tax 8.875=1.10 | 13.45
            yenHasNoMinorUnit       | JPY | 500   | JCT       | 10.00 | true  | 500   | 455   | JCT 10=45   | 500
            reverseChargeIsZeroRate | EUR | 10.00 | VAT       | 0.00  | false | 10.00 | 10.00 | VAT 0=0.00  | 10.00
            """)
    void taxedAsItsInvoice(
            String name,
            String currency,
            String fee,
            String taxName,
            String rate,
            boolean inclusive,
            String line,
            String subtotal,
            String tax,
            String total) {
        LateFee late =
                LateFee.of(Money.of(fee, currency), taxName, rate == null ? null : new BigDecimal(rate), inclusive);
        assertThat(late.line()).isEqualTo(Money.of(line, currency));
        assertThat(late.subtotal()).isEqualTo(Money.of(subtotal, currency));
        assertThat(late.total()).isEqualTo(Money.of(total, currency));
        assertThat(late.taxes().stream().map(LateFeeTest::describe).collect(Collectors.joining(" ")))
                .isEqualTo(tax == null ? "" : tax);
        assertThat(late.total())
                .isEqualTo(late.subtotal()
                        .plus(late.taxes().stream()
                                .map(TaxAmount::tax)
                                .reduce(Money.zero(late.line().currency()), Money::plus)));
    }

    private static String describe(TaxAmount t) {
        return t.name() + " " + t.ratePercent().stripTrailingZeros().toPlainString() + "="
                + t.tax().amount().toPlainString();
    }
}
