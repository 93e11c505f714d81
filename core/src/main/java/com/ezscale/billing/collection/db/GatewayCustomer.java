package com.ezscale.billing.collection.db;

/** A customer's ids at a gateway (never a card number). */
public record GatewayCustomer(long customerId, String gateway, String gatewayCustomerId, String paymentMethodId) {}
