package com.ezscale.billing.catalog;

public record Product(long id, String code, String name, ProductKind kind, long sellerEntityId) {}
