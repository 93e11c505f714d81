package com.ezscale.billing.migration.db;

import com.ezscale.billing.persistence.TsvRows;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * An invoice another system issued, as it comes here: in the series of its source, numbered as it
 * was there, with its buyer and seller snapshotted as the run snapshots them at issue ({@link
 * BillTo}); written as a draft, its lines and taxes added, then settled.
 */
public record HistoricalInvoice(
        long sellerEntityId,
        String sellerSnapshot,
        BillTo billTo,
        String currency,
        String seriesKey,
        long sequenceValue,
        String number,
        LocalDate dueDate,
        LocalDate issueDate,
        Instant issuedAt,
        BigDecimal subtotal,
        BigDecimal taxTotal,
        BigDecimal total,
        Instant createdAt) {

    /** The columns {@link #appendTo} writes, in its order: those of the mapper's {@code insertHistoricalInvoice}. */
    public static final List<String> COLUMNS = List.of(
            "seller_entity_id",
            "customer_id",
            "currency",
            "status",
            "series_key",
            "sequence_value",
            "number",
            "due_date",
            "issue_date",
            "issued_at",
            "subtotal",
            "tax_total",
            "total",
            "bill_to_name",
            "bill_to_company",
            "bill_to_email",
            "bill_to_address",
            "bill_to_region",
            "bill_to_country",
            "bill_to_vat_number",
            "seller_snapshot",
            "created_at");

    /** This invoice, a draft until it is settled, as a row of {@link #COLUMNS} for {@code LOAD DATA}. */
    public void appendTo(TsvRows rows) {
        rows.number(sellerEntityId)
                .number(billTo.customerId())
                .text(currency)
                .text("DRAFT")
                .text(seriesKey)
                .number(sequenceValue)
                .text(number)
                .date(dueDate)
                .date(issueDate)
                .instant(issuedAt)
                .decimal(subtotal)
                .decimal(taxTotal)
                .decimal(total)
                .text(billTo.name())
                .text(billTo.company())
                .text(billTo.email())
                .text(billTo.address())
                .text(billTo.region())
                .text(billTo.country())
                .text(billTo.vatNumber())
                .text(sellerSnapshot)
                .instant(createdAt)
                .end();
    }
}
