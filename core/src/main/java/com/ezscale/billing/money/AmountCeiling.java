package com.ezscale.billing.money;

import com.ezscale.billing.rules.BillingRuleViolation;
import java.math.BigDecimal;
import java.util.Currency;
import java.util.Map;

/**
 * The largest amount one typed entry may carry (a payment recorded by hand, a credit entry), per
 * currency, so a slip of the keyboard ({@code 99999999999999}) is refused instead of becoming
 * account credit. {@code byCurrency} is keyed by ISO code, with {@code default} for the others.
 */
public record AmountCeiling(Map<String, BigDecimal> byCurrency) {

    public static final String DEFAULT = "default";

    public AmountCeiling {
        byCurrency = byCurrency == null ? Map.of() : Map.copyOf(byCurrency);
    }

    /** The ceiling of a currency: its own, else the default; none if neither is set. */
    public BigDecimal of(String currencyCode) {
        BigDecimal own = byCurrency.get(currencyCode);
        return own != null ? own : byCurrency.get(DEFAULT);
    }

    /**
     * An amount a person typed, in {@code currency}: no more decimals than its minor unit and not
     * above the ceiling of one entry; refused with the reason naming {@code what} it is.
     */
    public Money typed(BigDecimal amount, Currency currency, String what) {
        int scale = MoneyRounding.scaleOf(currency);
        if (amount.stripTrailingZeros().scale() > scale) {
            throw new BillingRuleViolation(what + " of " + amount.toPlainString() + " " + currency.getCurrencyCode()
                    + " has more decimals than " + currency.getCurrencyCode() + " has (" + scale + ")");
        }
        Money money = Money.rounded(amount, currency);
        check(money, what);
        return money;
    }

    /**
     * A price a person typed (a unit or recurring price, a fee): not negative, at most
     * {@link MoneyRounding#UNIT_PRICE_SCALE} decimals, not above the ceiling; refused naming {@code what}.
     */
    public BigDecimal price(BigDecimal amount, Currency currency, String what) {
        if (amount.signum() < 0) {
            throw new BillingRuleViolation(what + " cannot be negative (" + amount.toPlainString() + ")");
        }
        if (amount.stripTrailingZeros().scale() > MoneyRounding.UNIT_PRICE_SCALE) {
            throw new BillingRuleViolation(what + " of " + amount.toPlainString() + " has more than "
                    + MoneyRounding.UNIT_PRICE_SCALE + " decimals");
        }
        check(Money.rounded(amount, currency), what);
        return amount.setScale(MoneyRounding.UNIT_PRICE_SCALE);
    }

    /** Refuses {@code amount} (in either direction) above the ceiling of its currency, naming the setting. */
    public void check(Money amount, String what) {
        String code = amount.currency().getCurrencyCode();
        BigDecimal ceiling = of(code);
        if (ceiling != null && amount.amount().abs().compareTo(ceiling) > 0) {
            throw new BillingRuleViolation(what + " of " + amount + " is above the ceiling of "
                    + ceiling.stripTrailingZeros().toPlainString()
                    + " " + code + " for one entry (ezscale.billing.amount-ceiling."
                    + (byCurrency.containsKey(code) ? code : DEFAULT)
                    + "); split it or raise the setting");
        }
    }
}
