package com.ezscale.billing.tax;

import com.ezscale.billing.money.Money;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Tax per rate per invoice (EU VAT Directive art. 226): the lines of each rate are summed first,
 * then taxed once, HALF_UP. Tax-exclusive lines: tax = sum × rate. Tax-inclusive lines (the price
 * list includes tax): the lines are gross, tax = sum × rate / (100 + rate), and the net base is the
 * gross sum minus that tax.
 */
public final class TaxCalculator {

    /** A line's amount and the rate it is taxed at. */
    public record TaxedAmount(Money amount, String name, BigDecimal ratePercent) {}

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private TaxCalculator() {}

    public static List<TaxAmount> compute(List<TaxedAmount> lines, boolean pricesIncludeTax) {
        Map<String, List<TaxedAmount>> byRate = new TreeMap<>();
        for (TaxedAmount line : lines) {
            if (line.name() != null) {
                byRate.computeIfAbsent(
                                line.name() + "\u0000"
                                        + line.ratePercent()
                                                .stripTrailingZeros()
                                                .toPlainString(),
                                k -> new ArrayList<>())
                        .add(line);
            }
        }
        List<TaxAmount> taxes = new ArrayList<>();
        for (List<TaxedAmount> group : byRate.values()) {
            TaxedAmount first = group.get(0);
            Money sum =
                    group.stream().map(TaxedAmount::amount).reduce(Money::plus).orElseThrow();
            BigDecimal rate = first.ratePercent();
            Money tax;
            Money base;
            if (pricesIncludeTax) {
                tax = Money.rounded(
                        sum.amount().multiply(rate).divide(HUNDRED.add(rate), MathContext.DECIMAL128), sum.currency());
                base = sum.minus(tax);
            } else {
                tax = Money.rounded(
                        sum.amount().multiply(rate).divide(HUNDRED, MathContext.DECIMAL128), sum.currency());
                base = sum;
            }
            taxes.add(new TaxAmount(first.name(), rate, base, tax));
        }
        return taxes;
    }
}
