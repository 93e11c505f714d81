package com.ezscale.billing.invoice;

import com.ezscale.billing.discount.LoyaltyTiers;
import com.ezscale.billing.tax.TaxParty;
import com.ezscale.billing.tax.TaxPolicy;
import java.util.Currency;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The run-wide rules the generator applies after proposing the charges: which currencies have a
 * price list (and whether it includes tax), the seller and the tax rules, the loyalty tiers, the
 * approval policy.
 */
public record BillingRules(
        Map<Currency, Boolean> priceListTaxInclusive,
        TaxParty seller,
        TaxPolicy taxPolicy,
        LoyaltyTiers loyalty,
        ApprovalPolicy approval) {

    public BillingRules {
        priceListTaxInclusive = Map.copyOf(priceListTaxInclusive);
        Objects.requireNonNull(seller, "seller");
        Objects.requireNonNull(taxPolicy, "taxPolicy");
        Objects.requireNonNull(loyalty, "loyalty");
        Objects.requireNonNull(approval, "approval");
    }

    /** No tax, no loyalty, no approval; every currency in {@code currencies} has a tax-exclusive price list. */
    public static BillingRules plain(List<Currency> currencies) {
        Map<Currency, Boolean> lists = new HashMap<>();
        currencies.forEach(c -> lists.put(c, false));
        return new BillingRules(
                lists,
                TaxParty.seller("US", null),
                new TaxPolicy(List.of()),
                new LoyaltyTiers(List.of()),
                ApprovalPolicy.none());
    }
}
