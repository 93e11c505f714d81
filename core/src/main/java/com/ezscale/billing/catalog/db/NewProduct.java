package com.ezscale.billing.catalog.db;

import com.ezscale.billing.catalog.ProductKind;

/** A product to add; its id comes back in a {@link com.ezscale.billing.persistence.GeneratedKey}. */
public record NewProduct(String code, String name, ProductKind kind, long sellerEntityId, Integer prorataDay) {}
