package com.ezscale.billing.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.ezscale.billing.invoice.InvoiceStatus;
import com.ezscale.billing.money.Money;
import com.ezscale.billing.rules.BillingRuleViolation;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PaymentAllocationTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            exactAmountPays             | ISSUED         | USD | 50.00 | 50.00 | 50.00 | 0.00  | PAID
            partialPayment              | ISSUED         | USD | 50.00 | 20.00 | 20.00 | 0.00  | PARTIALLY_PAID
            restOfAPartialPayment       | PARTIALLY_PAID | USD | 30.00 | 30.00 | 30.00 | 0.00  | PAID
            overpaymentGoesToCredit     | ISSUED         | USD | 50.00 | 70.00 | 50.00 | 20.00 | PAID
            yen                         | ISSUED         | JPY | 3000  | 1000  | 1000  | 0     | PARTIALLY_PAID
            """)
    void allocate(
            String name,
            InvoiceStatus status,
            String currency,
            String owed,
            String paid,
            String toInvoice,
            String toCredit,
            InvoiceStatus after) {
        PaymentAllocation.Allocation a =
                PaymentAllocation.allocate("INV-1", status, Money.of(owed, currency), Money.of(paid, currency));
        assertThat(a)
                .isEqualTo(new PaymentAllocation.Allocation(
                        Money.of(toInvoice, currency), Money.of(toCredit, currency), after));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            alreadyPaid      | PAID   | USD | 0.00  | USD | 10.00 | invoice INV-1 has nothing left to pay
            voidInvoice      | VOID   | USD | 50.00 | USD | 10.00 | invoice INV-1 is void: it takes no payment
            draft            | DRAFT  | USD | 50.00 | USD | 10.00 | invoice INV-1 is draft: it takes no payment
            otherCurrency    | ISSUED | USD | 50.00 | EUR | 10.00 | invoice INV-1 is in USD, the payment in EUR
            zero             | ISSUED | USD | 50.00 | USD | 0.00  | a payment must be above zero
            """)
    void refused(
            String name,
            InvoiceStatus status,
            String currency,
            String owed,
            String payCurrency,
            String paid,
            String message) {
        assertThatThrownBy(() -> PaymentAllocation.allocate(
                        "INV-1", status, Money.of(owed, currency), Money.of(paid, payCurrency)))
                .isInstanceOf(BillingRuleViolation.class)
                .hasMessage(message);
    }
}
