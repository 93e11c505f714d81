package com.ezscale.billing.invoice;

import com.ezscale.billing.money.Money;
import java.time.LocalDate;
import java.util.Currency;
import java.util.List;

/** A proposed invoice for one customer in one currency; its total is the sum of its lines. */
public record DraftInvoice(long customerId, Currency currency, LocalDate dueDate, List<ProposedLine> lines) {

    public DraftInvoice {
        lines = List.copyOf(lines);
        if (lines.isEmpty()) {
            throw new IllegalArgumentException("a draft invoice needs at least one line");
        }
        for (ProposedLine line : lines) {
            if (!line.amount().currency().equals(currency)) {
                throw new IllegalArgumentException("line in " + line.amount().currency() + " on a " + currency + " invoice");
            }
        }
    }

    public Money subtotal() {
        return lines.stream().map(ProposedLine::amount).reduce(Money.zero(currency), Money::plus);
    }

    /** Tax is not charged yet (no tax rules in this version): the total is the subtotal. */
    public Money taxTotal() {
        return Money.zero(currency);
    }

    public Money total() {
        return subtotal().plus(taxTotal());
    }
}
