package com.ezscale.billing.dunning;

import com.ezscale.billing.money.Money;
import com.ezscale.billing.tax.TaxAmount;
import com.ezscale.billing.tax.TaxCalculator;
import java.math.BigDecimal;
import java.util.List;

/**
 * The late fee invoice of an overdue invoice: one line of the fee, taxed as the overdue invoice
 * was (its main rate, inclusive or exclusive as its prices were; no tax if it had none).
 */
public record LateFee(Money line, Money subtotal, List<TaxAmount> taxes, Money total) {

    public static LateFee of(Money fee, String taxName, BigDecimal ratePercent, boolean pricesIncludeTax) {
        List<TaxAmount> taxes = taxName == null
                ? List.of()
                : TaxCalculator.compute(
                        List.of(new TaxCalculator.TaxedAmount(fee, taxName, ratePercent)), pricesIncludeTax);
        Money tax = taxes.stream().map(TaxAmount::tax).reduce(Money::plus).orElse(Money.zero(fee.currency()));
        Money subtotal = pricesIncludeTax ? fee.minus(tax) : fee;
        return new LateFee(fee, subtotal, taxes, subtotal.plus(tax));
    }
}
