package com.ezscale.billing.payment;

import com.ezscale.billing.invoice.InvoiceStatus;
import com.ezscale.billing.money.Money;
import com.ezscale.billing.rules.BillingRuleViolation;

/**
 * A payment received against an invoice: it pays what is still owed (total − paid − what credit
 * notes took off), the rest becomes account credit (an overpayment is never lost); the invoice is
 * PAID when nothing is owed, PARTIALLY_PAID otherwise.
 */
public final class PaymentAllocation {

    /** How much goes to the invoice, how much to account credit, and the invoice's status after. */
    public record Allocation(Money toInvoice, Money toCredit, InvoiceStatus status) {}

    private PaymentAllocation() {}

    public static Allocation allocate(String invoice, InvoiceStatus status, Money owed, Money payment) {
        if (!payment.currency().equals(owed.currency())) {
            throw new BillingRuleViolation(
                    "invoice " + invoice + " is in " + owed.currency().getCurrencyCode() + ", the payment in "
                            + payment.currency().getCurrencyCode());
        }
        if (payment.amount().signum() <= 0) {
            throw new BillingRuleViolation("a payment must be above zero");
        }
        if (status == InvoiceStatus.DRAFT || status == InvoiceStatus.VOID || status == InvoiceStatus.UNCOLLECTIBLE) {
            throw new BillingRuleViolation(
                    "invoice " + invoice + " is " + status.name().toLowerCase() + ": it takes no payment");
        }
        if (owed.amount().signum() <= 0) {
            throw new BillingRuleViolation("invoice " + invoice + " has nothing left to pay");
        }
        Money toInvoice = payment.compareTo(owed) <= 0 ? payment : owed;
        Money toCredit = payment.minus(toInvoice);
        return new Allocation(
                toInvoice, toCredit, toInvoice.equals(owed) ? InvoiceStatus.PAID : InvoiceStatus.PARTIALLY_PAID);
    }
}
