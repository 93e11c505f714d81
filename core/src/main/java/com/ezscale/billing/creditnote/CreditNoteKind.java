package com.ezscale.billing.creditnote;

/** FULL: every line left; LINES: chosen lines (with their discounts); AMOUNT: an amount incl. tax; VOID: the invoice voided; EXPIRY: an unpaid upgrade's lines. */
public enum CreditNoteKind {
    FULL,
    LINES,
    AMOUNT,
    VOID,
    EXPIRY
}
