package com.ezscale.billing.portal.web;

import com.ezscale.billing.money.Money;
import java.math.BigDecimal;
import org.springframework.stereotype.Component;

/**
 * Amounts as the customer pages show them ({@code ${@amounts.of(x, 'USD')}}): at the currency's
 * own scale (2 for USD, 0 for JPY), with its code. The stored amounts are already rounded by the
 * one rounding rule; this only writes them at their scale.
 */
@Component("amounts")
public class Amounts {

    public String of(BigDecimal amount, String currency) {
        return amount == null ? "" : atScale(amount, currency) + " " + currency;
    }

    /** The amount alone at its currency's scale (a table column whose currency is shown once per row). */
    public static String atScale(BigDecimal amount, String currency) {
        if (amount == null) {
            return "";
        }
        int scale = Money.currency(currency).getDefaultFractionDigits();
        return amount.setScale(Math.max(scale, amount.stripTrailingZeros().scale()), java.math.RoundingMode.UNNECESSARY)
                .toPlainString();
    }
}
