package com.ezscale.billing.migration.db;

import com.ezscale.billing.persistence.TsvRows;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** A payment another system received, on the invoice it paid (or none). */
public record HistoricalPayment(
        long customerId,
        Long invoiceId,
        String currency,
        BigDecimal amount,
        BigDecimal appliedToInvoice,
        String method,
        String reference,
        LocalDate receivedOn,
        Instant createdAt) {

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
            "created_at");

    /** This payment as a row of {@link #COLUMNS} for {@code LOAD DATA}, as {@code insertHistoricalPayment} writes it. */
    public void appendTo(TsvRows rows) {
        rows.number(customerId)
                .number(invoiceId)
                .text(currency)
                .decimal(amount)
                .decimal(appliedToInvoice)
                .text(method)
                .text(reference)
                .text("SUCCEEDED")
                .date(receivedOn)
                .text("migration")
                .instant(createdAt)
                .end();
    }
}
