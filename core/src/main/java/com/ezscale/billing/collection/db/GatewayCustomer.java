package com.ezscale.billing.collection.db;

/** A customer's ids at a gateway (never a card number). */
public class GatewayCustomer {
    public long customerId;
    public String gateway;
    public String gatewayCustomerId;
    public String paymentMethodId;
}
