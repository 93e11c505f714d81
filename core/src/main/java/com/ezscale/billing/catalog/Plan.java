package com.ezscale.billing.catalog;

/** A sellable configuration of a product (e.g. "VPS 4 GB"). */
public record Plan(long id, long productId, String code, String name) {
}
