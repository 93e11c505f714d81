package com.ezscale.billing.invoice;

/** draft → issued → paid | partially paid | void | uncollectible. Only drafts may change. */
public enum InvoiceStatus {
    DRAFT,
    ISSUED,
    PAID,
    PARTIALLY_PAID,
    VOID,
    UNCOLLECTIBLE
}
