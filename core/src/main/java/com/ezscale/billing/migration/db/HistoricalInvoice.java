package com.ezscale.billing.migration.db;

import com.ezscale.billing.persistence.TsvRows;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * An invoice another system issued, as it comes here: in the series of its source, numbered as it
 * was there, with its buyer and seller snapshotted as the run snapshots them at issue ({@link
 * BillTo}); written as it ended there (its status, the credit applied and what was paid on it),
 * its lines and taxes added while the session names its series as a history load ({@link
 * #HISTORY_LOAD}): the one way a line reaches an invoice that is not a draft.
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
        Instant createdAt,
        String status,
        BigDecimal creditApplied,
        BigDecimal amountPaid,
        Instant paidAt) {

    /**
     * The session variable that, set to a historical series' key ({@code SET @ezscale_history_load =
     * 'WHMCS'}), lets the line and tax triggers take rows for that series' invoices that are no longer
     * drafts (V34); no other series', and nothing else of them may change.
     */
    public static final String HISTORY_LOAD = "@ezscale_history_load";

    /**
     * With {@link #HISTORY_LOAD} set, the first and last id of the invoices the load has just written
     * (V36): their lines and taxes are taken without looking each invoice up (a lookup in the trigger
     * was half of a line's cost). Rows for any other invoice are looked up and refused as before.
     */
    public static final String HISTORY_FROM = "@ezscale_history_from";

    /** See {@link #HISTORY_FROM}. */
    public static final String HISTORY_TO = "@ezscale_history_to";

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
            "created_at",
            "credit_applied",
            "amount_paid",
            "paid_at");

    /** This invoice, as it ended in its source, as a row of {@link #COLUMNS} for {@code LOAD DATA}. */
    public void appendTo(TsvRows rows) {
        rows.number(sellerEntityId)
                .number(billTo.customerId())
                .text(currency)
                .text(status)
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
                .decimal(creditApplied)
                .decimal(amountPaid)
                .instant(paidAt)
                .end();
    }
}
