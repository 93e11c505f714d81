package com.ezscale.billing.invoice.db;

/** The late fee draft written for an overdue invoice. */
public record LateFeeDraftId(long id, long forInvoiceId) {}
