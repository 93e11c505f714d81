package com.ezscale.billing.invoice.db;

import com.ezscale.billing.invoice.ChargeKind;
import com.ezscale.billing.invoice.ProposedLine;
import java.math.BigDecimal;
import java.time.LocalDate;

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
