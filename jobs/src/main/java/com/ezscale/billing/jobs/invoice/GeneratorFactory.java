package com.ezscale.billing.jobs.invoice;

import com.ezscale.billing.catalog.PriceList;
import com.ezscale.billing.catalog.db.CatalogMapper;
import com.ezscale.billing.discount.LoyaltyTiers;
import com.ezscale.billing.invoice.BillingRules;
import com.ezscale.billing.invoice.InvoiceGenerator;
import com.ezscale.billing.invoice.db.BillingExtrasMapper;
import com.ezscale.billing.invoice.db.InvoiceMapper;
import com.ezscale.billing.invoice.db.SellerEntity;
import com.ezscale.billing.invoice.db.TaxRuleRow;
import com.ezscale.billing.jobs.BillingProperties;
import com.ezscale.billing.tax.TaxParty;
import com.ezscale.billing.tax.TaxPolicy;
import java.util.Currency;
import java.util.HashMap;
import java.util.Map;

/**
 * Builds the generator the run and {@code preview} share: the price list, the price lists per
 * currency, the seller, the tax rules, the loyalty tiers and the approval policy, read once.
 */
public final class GeneratorFactory {

    private GeneratorFactory() {
    }

    public static SellerEntity seller(InvoiceMapper invoices, BillingProperties properties) {
        return invoices.selectSellers().stream().filter(s -> s.code().equals(properties.sellerCode())).findFirst()
                .orElseThrow(() -> new IllegalStateException("no seller_entity with code " + properties.sellerCode()
                        + " (ezscale.billing.seller-code)"));
    }

    public static InvoiceGenerator create(CatalogMapper catalog, InvoiceMapper invoices, BillingExtrasMapper extras, BillingProperties properties) {
        PriceList prices = new PriceList(catalog.selectPlans(), catalog.selectPrices());
        Map<Currency, Boolean> lists = new HashMap<>();
        extras.selectPriceLists().forEach(p -> lists.put(p.currency(), p.taxInclusive()));
        SellerEntity seller = seller(invoices, properties);
        TaxPolicy tax = new TaxPolicy(extras.selectTaxRules().stream().map(TaxRuleRow::toRule).toList());
        LoyaltyTiers loyalty = new LoyaltyTiers(extras.selectLoyaltyTiers().stream()
                .map(t -> new LoyaltyTiers.Tier(t.minMonths(), t.percent())).toList());
        BillingRules rules = new BillingRules(lists, TaxParty.seller(seller.country(), seller.vatNumber()), tax, loyalty,
                properties.approvalPolicy());
        return new InvoiceGenerator(prices, properties.generatorSettings(), rules);
    }
}
