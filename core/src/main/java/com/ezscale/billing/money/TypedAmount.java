package com.ezscale.billing.money;

import java.math.BigDecimal;
import java.util.regex.Pattern;

/**
 * An amount as a person types it (a payment, a credit entry, a credit note): plain digits with an
 * optional sign and decimal point. Exponent notation ({@code 1E+30}), thousands separators, words
 * and more than 15 digits before the point (what a {@code DECIMAL(19,4)} column holds) are refused
 * with the reason; whether it fits the currency's minor unit and ceiling is {@link Money}'s and
 * {@link AmountCeiling}'s to say.
 */
public final class TypedAmount {

    /** The integer digits a money column holds. */
    public static final int MAX_INTEGER_DIGITS = 15;

    private static final Pattern PLAIN = Pattern.compile("[+-]?(\\d+)(\\.\\d+)?");

    private TypedAmount() {}

    public static BigDecimal parse(String text) {
        String trimmed = text == null ? "" : text.trim();
        var m = PLAIN.matcher(trimmed);
        if (!m.matches()) {
            throw new IllegalArgumentException(
                    "'" + text + "' is not an amount: write digits with an optional decimal point, e.g. 1250.00");
        }
        String integer = m.group(1).replaceFirst("^0+(?=\\d)", "");
        if (integer.length() > MAX_INTEGER_DIGITS) {
            throw new IllegalArgumentException("'" + text + "' has " + integer.length()
                    + " digits before the decimal point; at most " + MAX_INTEGER_DIGITS + " are possible");
        }
        return new BigDecimal(trimmed);
    }
}
