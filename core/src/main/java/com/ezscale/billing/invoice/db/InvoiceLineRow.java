package com.ezscale.billing.invoice.db;

import com.ezscale.billing.invoice.ChargeKind;
import com.ezscale.billing.invoice.ProposedLine;
import com.ezscale.billing.persistence.TsvRows;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

public record InvoiceLineRow(
        long invoiceId,
        int lineNo,
        Long subscriptionId,
        ChargeKind chargeKind,
        LocalDate periodStart,
        LocalDate periodEndExclusive,
        int revision,
        String description,
        BigDecimal quantity,
        BigDecimal unitPrice,
        BigDecimal amount,
        Long ratedUsageId,
        Long planId,
        LocalDate coversFrom,
        LocalDate coversUntil,
        Long planChangeId,
        BigDecimal taxRate,
        String taxName,
        String discountRef,
        Integer discountedLineNo,
        Long couponRedemptionId) {

    /** The columns {@link #appendTo} writes, in its order: those of the mapper's {@code insertLine}. */
    public static final List<String> COLUMNS = List.of(
            "invoice_id",
            "line_no",
            "subscription_id",
            "charge_kind",
            "period_start",
            "period_end_exclusive",
            "revision",
            "description",
            "quantity",
            "unit_price",
            "amount",
            "rated_usage_id",
            "plan_id",
            "covers_from",
            "covers_until",
            "plan_change_id",
            "tax_rate",
            "tax_name",
            "discount_ref",
            "discounted_line_no",
            "coupon_redemption_id");

    /** This line as a row of {@link #COLUMNS} for {@code LOAD DATA}. */
    public void appendTo(TsvRows rows) {
        rows.number(invoiceId)
                .number(lineNo)
                .number(subscriptionId)
                .name(chargeKind)
                .date(periodStart)
                .date(periodEndExclusive)
                .number(revision)
                .text(description)
                .decimal(quantity)
                .decimal(unitPrice)
                .decimal(amount)
                .number(ratedUsageId)
                .number(planId)
                .date(coversFrom)
                .date(coversUntil)
                .number(planChangeId)
                .decimal(taxRate)
                .text(taxName)
                .text(discountRef)
                .number(discountedLineNo)
                .number(couponRedemptionId)
                .end();
    }

    /** {@code lineNo} is 1-based; a discount line points at the line number of the line it discounts. */
    public static InvoiceLineRow of(long invoiceId, int lineNo, ProposedLine line) {
        return new InvoiceLineRow(
                invoiceId,
                lineNo,
                line.subscriptionId(),
                line.kind(),
                line.period() == null ? null : line.period().start(),
                line.period() == null ? null : line.period().endExclusive(),
                line.revision(),
                line.description(),
                line.quantity(),
                line.unitPrice(),
                line.amount().amount(),
                line.ratedUsageId(),
                line.planId(),
                line.coversFrom(),
                line.coversUntil(),
                line.planChangeId(),
                line.taxRate(),
                line.taxName(),
                line.discountRef(),
                line.discountedLineIndex() == null ? null : line.discountedLineIndex() + 1,
                line.couponRedemptionId());
    }
}
