package com.ezscale.billing.customer.db;

/** A customer group and its dunning policy (exempt: no late fee, no suspension). */
public record CustomerGroup(String code, boolean dunningExempt, String note) {}
