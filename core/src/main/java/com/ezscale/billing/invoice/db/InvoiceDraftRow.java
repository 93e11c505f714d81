package com.ezscale.billing.invoice.db;

import com.ezscale.billing.invoice.DraftInvoice;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Currency;

public record InvoiceDraftRow(long sellerEntityId, long customerId, Currency currency, long runId, LocalDate dueDate,
                              BigDecimal subtotal, BigDecimal taxTotal, BigDecimal total, Instant createdAt, boolean pricesIncludeTax,
                              String taxMode, String taxNote, boolean onHold, String holdReason) {

    public static InvoiceDraftRow of(DraftInvoice draft, long sellerEntityId, long runId, Instant createdAt) {
        return new InvoiceDraftRow(sellerEntityId, draft.customerId(), draft.currency(), runId, draft.dueDate(),
                draft.subtotal().amount(), draft.taxTotal().amount(), draft.total().amount(), createdAt, draft.pricesIncludeTax(),
                draft.taxMode().name(), draft.tax().note(), draft.holdReason() != null, draft.holdReason());
    }
}
