package com.ezscale.billing.document.db;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/**
 * An issued invoice as its document prints it: only what was frozen at issue (the buyer and seller
 * snapshots, never the live customer or seller rows), and what was paid by the moment it was issued
 * ({@code paidAtIssue}), so that printing it again later prints the same thing.
 */
public record InvoiceSheet(
        long id,
        String number,
        String currency,
        LocalDate issueDate,
        LocalDate dueDate,
        Instant issuedAt,
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
        BigDecimal creditApplied,
        BigDecimal paidAtIssue,
        boolean pricesIncludeTax,
        String taxMode,
        String taxNote) {}
