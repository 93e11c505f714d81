package com.ezscale.billing.dunning;

import com.ezscale.billing.money.Money;
import java.time.LocalDate;
import java.util.Objects;
import java.util.Set;

/**
 * What the ladder needs of an invoice: its due date, what is still owed, whether the customer is
 * exempt from dunning (its group), whether the invoice is itself a late fee (no fee on a fee), and
 * the keys of the steps already done.
 */
public record InvoiceDunningState(
        long invoiceId,
        LocalDate dueDate,
        Money total,
        Money outstanding,
        boolean exempt,
        boolean lateFeeInvoice,
        Set<String> done) {

    public InvoiceDunningState {
        Objects.requireNonNull(dueDate, "dueDate");
        Objects.requireNonNull(outstanding, "outstanding");
        done = Set.copyOf(done);
    }
}
