package com.ezscale.billing.invoice.db;

import com.ezscale.billing.invoice.DraftInvoice;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Currency;

/** A draft to write: of a run ({@code runId}; one per customer and currency), or a late fee ({@code lateFeeFor}, no run). */
public record InvoiceDraftRow(
        long sellerEntityId,
        long customerId,
        Currency currency,
        Long runId,
        LocalDate dueDate,
        BigDecimal subtotal,
        BigDecimal taxTotal,
        BigDecimal total,
        Instant createdAt,
        boolean pricesIncludeTax,
        String taxMode,
        String taxNote,
        boolean onHold,
        String holdReason,
        Long lateFeeFor) {

    public static InvoiceDraftRow of(DraftInvoice draft, long sellerEntityId, long runId, Instant createdAt) {
        return new InvoiceDraftRow(
                sellerEntityId,
                draft.customerId(),
                draft.currency(),
                draft.lateFeeFor() == null ? runId : null,
                draft.dueDate(),
                draft.subtotal().amount(),
                draft.taxTotal().amount(),
                draft.total().amount(),
                createdAt,
                draft.pricesIncludeTax(),
                draft.taxMode().name(),
                draft.tax().note(),
                draft.holdReason() != null,
                draft.holdReason(),
                draft.lateFeeFor());
    }
}
