package com.ezscale.billing.document.db;

import java.math.BigDecimal;

/** A line of a credit note as printed (negative of what it credits is not stored: amounts are credited amounts). */
public record CreditNoteSheetLine(
        int lineNo, String description, BigDecimal amount, String taxName, BigDecimal taxRate) {}
