package com.ezscale.billing.customer.db;

/** Where a customer's notices go: the name they are addressed to and the email address. */
public record Contact(String name, String email) {}
