package com.ezscale.billing.catalog;

/**
 * A sellable configuration of a product (e.g. "VPS 4 GB"), with its trial length and its product's
 * prorata day (null: services renew on their own start day).
 */
public record Plan(long id, long productId, String code, String name, Integer prorataDay, int trialDays) {

    public Plan(long id, long productId, String code, String name) {
        this(id, productId, code, name, null, 0);
    }
}
