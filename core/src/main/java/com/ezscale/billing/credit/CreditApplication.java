package com.ezscale.billing.credit;

import com.ezscale.billing.invoice.InvoiceStatus;
import com.ezscale.billing.money.Money;

/**
 * Account credit at issue: first the invoice's own carry (an invoice whose lines summed below zero
 * carries the difference to credit), then the balance pays as much of the total as it covers,
 * unless the customer opted out. An invoice of zero is paid on issue.
 */
public final class CreditApplication {

    /** What to write: the credit added by the carry, the credit applied, the invoice's status after. */
    public record Outcome(Money carried, Money applied, InvoiceStatus status) {}

    private CreditApplication() {}

    public static Outcome settle(Money total, Money carried, Money balance, boolean optOut) {
        Money available = balance.plus(carried);
        Money applied = Money.zero(total.currency());
        if (!optOut && total.amount().signum() > 0 && available.amount().signum() > 0) {
            applied = available.compareTo(total) >= 0 ? total : available;
        }
        InvoiceStatus status;
        if (total.amount().signum() <= 0 || applied.equals(total)) {
            status = InvoiceStatus.PAID;
        } else if (applied.amount().signum() > 0) {
            status = InvoiceStatus.PARTIALLY_PAID;
        } else {
            status = InvoiceStatus.ISSUED;
        }
        return new Outcome(carried, applied, status);
    }
}
