package com.ezscale.billing.tax;

/** What the tax decision needs of the buyer or the seller. */
public record TaxParty(String country, String region, String vatNumber, boolean taxExempt) {

    public static TaxParty seller(String country, String vatNumber) {
        return new TaxParty(country, null, vatNumber, false);
    }
}
