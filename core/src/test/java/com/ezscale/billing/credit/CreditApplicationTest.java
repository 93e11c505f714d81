package com.ezscale.billing.credit;

import static org.assertj.core.api.Assertions.assertThat;

import com.ezscale.billing.invoice.InvoiceStatus;
import com.ezscale.billing.money.Money;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CreditApplicationTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            noCredit                      | USD | 50.00 | 0.00  | 0.00  | false | 0.00  | ISSUED
            creditCoversHalf              | USD | 50.00 | 0.00  | 25.00 | false | 25.00 | PARTIALLY_PAID
            creditCoversAll               | USD | 50.00 | 0.00  | 80.00 | false | 50.00 | PAID
            exactlyTheTotal               | USD | 50.00 | 0.00  | 50.00 | false | 50.00 | PAID
            optedOut                      | USD | 50.00 | 0.00  | 80.00 | true  | 0.00  | ISSUED
            zeroInvoiceIsPaid             | USD | 0.00  | 0.00  | 0.00  | false | 0.00  | PAID
            carriedBalanceIsPaidAtZero    | EUR | 0.00  | 12.34 | 0.00  | false | 0.00  | PAID
            negativeBalanceTakesNothing   | USD | 50.00 | 0.00  | -5.00 | false | 0.00  | ISSUED
            yen                           | JPY | 3000  | 0     | 1500  | false | 1500  | PARTIALLY_PAID
            """)
    void settle(
            String name,
            String currency,
            String total,
            String carried,
            String balance,
            boolean optOut,
            String applied,
            InvoiceStatus status) {
        CreditApplication.Outcome outcome = CreditApplication.settle(
                Money.of(total, currency), Money.of(carried, currency), Money.of(balance, currency), optOut);
        assertThat(outcome.applied()).isEqualTo(Money.of(applied, currency));
        assertThat(outcome.carried()).isEqualTo(Money.of(carried, currency));
        assertThat(outcome.status()).isEqualTo(status);
    }
}
