package com.ezscale.billing.migration;

import com.ezscale.billing.invoice.ChargeKind;
import com.ezscale.billing.invoice.CustomerBillingInput;
import com.ezscale.billing.invoice.LineKey;
import com.ezscale.billing.invoice.ProposedLine;
import com.ezscale.billing.subscription.Subscription;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The parallel run's comparison, as plain functions: what WHMCS invoiced against what our rules
 * bill for the same services and periods, line by line, each difference named by the rule that
 * explains it. Lines pair on (service, charge kind, period start); the tax is compared per invoice.
 */
public final class ParallelComparison {

    private ParallelComparison() {}

    /** Why a line differs (or {@link #SAME}). */
    public enum Rule {
        /** Same amount. */
        SAME,
        /** At most one minor unit apart: where each system rounds. */
        ROUNDING,
        /** A partial period (prorata first period, or an upgrade's proration) counted differently. */
        PRORATION,
        /** A setup fee charged by one system only, or at another amount. */
        SETUP_FEE,
        /** A discount (WHMCS promotion, coupon here) given differently or for other cycles. */
        COUPON,
        /** The same full period at another price. */
        PRICE,
        /** A period one system bills and the other does not (schedule, timing, status). */
        PERIOD,
        /** Usage (95th percentile, transfer): WHMCS bills none. */
        USAGE,
        /** The tax of the invoice. */
        TAX,
        /** A WHMCS item no rule here bills (not tied to a service). */
        NOT_BILLED_HERE
    }

    /** A WHMCS invoice item as imported: its service here (or null), kind and period start (or null). */
    public record WhmcsLine(
            Long subscriptionId, ChargeKind kind, LocalDate periodStart, String description, BigDecimal amount) {}

    /** One compared line: WHMCS's amount and ours (either may be null: not billed there). */
    public record Row(
            Long subscriptionId,
            ChargeKind kind,
            LocalDate periodStart,
            String description,
            BigDecimal whmcs,
            BigDecimal ours,
            Rule rule,
            String explanation) {

        /** Ours minus WHMCS's. */
        public BigDecimal difference() {
            return nz(ours).subtract(nz(whmcs));
        }

        public boolean differs() {
            return rule != Rule.SAME;
        }
    }

    private record Key(Long subscriptionId, ChargeKind kind, LocalDate periodStart) {}

    private static final class Pair {
        BigDecimal whmcs;
        BigDecimal ours;
        String description;
        ProposedLine ourLine;
        /** Our next period's line, which WHMCS's one item also covers ("charge next month"). */
        ProposedLine nextPeriod;

        boolean absorbed;
    }

    /**
     * Compares a WHMCS invoice's lines and tax with the lines and tax our rules propose for the same
     * services and periods. {@code notBilledHere} gives, per service, why our rules bill none of it
     * (a status, a service not imported), where that is the case.
     */
    public static List<Row> compare(
            Currency currency,
            List<WhmcsLine> whmcs,
            BigDecimal whmcsTax,
            List<ProposedLine> ours,
            BigDecimal ourTax,
            Map<Long, String> notBilledHere) {
        return compare(currency, whmcs, whmcsTax, ours, ourTax, notBilledHere, null);
    }

    /**
     * As {@link #compare(Currency, List, BigDecimal, List, BigDecimal, Map)}; {@code taxes} (or null)
     * says which rates each side applied, for the tax line's explanation.
     */
    public static List<Row> compare(
            Currency currency,
            List<WhmcsLine> whmcs,
            BigDecimal whmcsTax,
            List<ProposedLine> ours,
            BigDecimal ourTax,
            Map<Long, String> notBilledHere,
            String taxes) {
        Map<Key, Pair> pairs = new LinkedHashMap<>();
        for (WhmcsLine w : whmcs) {
            Pair p = pairs.computeIfAbsent(new Key(w.subscriptionId(), w.kind(), w.periodStart()), k -> new Pair());
            p.whmcs = nz(p.whmcs).add(nz(w.amount()));
            p.description = p.description == null ? w.description() : p.description;
        }
        for (ProposedLine o : ours) {
            Key key = new Key(
                    o.subscriptionId(),
                    o.kind(),
                    o.period() == null ? null : o.period().start());
            Pair p = pairs.computeIfAbsent(key, k -> new Pair());
            p.ours = nz(p.ours).add(o.amount().amount());
            p.description = o.description();
            p.ourLine = p.ourLine == null ? o : p.ourLine;
        }
        chargedNextMonth(pairs);
        BigDecimal unit = BigDecimal.ONE.movePointLeft(Math.max(0, currency.getDefaultFractionDigits()));
        List<Row> rows = new ArrayList<>();
        BigDecimal whmcsNet = BigDecimal.ZERO;
        BigDecimal ourNet = BigDecimal.ZERO;
        for (Map.Entry<Key, Pair> e : pairs.entrySet()) {
            Key k = e.getKey();
            Pair p = e.getValue();
            whmcsNet = whmcsNet.add(nz(p.whmcs));
            ourNet = ourNet.add(nz(p.ours));
            if (p.absorbed) {
                continue;
            }
            if (p.nextPeriod != null) {
                BigDecimal both = p.ours.add(p.nextPeriod.amount().amount());
                rows.add(new Row(
                        k.subscriptionId(),
                        k.kind(),
                        k.periodStart(),
                        p.description,
                        p.whmcs,
                        both,
                        both.compareTo(p.whmcs) == 0 ? Rule.PRORATION : Rule.PRICE,
                        "WHMCS's 'charge next month': its one item (" + plain(p.whmcs) + ") covers the prorated"
                                + " first period and the next one from "
                                + p.nextPeriod.period().start()
                                + "; here they are two lines, " + plain(p.ours) + " + "
                                + plain(p.nextPeriod.amount().amount())));
                continue;
            }
            if ((p.whmcs == null && p.ours.signum() == 0) || (p.ours == null && p.whmcs.signum() == 0)) {
                continue; // a zero line on one side only (a free trial period): nothing to compare
            }
            Why why = explain(k, p, unit, notBilledHere);
            rows.add(new Row(
                    k.subscriptionId(),
                    k.kind(),
                    k.periodStart(),
                    p.description == null ? "" : p.description,
                    p.whmcs,
                    p.ours,
                    why.rule(),
                    why.text()));
        }
        BigDecimal wt = nz(whmcsTax);
        BigDecimal ot = nz(ourTax);
        if (wt.signum() != 0 || ot.signum() != 0) {
            Rule rule = wt.compareTo(ot) == 0 ? Rule.SAME : Rule.TAX;
            String text;
            if (rule == Rule.SAME) {
                text = "same tax";
            } else if (whmcsNet.compareTo(ourNet) != 0) {
                text = "the tax follows the lines' difference: WHMCS taxed " + plain(whmcsNet) + ", here "
                        + plain(ourNet) + " is taxed";
            } else {
                text = "same lines, other tax: WHMCS " + plain(wt) + ", here " + plain(ot)
                        + (taxes != null
                                ? " (" + taxes + ")"
                                : " (the customer's tax decision here: its country's rate, reverse charge or"
                                        + " exemption; WHMCS's level-2 and compound rates are not carried over)");
            }
            rows.add(new Row(null, null, null, "Tax", wt, ot, rule, text));
        }
        return rows;
    }

    /**
     * Pairs WHMCS's "charge next month" item (a prorated first period and the next full one billed as
     * one item at the first period's start) with our two lines for them.
     */
    private static void chargedNextMonth(Map<Key, Pair> pairs) {
        for (Map.Entry<Key, Pair> e : pairs.entrySet()) {
            Key k = e.getKey();
            Pair p = e.getValue();
            if (k.kind() != ChargeKind.RECURRING
                    || p.whmcs == null
                    || p.ours == null
                    || p.whmcs.compareTo(p.ours) <= 0
                    || k.periodStart() == null) {
                continue;
            }
            BigDecimal rest = p.whmcs.subtract(p.ours);
            for (Map.Entry<Key, Pair> n : pairs.entrySet()) {
                Key nk = n.getKey();
                Pair np = n.getValue();
                if (nk.kind() == ChargeKind.RECURRING
                        && Objects.equals(nk.subscriptionId(), k.subscriptionId())
                        && nk.periodStart() != null
                        && nk.periodStart().isAfter(k.periodStart())
                        && np.whmcs == null
                        && !np.absorbed
                        && np.ourLine != null
                        && np.ours.compareTo(rest) == 0) {
                    p.nextPeriod = np.ourLine;
                    np.absorbed = true;
                    break;
                }
            }
        }
    }

    /** A rule and the sentence that applies it to one line. */
    private record Why(Rule rule, String text) {}

    private static Why explain(Key k, Pair p, BigDecimal unit, Map<Long, String> notBilledHere) {
        if (p.whmcs != null && p.ours != null) {
            BigDecimal diff = p.ours.subtract(p.whmcs);
            if (diff.signum() == 0) {
                return new Why(Rule.SAME, "same amount");
            }
            if (diff.abs().compareTo(unit) <= 0) {
                return new Why(
                        Rule.ROUNDING,
                        "one minor unit apart: here each line is rounded once, half up, after quantity x price;"
                                + " WHMCS rounds its own way");
            }
            ProposedLine o = p.ourLine;
            switch (k.kind()) {
                case RECURRING:
                    if (o != null && o.quantity().compareTo(BigDecimal.ONE) < 0 && o.period() != null) {
                        return new Why(Rule.PRORATION, prorationText(o, p.whmcs));
                    }
                    return new Why(
                            Rule.PRICE,
                            "same period, other price: WHMCS charged " + plain(p.whmcs) + ", the plan's price here is "
                                    + plain(o == null ? p.ours : o.unitPrice()));
                case PRORATION_CHARGE:
                case PRORATION_CREDIT:
                    return new Why(
                            Rule.PRORATION,
                            "the plan change is prorated by days here (days left / days in the period);"
                                    + " WHMCS charged " + plain(p.whmcs));
                case SETUP:
                    return new Why(
                            Rule.SETUP_FEE,
                            "setup fee: WHMCS charged " + plain(p.whmcs) + ", the plan's setup fee here is "
                                    + plain(p.ours));
                case DISCOUNT:
                    return new Why(
                            Rule.COUPON,
                            "discount: WHMCS took off " + plain(p.whmcs.negate()) + ", here " + plain(p.ours.negate())
                                    + " (coupon percent or amount, and the cycles it still applies to)");
                case USAGE_COMMIT:
                case USAGE_TRANSFER:
                    return new Why(Rule.USAGE, "usage: WHMCS billed " + plain(p.whmcs) + ", here " + plain(p.ours));
                default:
                    return new Why(Rule.PRICE, "WHMCS charged " + plain(p.whmcs) + ", here " + plain(p.ours));
            }
        }
        if (p.whmcs == null) {
            switch (k.kind()) {
                case USAGE_COMMIT:
                case USAGE_TRANSFER:
                    return new Why(
                            Rule.USAGE, "usage billed here (95th percentile, transfer quota): WHMCS bills no usage");
                case SETUP:
                    return new Why(
                            Rule.SETUP_FEE,
                            "the plan's setup fee is billed here with the first paid period; WHMCS charged none");
                case DISCOUNT:
                    if (p.ourLine != null && p.ourLine.discountRef().endsWith("LOYALTY")) {
                        return new Why(
                                Rule.COUPON,
                                "the loyalty discount here (" + p.ourLine.description() + ") for the customer's tenure;"
                                        + " WHMCS gives none (`loyalty-tier` sets or removes the tiers)");
                    }
                    return new Why(Rule.COUPON, "a coupon here discounts this period; WHMCS gave no discount");
                case PRORATION_CHARGE:
                case PRORATION_CREDIT:
                    return new Why(Rule.PRORATION, "a plan change prorated here; WHMCS billed none on this invoice");
                default:
                    return new Why(
                            Rule.PERIOD,
                            "the service's schedule here bills this period"
                                    + (k.periodStart() == null ? "" : " (from " + k.periodStart() + ")")
                                    + "; WHMCS did not bill it on this invoice");
            }
        }
        if (k.subscriptionId() == null) {
            return new Why(
                    Rule.NOT_BILLED_HERE,
                    "a WHMCS item not tied to a service (domain, one-off item, late fee): no run here bills it");
        }
        String reason = notBilledHere.get(k.subscriptionId());
        if (reason != null) {
            return new Why(Rule.PERIOD, reason);
        }
        switch (k.kind()) {
            case SETUP:
                return new Why(Rule.SETUP_FEE, "WHMCS charged a setup fee; the plan here has none");
            case DISCOUNT:
                return new Why(
                        Rule.COUPON,
                        "WHMCS's promotion discount; here the imported service's price already has it in it");
            case PRORATION_CHARGE:
            case PRORATION_CREDIT:
                return new Why(
                        Rule.PRORATION,
                        "WHMCS's upgrade charge; our rules bill no proration for this period (a pending,"
                                + " option or cycle upgrade is no plan change here)");
            default:
                return new Why(
                        Rule.PERIOD,
                        "WHMCS billed this period"
                                + (k.periodStart() == null ? "" : " (from " + k.periodStart() + ")")
                                + "; the service's schedule here does not start a period then");
        }
    }

    /**
     * Our prorated line beside WHMCS's amount: here price x days / days of the full period; the days
     * WHMCS's amount implies (price x days / its amount) show its own count of the cycle.
     */
    static String prorationText(ProposedLine ours, BigDecimal whmcs) {
        long days = ours.period().days();
        BigDecimal full = BigDecimal.valueOf(days).divide(ours.quantity(), 0, RoundingMode.HALF_UP);
        StringBuilder text = new StringBuilder("first period prorated: here ")
                .append(plain(ours.unitPrice()))
                .append(" x ")
                .append(days)
                .append("/")
                .append(full.toPlainString())
                .append(" days = ")
                .append(plain(ours.amount().amount()))
                .append("; WHMCS charged ")
                .append(plain(whmcs));
        if (whmcs.signum() > 0) {
            BigDecimal implied =
                    ours.unitPrice().multiply(BigDecimal.valueOf(days)).divide(whmcs, 1, RoundingMode.HALF_UP);
            text.append(" = ")
                    .append(plain(ours.unitPrice()))
                    .append(" x ")
                    .append(days)
                    .append("/")
                    .append(implied.stripTrailingZeros().toPlainString())
                    .append(" (WHMCS counts the cycle's days its own way)");
        }
        return text.toString();
    }

    /**
     * The billing input as if the services in {@code cursors} had not been billed from the given
     * period start on: only those services, each with its cursor there, the lines of those periods
     * forgotten, no usage. What the generator then proposes is what our rules bill for exactly the
     * periods WHMCS invoiced.
     */
    public static CustomerBillingInput asIf(CustomerBillingInput input, Map<Long, LocalDate> cursors) {
        List<Subscription> services = input.subscriptions().stream()
                .filter(s -> cursors.containsKey(s.id()))
                .map(s -> new Subscription(
                        s.id(),
                        s.customerId(),
                        s.planId(),
                        s.cycle(),
                        s.status(),
                        s.anchorDay(),
                        s.startDate(),
                        s.endDate(),
                        cursors.get(s.id()),
                        s.label(),
                        s.trialEnd()))
                .toList();
        Set<LineKey> kept = input.existingLines().stream()
                .filter(l -> !cursors.containsKey(l.subscriptionId())
                        || l.periodStart().isBefore(cursors.get(l.subscriptionId())))
                .collect(Collectors.toSet());
        return new CustomerBillingInput(
                input.customer(), services, kept, List.of(), input.plans(), input.discounts(), input.usageHistory());
    }

    /** Of our proposal, the lines of the services and periods WHMCS's invoice covers (none after its last period). */
    public static List<ProposedLine> within(List<ProposedLine> ours, Map<Long, LocalDate> lastPeriodStart) {
        return ours.stream()
                .filter(o -> o.subscriptionId() != null && lastPeriodStart.containsKey(o.subscriptionId()))
                .filter(o -> o.period() == null || !o.period().start().isAfter(lastPeriodStart.get(o.subscriptionId())))
                .toList();
    }

    private static BigDecimal nz(BigDecimal v) {
        return v == null ? BigDecimal.ZERO : v;
    }

    /** An amount with at least two decimals and no trailing zeros beyond them (22.00, 0.7333). */
    public static String plain(BigDecimal v) {
        BigDecimal s = Objects.requireNonNull(v).stripTrailingZeros();
        return s.setScale(Math.max(2, s.scale()), RoundingMode.UNNECESSARY).toPlainString();
    }
}
