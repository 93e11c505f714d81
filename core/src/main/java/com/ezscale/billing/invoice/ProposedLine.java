package com.ezscale.billing.invoice;

import com.ezscale.billing.money.Money;
import com.ezscale.billing.period.BillingPeriod;
import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * A line the generator proposes: quantity × unit price, rounded once into {@code amount}. Besides
 * its key (service, kind, period, revision, discount ref) it keeps what explains it: the plan and
 * the days it covers, the plan change or rating it comes from, the line it discounts, the tax rate.
 */
public record ProposedLine(
        Long subscriptionId,
        ChargeKind kind,
        BillingPeriod period,
        String description,
        BigDecimal quantity,
        BigDecimal unitPrice,
        Money amount,
        int revision,
        Long ratedUsageId,
        Long planId,
        LocalDate coversFrom,
        LocalDate coversUntil,
        Long planChangeId,
        String discountRef,
        Integer discountedLineIndex,
        Long couponRedemptionId,
        String taxName,
        BigDecimal taxRate) {

    public ProposedLine {
        discountRef = discountRef == null ? "" : discountRef;
    }

    /** A recurring or one-time line (revision 0, no rating). */
    public ProposedLine(
            long subscriptionId,
            ChargeKind kind,
            BillingPeriod period,
            String description,
            BigDecimal quantity,
            BigDecimal unitPrice,
            Money amount) {
        this(subscriptionId, kind, period, description, quantity, unitPrice, amount, 0, null);
    }

    /** A line of a service, optionally from a rating. */
    public ProposedLine(
            long subscriptionId,
            ChargeKind kind,
            BillingPeriod period,
            String description,
            BigDecimal quantity,
            BigDecimal unitPrice,
            Money amount,
            int revision,
            Long ratedUsageId) {
        this(
                subscriptionId,
                kind,
                period,
                description,
                quantity,
                unitPrice,
                amount,
                revision,
                ratedUsageId,
                null,
                null,
                null,
                null,
                "",
                null,
                null,
                null,
                null);
    }

    public LineKey key() {
        return new LineKey(subscriptionId, kind, period.start());
    }

    public ProposedLine withPlan(long planId, LocalDate from, LocalDate until, Long planChangeId) {
        return new ProposedLine(
                subscriptionId,
                kind,
                period,
                description,
                quantity,
                unitPrice,
                amount,
                revision,
                ratedUsageId,
                planId,
                from,
                until,
                planChangeId,
                discountRef,
                discountedLineIndex,
                couponRedemptionId,
                taxName,
                taxRate);
    }

    public ProposedLine withTax(String name, BigDecimal rate) {
        return new ProposedLine(
                subscriptionId,
                kind,
                period,
                description,
                quantity,
                unitPrice,
                amount,
                revision,
                ratedUsageId,
                planId,
                coversFrom,
                coversUntil,
                planChangeId,
                discountRef,
                discountedLineIndex,
                couponRedemptionId,
                name,
                rate);
    }

    /** A discount of {@code this} line (which sits at {@code index} on the invoice). */
    public ProposedLine discount(int index, String ref, String text, Money off, Long redemptionId) {
        return new ProposedLine(
                subscriptionId,
                ChargeKind.DISCOUNT,
                period,
                text,
                BigDecimal.ONE,
                off.amount(),
                off,
                revision,
                null,
                null,
                null,
                null,
                null,
                kind.name() + ":" + ref,
                index,
                redemptionId,
                null,
                null);
    }

    /** The one line of a late fee invoice (no service, no period), taxed at the overdue invoice's main rate. */
    public static ProposedLine lateFee(String text, Money fee, String taxName, BigDecimal taxRate) {
        return new ProposedLine(
                null,
                ChargeKind.LATE_FEE,
                null,
                text,
                BigDecimal.ONE,
                fee.amount(),
                fee,
                0,
                null,
                null,
                null,
                null,
                null,
                "",
                null,
                null,
                taxName,
                taxRate);
    }

    /** The balancing line of an invoice whose lines sum below zero. */
    public static ProposedLine creditCarried(Money amount, String text) {
        return new ProposedLine(
                null,
                ChargeKind.CREDIT_CARRIED,
                null,
                text,
                BigDecimal.ONE,
                amount.amount(),
                amount,
                0,
                null,
                null,
                null,
                null,
                null,
                "",
                null,
                null,
                null,
                null);
    }
}
