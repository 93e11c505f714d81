package com.ezscale.billing.migration.db;

import com.ezscale.billing.persistence.TsvRows;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A payment another system received, on the invoice it paid (or none), with what that system had
 * refunded of it by the import ({@code refundedAmount}; all of it: {@code REFUNDED}), and its id in
 * WHMCS ({@code tblaccounts.id}, unique here: how a rerun finds it).
 */
public record HistoricalPayment(
        long customerId,
        Long invoiceId,
        String currency,
        BigDecimal amount,
        BigDecimal appliedToInvoice,
        String method,
        String reference,
        LocalDate receivedOn,
        Instant createdAt,
        BigDecimal refundedAmount,
        long whmcsTransactionId) {

    /** {@code REFUNDED} once what was refunded is all of it, else {@code SUCCEEDED} (the mapper's {@code p.status}). */
    public String status() {
        return refundedAmount.signum() > 0 && refundedAmount.compareTo(amount) >= 0 ? "REFUNDED" : "SUCCEEDED";
    }

    /** The columns {@link #appendTo} writes, in its order: those of the mapper's {@code insertHistoricalPayment}. */
    public static final List<String> COLUMNS = List.of(
            "customer_id",
            "invoice_id",
            "currency",
            "amount",
            "applied_to_invoice",
            "method",
            "reference",
            "status",
            "received_on",
            "recorded_by",
            "created_at",
            "refunded_amount",
            "whmcs_transaction_id");

    /** This payment as a row of {@link #COLUMNS} for {@code LOAD DATA}, as {@code insertHistoricalPayment} writes it. */
    public void appendTo(TsvRows rows) {
        rows.number(customerId)
                .number(invoiceId)
                .text(currency)
                .decimal(amount)
                .decimal(appliedToInvoice)
                .text(method)
                .text(reference)
                .text(status())
                .date(receivedOn)
                .text("migration")
                .instant(createdAt)
                .decimal(refundedAmount)
                .number(whmcsTransactionId)
                .end();
    }
}
