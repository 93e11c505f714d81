package com.ezscale.billing.migration.db;

import com.ezscale.billing.persistence.TsvRows;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/** A line of an imported invoice: a service's period where the source says so, else a charge of its own. */
public record HistoricalLine(
        long invoiceId,
        int lineNo,
        Long subscriptionId,
        Long planId,
        String chargeKind,
        LocalDate periodStart,
        LocalDate periodEndExclusive,
        int revision,
        String description,
        BigDecimal amount,
        LocalDate coversFrom,
        LocalDate coversUntil) {

    /** The columns {@link #appendTo} writes, in its order: those of the mapper's {@code insertHistoricalLine}. */
    public static final List<String> COLUMNS = List.of(
            "invoice_id",
            "line_no",
            "subscription_id",
            "plan_id",
            "charge_kind",
            "period_start",
            "period_end_exclusive",
            "revision",
            "description",
            "quantity",
            "unit_price",
            "amount",
            "covers_from",
            "covers_until");

    /** This line (one of its amount) as a row of {@link #COLUMNS} for {@code LOAD DATA}. */
    public void appendTo(TsvRows rows) {
        rows.number(invoiceId)
                .number(lineNo)
                .number(subscriptionId)
                .number(planId)
                .text(chargeKind)
                .date(periodStart)
                .date(periodEndExclusive)
                .number(revision)
                .text(description)
                .number(1)
                .decimal(amount)
                .decimal(amount)
                .date(coversFrom)
                .date(coversUntil)
                .end();
    }

    /** This line on the invoice {@code id} (a line is made before its invoice has an id). */
    public HistoricalLine on(long id) {
        return new HistoricalLine(
                id,
                lineNo,
                subscriptionId,
                planId,
                chargeKind,
                periodStart,
                periodEndExclusive,
                revision,
                description,
                amount,
                coversFrom,
                coversUntil);
    }

    /** A line covering its whole period (or no period). */
    public HistoricalLine(
            long invoiceId,
            int lineNo,
            Long subscriptionId,
            Long planId,
            String chargeKind,
            LocalDate periodStart,
            LocalDate periodEndExclusive,
            int revision,
            String description,
            BigDecimal amount) {
        this(
                invoiceId,
                lineNo,
                subscriptionId,
                planId,
                chargeKind,
                periodStart,
                periodEndExclusive,
                revision,
                description,
                amount,
                null,
                null);
    }
}
