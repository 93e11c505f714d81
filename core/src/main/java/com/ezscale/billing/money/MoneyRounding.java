package com.ezscale.billing.money;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Currency;

/**
 * The one rounding rule of the system: HALF_UP (half away from zero) to the currency's ISO 4217
 * minor unit, applied once per invoice line after quantity × price × proration.
 */
public final class MoneyRounding {

    public static final RoundingMode MODE = RoundingMode.HALF_UP;

    /** Scale of unit prices and per-unit rates. */
    public static final int UNIT_PRICE_SCALE = 6;

    private MoneyRounding() {}

    public static int scaleOf(Currency currency) {
        int digits = currency.getDefaultFractionDigits();
        if (digits < 0) {
            throw new IllegalArgumentException(
                    "currency " + currency.getCurrencyCode() + " has no minor unit and cannot be billed");
        }
        return digits;
    }

    public static BigDecimal toMinorUnit(BigDecimal raw, Currency currency) {
        return raw.setScale(scaleOf(currency), MODE);
    }
}
