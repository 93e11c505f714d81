package com.ezscale.billing.invoice;

import com.ezscale.billing.money.Money;
import com.ezscale.billing.tax.TaxAmount;
import com.ezscale.billing.tax.TaxDecision;
import com.ezscale.billing.tax.TaxMode;
import java.time.LocalDate;
import java.util.Currency;
import java.util.List;

/**
 * A proposed invoice for one customer in one currency: its lines (discounts and a credit carry
 * included), its tax per rate, why it waits for approval (or null), and the invoice it is the late
 * fee of (or null). Tax-exclusive: total = lines + tax. Tax-inclusive: total = lines, the tax is
 * inside them. Either way total = subtotal + tax, with subtotal the net.
 */
public record DraftInvoice(
        long customerId,
        Currency currency,
        LocalDate dueDate,
        List<ProposedLine> lines,
        List<TaxAmount> taxes,
        TaxDecision tax,
        boolean pricesIncludeTax,
        String holdReason,
        Long lateFeeFor) {

    public DraftInvoice {
        lines = List.copyOf(lines);
        taxes = List.copyOf(taxes);
        tax = tax == null ? TaxDecision.none() : tax;
        if (lines.isEmpty()) {
            throw new IllegalArgumentException("a draft invoice needs at least one line");
        }
        for (ProposedLine line : lines) {
            if (!line.amount().currency().equals(currency)) {
                throw new IllegalArgumentException(
                        "line in " + line.amount().currency() + " on a " + currency + " invoice");
            }
        }
    }

    /** A draft of the invoice run. */
    public DraftInvoice(
            long customerId,
            Currency currency,
            LocalDate dueDate,
            List<ProposedLine> lines,
            List<TaxAmount> taxes,
            TaxDecision tax,
            boolean pricesIncludeTax,
            String holdReason) {
        this(customerId, currency, dueDate, lines, taxes, tax, pricesIncludeTax, holdReason, null);
    }

    /** An untaxed draft. */
    public DraftInvoice(long customerId, Currency currency, LocalDate dueDate, List<ProposedLine> lines) {
        this(customerId, currency, dueDate, lines, List.of(), TaxDecision.none(), false, null, null);
    }

    public Money linesTotal() {
        return lines.stream().map(ProposedLine::amount).reduce(Money.zero(currency), Money::plus);
    }

    public Money taxTotal() {
        return taxes.stream().map(TaxAmount::tax).reduce(Money.zero(currency), Money::plus);
    }

    /** The net amount: the lines, less the tax inside them when prices include tax. */
    public Money subtotal() {
        return pricesIncludeTax ? linesTotal().minus(taxTotal()) : linesTotal();
    }

    public Money total() {
        return subtotal().plus(taxTotal());
    }

    public TaxMode taxMode() {
        return tax.mode();
    }
}
