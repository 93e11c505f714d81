package com.ezscale.billing.document.db;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/**
 * An issued credit note as printed: the buyer and seller come from the snapshot of the invoice it
 * credits (frozen at that invoice's issue), never from the live rows.
 */
public record CreditNoteSheet(
        long id,
        String number,
        String invoiceNumber,
        LocalDate invoiceIssueDate,
        String currency,
        LocalDate issueDate,
        Instant issuedAt,
        String kind,
        String reason,
        String settlement,
        String sellerSnapshot,
        String billToName,
        String billToCompany,
        String billToEmail,
        String billToAddress,
        String billToRegion,
        String billToCountry,
        String billToVatNumber,
        BigDecimal subtotal,
        BigDecimal taxTotal,
        BigDecimal total,
        BigDecimal balanceReduction) {}
