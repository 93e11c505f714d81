package com.ezscale.billing.invoice.db;

import com.ezscale.billing.invoice.DraftInvoice;
import com.ezscale.billing.persistence.TsvRows;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Currency;
import java.util.List;

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

    /**
     * The first and last id of the invoices the run has just written (V38), drafts, named on its connection
     * around their lines and taxes only: the line and tax triggers take rows for those invoices without looking
     * each up (the lookup was 15-20 % of a line's load). Rows for any other invoice are looked up and refused on
     * an issued invoice as before.
     */
    public static final String RUN_FROM = "@ezscale_run_from";

    /** See {@link #RUN_FROM}. */
    public static final String RUN_TO = "@ezscale_run_to";

    /** The columns {@link #appendTo} writes, in its order: those of the mapper's {@code insertDraft}. */
    public static final List<String> COLUMNS = List.of(
            "seller_entity_id",
            "customer_id",
            "currency",
            "status",
            "run_id",
            "due_date",
            "subtotal",
            "tax_total",
            "total",
            "created_at",
            "prices_include_tax",
            "tax_mode",
            "tax_note",
            "on_hold",
            "hold_reason",
            "late_fee_for_invoice_id");

    /** This draft as a row of {@link #COLUMNS} for {@code LOAD DATA}. */
    public void appendTo(TsvRows rows) {
        rows.number(sellerEntityId)
                .number(customerId)
                .text(currency.getCurrencyCode())
                .text("DRAFT")
                .number(runId)
                .date(dueDate)
                .decimal(subtotal)
                .decimal(taxTotal)
                .decimal(total)
                .instant(createdAt)
                .bool(pricesIncludeTax)
                .text(taxMode)
                .text(taxNote)
                .bool(onHold)
                .text(holdReason)
                .number(lateFeeFor)
                .end();
    }

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
