package com.ezscale.billing.money;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Currency;
import java.util.Objects;

/**
 * An amount in an ISO 4217 currency, always at the currency's minor-unit scale, so that equality
 * is by value (1.0 USD equals 1.00 USD). Arithmetic refuses to mix currencies.
 */
public record Money(BigDecimal amount, Currency currency) implements Comparable<Money> {

    public Money {
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(currency, "currency");
        int scale = MoneyRounding.scaleOf(currency);
        try {
            amount = amount.setScale(scale, RoundingMode.UNNECESSARY);
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("amount " + amount.toPlainString() + " has more decimals than "
                    + currency.getCurrencyCode() + " allows (" + scale + "); round it with Money.rounded");
        }
    }

    /** An exact amount; throws if it has more decimals than the currency's minor unit. */
    public static Money of(BigDecimal amount, Currency currency) {
        return new Money(amount, currency);
    }

    public static Money of(String amount, String currencyCode) {
        return new Money(new BigDecimal(amount), currency(currencyCode));
    }

    /** A computed amount, rounded by {@link MoneyRounding} to the currency's minor unit. */
    public static Money rounded(BigDecimal raw, Currency currency) {
        return new Money(MoneyRounding.toMinorUnit(raw, currency), currency);
    }

    public static Money zero(Currency currency) {
        return new Money(BigDecimal.ZERO, currency);
    }

    private static final java.util.regex.Pattern CODE = java.util.regex.Pattern.compile("[A-Z]{3}");

    /** The ISO 4217 currency for a code, with a clear error for an unknown one. */
    public static Currency currency(String code) {
        // compiled once: every currency column of every row read comes through here
        if (code == null || !CODE.matcher(code).matches()) {
            throw new IllegalArgumentException(
                    "unknown currency '" + code + "': expected an ISO 4217 code such as USD");
        }
        try {
            return Currency.getInstance(code);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown currency '" + code + "': not an ISO 4217 code");
        }
    }

    public Money plus(Money other) {
        requireSameCurrency(other);
        return new Money(amount.add(other.amount), currency);
    }

    public Money minus(Money other) {
        requireSameCurrency(other);
        return new Money(amount.subtract(other.amount), currency);
    }

    public boolean isZero() {
        return amount.signum() == 0;
    }

    public boolean isNegative() {
        return amount.signum() < 0;
    }

    @Override
    public int compareTo(Money other) {
        requireSameCurrency(other);
        return amount.compareTo(other.amount);
    }

    private void requireSameCurrency(Money other) {
        if (!currency.equals(other.currency)) {
            throw new IllegalArgumentException(
                    "currency mismatch: " + currency.getCurrencyCode() + " and " + other.currency.getCurrencyCode());
        }
    }

    @Override
    public String toString() {
        return amount.toPlainString() + " " + currency.getCurrencyCode();
    }
}
