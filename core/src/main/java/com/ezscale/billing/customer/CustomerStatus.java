package com.ezscale.billing.customer;

public enum CustomerStatus {
    ACTIVE,
    INACTIVE,
    CLOSED
}
