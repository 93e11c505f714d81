package com.ezscale.billing.creditnote;

import com.ezscale.billing.money.Money;
import com.ezscale.billing.rules.BillingRuleViolation;
import com.ezscale.billing.tax.TaxAmount;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What a credit note credits. Lines: the chosen lines (a line brings its discount lines with it),
 * each for what earlier notes left of it. An amount: split over the tax rates in proportion to
 * what is left of each. Tax is reversed per rate in proportion to the invoice's tax of that rate;
 * the note that credits the last of a rate reverses exactly the tax left, so the notes of an
 * invoice never reverse more or less tax than it charged.
 */
public final class CreditNotes {

    private record Group(String name, BigDecimal rate) {}

    private CreditNotes() {}

    public static CreditNoteDraft full(CreditableInvoice invoice, CreditNoteKind kind) {
        Set<Integer> all = new HashSet<>();
        invoice.lines().forEach(l -> all.add(l.lineNo()));
        return lines(invoice, all, kind);
    }

    /** The lines of a plan change (an expired upgrade). */
    public static CreditNoteDraft planChange(CreditableInvoice invoice, long planChangeId) {
        Set<Integer> lineNos = new HashSet<>();
        invoice.lines().stream()
                .filter(l -> Objects.equals(l.planChangeId(), planChangeId))
                .forEach(l -> lineNos.add(l.lineNo()));
        return lines(invoice, lineNos, CreditNoteKind.EXPIRY);
    }

    public static CreditNoteDraft lines(CreditableInvoice invoice, Set<Integer> chosen, CreditNoteKind kind) {
        Set<Integer> known = new HashSet<>();
        invoice.lines().forEach(l -> known.add(l.lineNo()));
        for (int no : chosen) {
            if (!known.contains(no)) {
                throw new BillingRuleViolation("invoice " + invoice.number() + " has no line " + no);
            }
        }
        Map<Long, Money> credited = creditedByLine(invoice);
        List<CreditNoteDraft.NoteLine> lines = new ArrayList<>();
        for (CreditableInvoice.Line line : invoice.lines()) {
            boolean selected = chosen.contains(line.lineNo())
                    || (line.discountedLineNo() != null && chosen.contains(line.discountedLineNo()));
            if (!selected) {
                continue;
            }
            Money left = line.amount().minus(credited.getOrDefault(line.id(), Money.zero(invoice.currency())));
            if (!left.isZero()) {
                lines.add(new CreditNoteDraft.NoteLine(
                        line.id(),
                        "Credit of line " + line.lineNo() + ": " + line.description(),
                        left,
                        line.taxName(),
                        line.taxRate()));
            }
        }
        return build(invoice, kind, lines);
    }

    /** An amount including tax, at most what is left to credit. */
    public static CreditNoteDraft amount(CreditableInvoice invoice, Money amount, String reason) {
        if (!amount.currency().equals(invoice.currency())) {
            throw new BillingRuleViolation("invoice " + invoice.number() + " is in "
                    + invoice.currency().getCurrencyCode() + ", not "
                    + amount.currency().getCurrencyCode());
        }
        if (amount.amount().signum() <= 0) {
            throw new BillingRuleViolation("a credit note amount must be above zero");
        }
        if (amount.compareTo(invoice.creditable()) > 0) {
            throw new BillingRuleViolation("invoice " + invoice.number() + " has " + invoice.creditable()
                    + " left to credit, less than " + amount);
        }
        // what is left per rate, gross (tax included)
        Map<Group, Money> leftGross = new LinkedHashMap<>();
        Map<Long, Money> credited = creditedByLine(invoice);
        for (CreditableInvoice.Line line : invoice.lines()) {
            Money left = line.amount().minus(credited.getOrDefault(line.id(), Money.zero(invoice.currency())));
            leftGross.merge(new Group(line.taxName(), line.taxRate()), left, Money::plus);
        }
        if (!invoice.pricesIncludeTax()) {
            for (Map.Entry<Group, Money> e : leftGross.entrySet()) {
                if (e.getKey().name() != null) {
                    e.setValue(e.getValue().plus(taxLeft(invoice, e.getKey())));
                }
            }
        }
        leftGross.values().removeIf(m -> m.amount().signum() <= 0);
        Money totalLeft = leftGross.values().stream().reduce(Money.zero(invoice.currency()), Money::plus);
        List<CreditNoteDraft.NoteLine> lines = new ArrayList<>();
        Money allocated = Money.zero(invoice.currency());
        List<Group> groups = new ArrayList<>(leftGross.keySet());
        List<TaxAmount> taxes = new ArrayList<>();
        for (int i = 0; i < groups.size(); i++) {
            Group g = groups.get(i);
            Money share = i == groups.size() - 1
                    ? amount.minus(allocated)
                    : Money.rounded(
                            amount.amount()
                                    .multiply(leftGross.get(g).amount())
                                    .divide(totalLeft.amount(), MathContext.DECIMAL128),
                            amount.currency());
            allocated = allocated.plus(share);
            Money tax = Money.zero(invoice.currency());
            if (g.name() != null) {
                Money taxLeft = taxLeft(invoice, g);
                tax = share.equals(leftGross.get(g))
                        ? taxLeft
                        : Money.rounded(
                                taxLeft.amount()
                                        .multiply(share.amount())
                                        .divide(leftGross.get(g).amount(), MathContext.DECIMAL128),
                                amount.currency());
                taxes.add(new TaxAmount(g.name(), g.rate(), share.minus(tax), tax));
            }
            Money lineAmount = invoice.pricesIncludeTax() ? share : share.minus(tax);
            lines.add(new CreditNoteDraft.NoteLine(null, "Credit: " + reason, lineAmount, g.name(), g.rate()));
        }
        Money taxTotal = taxes.stream().map(TaxAmount::tax).reduce(Money.zero(invoice.currency()), Money::plus);
        return new CreditNoteDraft(CreditNoteKind.AMOUNT, lines, taxes, amount.minus(taxTotal), taxTotal, amount);
    }

    private static CreditNoteDraft build(
            CreditableInvoice invoice, CreditNoteKind kind, List<CreditNoteDraft.NoteLine> lines) {
        Money zero = Money.zero(invoice.currency());
        Map<Group, Money> creditedNow = new LinkedHashMap<>();
        Money untaxed = zero;
        for (CreditNoteDraft.NoteLine line : lines) {
            if (line.taxName() == null) {
                untaxed = untaxed.plus(line.amount());
            } else {
                creditedNow.merge(new Group(line.taxName(), line.taxRate()), line.amount(), Money::plus);
            }
        }
        Map<Long, Money> credited = creditedByLine(invoice);
        List<TaxAmount> taxes = new ArrayList<>();
        Money net = untaxed;
        for (Map.Entry<Group, Money> e : creditedNow.entrySet()) {
            Group g = e.getKey();
            Money invoiceAmount = zero;
            Money leftAmount = zero;
            for (CreditableInvoice.Line l : invoice.lines()) {
                if (Objects.equals(l.taxName(), g.name())
                        && l.taxRate() != null
                        && l.taxRate().compareTo(g.rate()) == 0) {
                    invoiceAmount = invoiceAmount.plus(l.amount());
                    leftAmount = leftAmount.plus(l.amount().minus(credited.getOrDefault(l.id(), zero)));
                }
            }
            Money taxLeft = taxLeft(invoice, g);
            Money tax = e.getValue().equals(leftAmount) || invoiceAmount.isZero()
                    ? taxLeft
                    : Money.rounded(
                            invoiceTax(invoice, g)
                                    .amount()
                                    .multiply(e.getValue().amount())
                                    .divide(invoiceAmount.amount(), MathContext.DECIMAL128),
                            invoice.currency());
            Money base = invoice.pricesIncludeTax() ? e.getValue().minus(tax) : e.getValue();
            taxes.add(new TaxAmount(g.name(), g.rate(), base, tax));
            net = net.plus(base);
        }
        Money taxTotal = taxes.stream().map(TaxAmount::tax).reduce(zero, Money::plus);
        Money total = net.plus(taxTotal);
        if (total.amount().signum() <= 0) {
            throw new BillingRuleViolation(
                    "nothing left to credit on invoice " + invoice.number() + " for the lines chosen");
        }
        if (total.compareTo(invoice.creditable()) > 0) {
            throw new BillingRuleViolation("invoice " + invoice.number() + " has " + invoice.creditable()
                    + " left to credit, less than " + total);
        }
        return new CreditNoteDraft(kind, lines, taxes, net, taxTotal, total);
    }

    private static Map<Long, Money> creditedByLine(CreditableInvoice invoice) {
        Map<Long, Money> credited = new HashMap<>();
        invoice.creditedLines().forEach(c -> credited.merge(c.invoiceLineId(), c.amount(), Money::plus));
        return credited;
    }

    private static Money invoiceTax(CreditableInvoice invoice, Group g) {
        return invoice.taxes().stream()
                .filter(t -> t.name().equals(g.name()) && t.ratePercent().compareTo(g.rate()) == 0)
                .map(TaxAmount::tax)
                .reduce(Money.zero(invoice.currency()), Money::plus);
    }

    private static Money taxLeft(CreditableInvoice invoice, Group g) {
        Money reversed = invoice.creditedTaxes().stream()
                .filter(t -> t.name().equals(g.name()) && t.ratePercent().compareTo(g.rate()) == 0)
                .map(TaxAmount::tax)
                .reduce(Money.zero(invoice.currency()), Money::plus);
        return invoiceTax(invoice, g).minus(reversed);
    }
}
