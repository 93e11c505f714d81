package com.ezscale.billing.app.discount;

import com.ezscale.billing.app.BillingProperties;
import com.ezscale.billing.audit.db.AuditMapper;
import com.ezscale.billing.catalog.db.CatalogMapper;
import com.ezscale.billing.discount.Coupon;
import com.ezscale.billing.discount.CouponDuration;
import com.ezscale.billing.discount.CouponKind;
import com.ezscale.billing.discount.db.CouponMapper;
import com.ezscale.billing.discount.db.CouponRow;
import com.ezscale.billing.discount.db.Coupons;
import com.ezscale.billing.discount.db.LoyaltyTierRow;
import com.ezscale.billing.money.AmountCeiling;
import com.ezscale.billing.money.Money;
import com.ezscale.billing.persistence.GeneratedKey;
import com.ezscale.billing.rules.BillingRuleViolation;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Coupons and loyalty tiers as admins keep them. A coupon is a percentage or a fixed amount per
 * currency, once, for N cycles or forever, optionally dated, capped in total and per customer,
 * limited to products and countries, stackable or not; it is never changed once created (its
 * redemptions were granted under its terms): a new code replaces it. Loyalty tiers give a percentage
 * from a tenure in months. One transaction per action, audited.
 */
@Service
public class CouponBook {

    /** What {@code coupon add} names; {@code amounts} (currency → amount) for FIXED, {@code percent} for PERCENT. */
    public record NewCoupon(
            String code,
            CouponKind kind,
            BigDecimal percent,
            Map<String, BigDecimal> amounts,
            CouponDuration duration,
            Integer cycles,
            LocalDate validFrom,
            LocalDate validUntil,
            Integer maxRedemptions,
            Integer maxPerCustomer,
            boolean stackable,
            List<String> productCodes,
            List<String> countries) {}

    private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());

    private final CouponMapper coupons;
    private final CatalogMapper catalog;
    private final AuditMapper audit;
    private final AmountCeiling ceiling;
    private final TransactionTemplate tx;
    private final Clock clock;

    public CouponBook(
            CouponMapper coupons,
            CatalogMapper catalog,
            AuditMapper audit,
            BillingProperties properties,
            PlatformTransactionManager transactionManager,
            Clock clock) {
        this.coupons = coupons;
        this.catalog = catalog;
        this.audit = audit;
        this.ceiling = properties.ceiling();
        this.tx = new TransactionTemplate(transactionManager);
        this.clock = clock;
    }

    /** Creates a coupon; returns its id. */
    public long add(NewCoupon c, String actor) {
        String code = c.code() == null ? "" : c.code().strip().toUpperCase(Locale.ROOT);
        if (!code.matches("[A-Z0-9][A-Z0-9_-]{0,63}")) {
            throw new BillingRuleViolation(
                    "coupon code '" + c.code() + "' must be 1 to 64 letters, digits, '_' or '-' (stored upper case)");
        }
        if (c.kind() == null || c.duration() == null) {
            throw new BillingRuleViolation("a coupon needs a kind (PERCENT or FIXED) and a duration");
        }
        Map<Currency, BigDecimal> amounts =
                new TreeMap<>((a, b) -> a.getCurrencyCode().compareTo(b.getCurrencyCode()));
        BigDecimal percent = null;
        if (c.kind() == CouponKind.PERCENT) {
            if (c.percent() == null
                    || c.percent().signum() <= 0
                    || c.percent().compareTo(BigDecimal.valueOf(100)) > 0) {
                throw new BillingRuleViolation("a PERCENT coupon needs --percent above 0 and at most 100");
            }
            if (c.percent().stripTrailingZeros().scale() > 4) {
                throw new BillingRuleViolation("--percent has more than 4 decimals");
            }
            if (c.amounts() != null && !c.amounts().isEmpty()) {
                throw new BillingRuleViolation("a PERCENT coupon takes no --amount");
            }
            percent = c.percent();
        } else {
            if (c.amounts() == null || c.amounts().isEmpty()) {
                throw new BillingRuleViolation("a FIXED coupon needs an --amount per currency, e.g. --amount USD=5.00");
            }
            if (c.percent() != null) {
                throw new BillingRuleViolation("a FIXED coupon takes no --percent");
            }
            for (Map.Entry<String, BigDecimal> a : c.amounts().entrySet()) {
                Currency currency;
                try {
                    currency = Money.currency(a.getKey());
                } catch (IllegalArgumentException e) {
                    throw new BillingRuleViolation(e.getMessage());
                }
                Money money = ceiling.typed(a.getValue(), currency, "the coupon amount");
                if (money.amount().signum() <= 0) {
                    throw new BillingRuleViolation("the coupon amount in " + currency + " must be above zero");
                }
                amounts.put(currency, money.amount());
            }
        }
        if ((c.duration() == CouponDuration.CYCLES) != (c.cycles() != null)) {
            throw new BillingRuleViolation("--cycles goes with --duration CYCLES, and only with it");
        }
        if (c.cycles() != null && c.cycles() < 1) {
            throw new BillingRuleViolation("--cycles must be at least 1");
        }
        if (c.validFrom() != null && c.validUntil() != null && c.validUntil().isBefore(c.validFrom())) {
            throw new BillingRuleViolation(
                    "--valid-until " + c.validUntil() + " is before --valid-from " + c.validFrom());
        }
        positive("--max-redemptions", c.maxRedemptions());
        positive("--max-per-customer", c.maxPerCustomer());
        List<String> countries = new ArrayList<>();
        for (String country : c.countries() == null ? List.<String>of() : c.countries()) {
            String cc = country.strip().toUpperCase(Locale.ROOT);
            if (!COUNTRIES.contains(cc)) {
                throw new BillingRuleViolation("country '" + country + "' is not an ISO 3166 country code");
            }
            countries.add(cc);
        }
        BigDecimal percentValue = percent;
        return tx.execute(status -> {
            if (coupons.lockCouponByCode(code) != null) {
                throw new BillingRuleViolation(
                        "coupon " + code + " exists (a coupon is never changed: use a new code)");
            }
            List<Long> products = new ArrayList<>();
            for (String productCode : c.productCodes() == null ? List.<String>of() : c.productCodes()) {
                Long id = catalog.selectProductIdByCode(productCode.strip());
                if (id == null) {
                    throw new BillingRuleViolation("no product " + productCode);
                }
                products.add(id);
            }
            GeneratedKey key = new GeneratedKey();
            Instant now = clock.instant();
            coupons.insertCoupon(
                    new CouponRow(
                            0,
                            code,
                            c.kind(),
                            percentValue,
                            c.duration(),
                            c.cycles(),
                            c.validFrom(),
                            c.validUntil(),
                            c.maxRedemptions(),
                            c.maxPerCustomer(),
                            c.stackable()),
                    now,
                    key);
            amounts.forEach(
                    (currency, amount) -> coupons.insertCouponAmount(key.value(), currency.getCurrencyCode(), amount));
            products.forEach(p -> coupons.insertCouponProduct(key.value(), p));
            countries.forEach(cc -> coupons.insertCouponCountry(key.value(), cc));
            audit.insert(now, actor, "coupon.add", "coupon " + code, describe(c, percentValue, amounts));
            return key.value();
        });
    }

    /** Every coupon with its amounts, products and countries. */
    public List<Coupon> list() {
        return Coupons.load(coupons).values().stream().toList();
    }

    /** Sets the percentage a tenure of {@code minMonths} months earns. */
    public void setLoyaltyTier(int minMonths, BigDecimal percent, String actor) {
        if (minMonths < 1 || minMonths > 1200) {
            throw new BillingRuleViolation("--months " + minMonths + " is not between 1 and 1200");
        }
        if (percent == null || percent.signum() <= 0 || percent.compareTo(BigDecimal.valueOf(100)) > 0) {
            throw new BillingRuleViolation("--percent must be above 0 and at most 100");
        }
        if (percent.stripTrailingZeros().scale() > 4) {
            throw new BillingRuleViolation("--percent has more than 4 decimals");
        }
        tx.executeWithoutResult(status -> {
            coupons.upsertLoyaltyTier(minMonths, percent);
            audit.insert(
                    clock.instant(),
                    actor,
                    "loyalty-tier.set",
                    "tier " + minMonths + " months",
                    percent.stripTrailingZeros().toPlainString() + "%");
        });
    }

    public void removeLoyaltyTier(int minMonths, String actor) {
        tx.executeWithoutResult(status -> {
            if (coupons.deleteLoyaltyTier(minMonths) == 0) {
                throw new BillingRuleViolation("no loyalty tier at " + minMonths + " months");
            }
            audit.insert(clock.instant(), actor, "loyalty-tier.remove", "tier " + minMonths + " months", null);
        });
    }

    public List<LoyaltyTierRow> loyaltyTiers() {
        return coupons.selectLoyaltyTiers();
    }

    private static void positive(String option, Integer value) {
        if (value != null && value < 1) {
            throw new BillingRuleViolation(option + " must be at least 1");
        }
    }

    private static String describe(NewCoupon c, BigDecimal percent, Map<Currency, BigDecimal> amounts) {
        StringBuilder b = new StringBuilder(c.kind().name());
        if (percent != null) {
            b.append(' ').append(percent.stripTrailingZeros().toPlainString()).append('%');
        }
        amounts.forEach((currency, amount) ->
                b.append(' ').append(amount.toPlainString()).append(' ').append(currency));
        b.append(", ").append(c.duration()).append(c.cycles() == null ? "" : " " + c.cycles());
        return b.toString();
    }
}
