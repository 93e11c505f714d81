package com.ezscale.billing.catalog;

import com.ezscale.billing.period.BillingCycle;
import com.ezscale.billing.rules.BillingRuleViolation;
import java.util.Collection;
import java.util.Comparator;
import java.util.Currency;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** Every plan's prices, by plan, currency and cycle. No FX conversion: a missing price is missing. */
public final class PriceList {

    private record Key(long planId, Currency currency, BillingCycle cycle) {}

    private final Map<Key, PlanPrice> prices = new HashMap<>();
    private final Map<Long, Plan> plans = new HashMap<>();

    public PriceList(Collection<Plan> plans, Collection<PlanPrice> prices) {
        plans.forEach(p -> this.plans.put(p.id(), p));
        prices.forEach(p -> this.prices.put(new Key(p.planId(), p.currency(), p.cycle()), p));
    }

    public Optional<PlanPrice> find(long planId, Currency currency, BillingCycle cycle) {
        return Optional.ofNullable(prices.get(new Key(planId, currency, cycle)));
    }

    /** Every currency some plan has a price in. */
    public Set<Currency> currencies() {
        Set<Currency> currencies = new TreeSet<>(Comparator.comparing(Currency::getCurrencyCode));
        prices.keySet().forEach(k -> currencies.add(k.currency()));
        return currencies;
    }

    /**
     * The price, or a {@link BillingRuleViolation} naming what is missing: "no plan 7" or "plan vps-4g
     * has no MONTHLY price in EUR" (no FX conversion: a missing price is missing).
     */
    public PlanPrice require(long planId, Currency currency, BillingCycle cycle) {
        Plan plan = plan(planId).orElseThrow(() -> new BillingRuleViolation("plan " + planId + " does not exist"));
        return find(planId, currency, cycle)
                .orElseThrow(() -> new BillingRuleViolation(
                        "plan " + plan.code() + " has no " + cycle + " price in " + currency.getCurrencyCode()));
    }

    public Optional<Plan> plan(long planId) {
        return Optional.ofNullable(plans.get(planId));
    }
}
