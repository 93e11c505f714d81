package com.ezscale.billing.invoice;

import com.ezscale.billing.catalog.Plan;
import com.ezscale.billing.catalog.PlanPrice;
import com.ezscale.billing.catalog.PriceList;
import com.ezscale.billing.customer.Customer;
import com.ezscale.billing.discount.AppliedDiscount;
import com.ezscale.billing.discount.Discounts;
import com.ezscale.billing.money.Money;
import com.ezscale.billing.period.BillingCycle;
import com.ezscale.billing.period.BillingPeriod;
import com.ezscale.billing.period.ServiceSchedule;
import com.ezscale.billing.rules.BillingRuleViolation;
import com.ezscale.billing.subscription.PlanChange;
import com.ezscale.billing.subscription.PlanTimeline;
import com.ezscale.billing.subscription.Subscription;
import com.ezscale.billing.tax.TaxAmount;
import com.ezscale.billing.tax.TaxCalculator;
import com.ezscale.billing.tax.TaxDecision;
import com.ezscale.billing.tax.TaxParty;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Currency;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The invoice of a customer, as a plain function of its state and {@code asOf}:
 * <ol>
 *   <li>recurring charges in advance: a line for every period starting by {@code asOf +
 *       invoiceDaysBefore} from the service's cursor on (missed periods caught up), at the plan the
 *       service is on when the period starts; a trial period at zero; a prorata first period; the
 *       setup fee with the first paid period;</li>
 *   <li>plan changes: every billed period a change touches is reconciled day by day
 *       ({@link ProrationReconciler}), so an upgrade bills a credit and a charge, a back-dated or
 *       reverted change its corrections;</li>
 *   <li>rated usage in arrears (a later revision bills the difference);</li>
 *   <li>discounts of each recurring line (percent coupons, loyalty, fixed coupons), each a line;</li>
 *   <li>tax per rate; an invoice below zero carries the difference to account credit;</li>
 *   <li>the approval hold.</li>
 * </ol>
 * Reconcile: a line whose key exists is never proposed again. Lines are grouped into one draft per
 * currency, due on the earliest period start (or {@code asOf} if passed; usage and plan-change
 * lines are due at once). Usage lines of 0.00 alone make no invoice.
 */
public final class InvoiceGenerator {

    private final PriceList priceList;
    private final InvoiceGeneratorSettings settings;
    private final BillingRules rules;

    public InvoiceGenerator(PriceList priceList, InvoiceGeneratorSettings settings, BillingRules rules) {
        this.priceList = priceList;
        this.settings = settings;
        this.rules = rules;
    }

    /** Without tax, loyalty or approval rules (every priced currency has a tax-exclusive price list). */
    public InvoiceGenerator(PriceList priceList, InvoiceGeneratorSettings settings) {
        this(priceList, settings, BillingRules.plain(List.copyOf(priceList.currencies())));
    }

    /** @throws BillingRuleViolation when the customer cannot be billed as its data stands */
    public GenerationResult generate(CustomerBillingInput input, LocalDate asOf) {
        Customer customer = input.customer();
        Currency currency = customer.billingCurrency();
        if (!rules.priceListTaxInclusive().containsKey(currency)) {
            throw new BillingRuleViolation(
                    "customer " + customer.id() + ": currency " + currency.getCurrencyCode() + " has no price list");
        }
        List<ProposedLine> proposed = new ArrayList<>();
        List<SubscriptionAdvance> advances = new ArrayList<>();
        List<Long> settled = new ArrayList<>();
        Map<Long, List<PlanChange>> changesBySub = new HashMap<>();
        input.plans()
                .changes()
                .forEach(c -> changesBySub
                        .computeIfAbsent(c.subscriptionId(), k -> new ArrayList<>())
                        .add(c));
        Map<Long, List<CustomerBillingInput.PlanHistory.Coverage>> coverageBySub = new HashMap<>();
        input.plans()
                .coverage()
                .forEach(c -> coverageBySub
                        .computeIfAbsent(c.subscriptionId(), k -> new ArrayList<>())
                        .add(c));

        List<Subscription> subscriptions = new ArrayList<>(input.subscriptions());
        subscriptions.sort(Comparator.comparingLong(Subscription::id));
        for (Subscription subscription : subscriptions) {
            if (subscription.customerId() != customer.id()) {
                throw new IllegalArgumentException(
                        "service " + subscription.id() + " is not customer " + customer.id() + "'s");
            }
            if (!subscription.status().isBillable() || subscription.cycle() == BillingCycle.FREE) {
                continue;
            }
            List<PlanChange> changes = changesBySub.getOrDefault(subscription.id(), List.of());
            PlanTimeline timeline = new PlanTimeline(subscription.planId(), changes);
            List<ProrationReconciler.BilledLine> coverage = new ArrayList<>();
            coverageBySub.getOrDefault(subscription.id(), List.of()).forEach(c -> coverage.add(c.line()));

            LocalDate horizon = asOf.plusDays(settings.daysBefore(subscription.cycle()));
            LocalDate from =
                    subscription.nextPeriodStart() != null ? subscription.nextPeriodStart() : subscription.startDate();
            Plan firstPlan = plan(subscription, timeline.planAt(subscription.startDate()));
            ServiceSchedule schedule = subscription.schedule(firstPlan.prorataDay());
            List<ServiceSchedule.SchedulePeriod> periods =
                    schedule.periodsStartingBetween(from, horizon, subscription.endDate());
            for (ServiceSchedule.SchedulePeriod scheduled : periods) {
                BillingPeriod period = scheduled.period();
                long planId = timeline.planAt(period.start());
                Plan plan = plan(subscription, planId);
                PlanPrice price = priceOf(subscription, planId, currency);
                String name = describe(plan.name(), subscription);
                if (scheduled.phase() == ServiceSchedule.Phase.TRIAL) {
                    propose(
                            proposed,
                            input,
                            new ProposedLine(
                                    subscription.id(),
                                    ChargeKind.TRIAL,
                                    period,
                                    "Free trial: " + name + " " + periodText(period),
                                    BigDecimal.ONE,
                                    BigDecimal.ZERO,
                                    Money.zero(currency)));
                    continue;
                }
                if (period.start().equals(schedule.paidStart())
                        && price.setupFee().signum() > 0) {
                    propose(
                            proposed,
                            input,
                            new ProposedLine(
                                    subscription.id(),
                                    ChargeKind.SETUP,
                                    period,
                                    "Setup fee: " + name,
                                    BigDecimal.ONE,
                                    price.setupFee(),
                                    Money.rounded(price.setupFee(), currency)));
                }
                PlanChange change = timeline.changeAt(period.start());
                ProposedLine recurring;
                if (scheduled.phase() == ServiceSchedule.Phase.PARTIAL) {
                    BigDecimal fraction = BigDecimal.valueOf(period.days())
                            .divide(BigDecimal.valueOf(scheduled.fullDays()), 6, RoundingMode.HALF_UP);
                    recurring = new ProposedLine(
                            subscription.id(),
                            ChargeKind.RECURRING,
                            period,
                            name + " (" + cycleName(subscription.cycle()) + ", prorata " + period.days() + "/"
                                    + scheduled.fullDays() + " days) " + periodText(period),
                            fraction,
                            price.recurringPrice(),
                            ProrationReconciler.prorated(
                                    price.recurringPrice(), period.days(), scheduled.fullDays(), currency));
                } else {
                    recurring = new ProposedLine(
                            subscription.id(),
                            ChargeKind.RECURRING,
                            period,
                            name + " (" + cycleName(subscription.cycle()) + ") " + periodText(period),
                            BigDecimal.ONE,
                            price.recurringPrice(),
                            Money.rounded(price.recurringPrice(), currency));
                }
                recurring = recurring.withPlan(planId, null, null, change == null ? null : change.id());
                if (propose(proposed, input, recurring)) {
                    coverage.add(
                            new ProrationReconciler.BilledLine(ChargeKind.RECURRING, period, 0, planId, null, null));
                }
            }
            if (!periods.isEmpty()) {
                BillingPeriod last = periods.get(periods.size() - 1).period();
                LocalDate next = last.days() == 0 ? last.start().plusDays(1) : last.endExclusive();
                advances.add(new SubscriptionAdvance(subscription.id(), next));
            }
            if (!changes.isEmpty()) {
                proposed.addAll(reconcile(subscription, timeline, changes, coverage, currency));
                changes.forEach(c -> settled.add(c.id()));
            }
        }
        for (UsageCharge usage : input.usage()) {
            usageLine(usage, currency).ifPresent(proposed::add);
        }
        return new GenerationResult(customer.id(), group(customer, proposed, input, asOf), advances, settled);
    }

    private List<ProposedLine> reconcile(
            Subscription subscription,
            PlanTimeline timeline,
            List<PlanChange> changes,
            List<ProrationReconciler.BilledLine> coverage,
            Currency currency) {
        LocalDate earliest = changes.stream()
                .map(PlanChange::effectiveDate)
                .min(LocalDate::compareTo)
                .orElseThrow();
        Map<BillingPeriod, List<ProrationReconciler.BilledLine>> byPeriod = new LinkedHashMap<>();
        coverage.stream()
                .sorted(Comparator.comparing(b -> b.period().start()))
                .filter(b -> b.period().endExclusive().isAfter(earliest))
                .forEach(b -> byPeriod.computeIfAbsent(b.period(), k -> new ArrayList<>())
                        .add(b));
        ProrationReconciler.PlanPrices prices = new ProrationReconciler.PlanPrices() {
            @Override
            public BigDecimal recurringPrice(long planId) {
                return priceOf(subscription, planId, currency).recurringPrice();
            }

            @Override
            public String planName(long planId) {
                return describe(plan(subscription, planId).name(), subscription);
            }
        };
        List<ProposedLine> lines = new ArrayList<>();
        byPeriod.forEach((period, billed) -> lines.addAll(ProrationReconciler.reconcile(
                subscription.id(), period, billed, timeline, subscription.endDate(), prices, currency)));
        return lines;
    }

    /**
     * Usage in arrears: the first rating of a period bills its amount; a later revision (late data)
     * bills the difference from what was billed, as a correction, never an edit.
     */
    private static Optional<ProposedLine> usageLine(UsageCharge usage, Currency currency) {
        if (!usage.currency().equals(currency)) {
            throw new BillingRuleViolation("service " + usage.subscriptionId() + ": usage rated in "
                    + usage.currency().getCurrencyCode() + " but the customer is billed in "
                    + currency.getCurrencyCode());
        }
        Money amount = Money.rounded(usage.rawAmount(), currency).minus(Money.rounded(usage.alreadyBilled(), currency));
        if (usage.revision() > 0 && amount.isZero()) {
            return Optional.empty();
        }
        String text = usage.revision() == 0
                ? usage.evidence()
                : "Correction (revision " + usage.revision() + ", late data) of " + usage.evidence()
                        + "; billed before "
                        + Money.rounded(usage.alreadyBilled(), currency)
                                .amount()
                                .toPlainString();
        return Optional.of(new ProposedLine(
                usage.subscriptionId(),
                usage.kind(),
                usage.period(),
                text,
                BigDecimal.ONE,
                amount.amount(),
                amount,
                usage.revision(),
                usage.ratedUsageId()));
    }

    private Plan plan(Subscription subscription, long planId) {
        return priceList
                .plan(planId)
                .orElseThrow(() -> new BillingRuleViolation(
                        "service " + subscription.id() + ": plan " + planId + " does not exist"));
    }

    private PlanPrice priceOf(Subscription subscription, long planId, Currency currency) {
        try {
            return priceList.require(planId, currency, subscription.cycle());
        } catch (BillingRuleViolation e) {
            throw new BillingRuleViolation("service " + subscription.id() + ": " + e.getMessage());
        }
    }

    private static boolean propose(List<ProposedLine> proposed, CustomerBillingInput input, ProposedLine line) {
        if (input.existingLines().contains(line.key())) {
            return false;
        }
        proposed.add(line);
        return true;
    }

    private List<DraftInvoice> group(
            Customer customer, List<ProposedLine> lines, CustomerBillingInput input, LocalDate asOf) {
        Map<String, List<ProposedLine>> byCurrency = new TreeMap<>();
        for (ProposedLine line : lines) {
            byCurrency
                    .computeIfAbsent(line.amount().currency().getCurrencyCode(), c -> new ArrayList<>())
                    .add(line);
        }
        List<DraftInvoice> drafts = new ArrayList<>();
        byCurrency.forEach((code, currencyLines) -> {
            boolean onlyZeroUsage = currencyLines.stream()
                    .allMatch(l -> l.ratedUsageId() != null && l.amount().isZero());
            if (onlyZeroUsage) {
                return; // no invoice for nothing: these ride along with the customer's next invoice
            }
            // due on the earliest charge (a trial's zero line does not make the first paid period due at the trial's
            // start)
            List<ProposedLine> charged =
                    currencyLines.stream().filter(l -> !l.amount().isZero()).toList();
            LocalDate earliest = (charged.isEmpty() ? currencyLines : charged)
                    .stream()
                            .map(l -> dueNow(l) ? asOf : l.period().start())
                            .min(LocalDate::compareTo)
                            .orElseThrow();
            LocalDate due = earliest.isBefore(asOf) ? asOf : earliest;
            drafts.add(compose(customer, Currency.getInstance(code), due, currencyLines, input, asOf));
        });
        return drafts;
    }

    private static boolean dueNow(ProposedLine line) {
        return line.ratedUsageId() != null
                || line.kind() == ChargeKind.PRORATION_CHARGE
                || line.kind() == ChargeKind.PRORATION_CREDIT;
    }

    /** Discounts, tax, the credit carry and the approval hold of one draft. */
    private DraftInvoice compose(
            Customer customer,
            Currency currency,
            LocalDate due,
            List<ProposedLine> charges,
            CustomerBillingInput input,
            LocalDate asOf) {
        Map<Long, Integer> cyclesUsed = new HashMap<>();
        input.discounts().redemptions().forEach(r -> cyclesUsed.put(r.redemptionId(), r.cyclesUsed()));
        List<ProposedLine> lines = new ArrayList<>();
        for (ProposedLine charge : charges) {
            int index = lines.size();
            lines.add(charge);
            if (charge.kind() != ChargeKind.RECURRING
                    || charge.amount().amount().signum() <= 0) {
                continue;
            }
            List<Discounts.ActiveCoupon> coupons = input.discounts().redemptions().stream()
                    .filter(r -> r.subscriptionId() == charge.subscriptionId())
                    .filter(r -> cyclesUsed.get(r.redemptionId()) < r.coupon().cyclesAllowed())
                    .sorted(Comparator.comparingLong(CustomerBillingInput.DiscountState.Redemption::redemptionId))
                    .map(r -> new Discounts.ActiveCoupon(r.redemptionId(), r.coupon()))
                    .toList();
            BigDecimal loyalty = rules.loyalty()
                    .percentFor(
                            input.discounts().customerSince(), charge.period().start());
            for (AppliedDiscount discount : Discounts.apply(charge.amount(), coupons, loyalty)) {
                lines.add(charge.discount(
                        index, discount.ref(), discount.description(), discount.amount(), discount.redemptionId()));
                if (discount.redemptionId() != null) {
                    cyclesUsed.merge(discount.redemptionId(), 1, Integer::sum);
                }
            }
        }
        TaxDecision decision;
        try {
            decision = rules.taxPolicy()
                    .decide(
                            rules.seller(),
                            new TaxParty(
                                    customer.country(), customer.region(), customer.vatNumber(), customer.taxExempt()),
                            asOf);
        } catch (BillingRuleViolation e) {
            throw new BillingRuleViolation("customer " + customer.id() + ": " + e.getMessage());
        }
        if (decision.showsTax()) {
            lines.replaceAll(l -> l.withTax(decision.name(), decision.ratePercent()));
        }
        boolean inclusive = rules.priceListTaxInclusive().getOrDefault(currency, false);
        List<TaxAmount> taxes = TaxCalculator.compute(
                lines.stream()
                        .map(l -> new TaxCalculator.TaxedAmount(l.amount(), l.taxName(), l.taxRate()))
                        .toList(),
                inclusive);
        DraftInvoice draft = new DraftInvoice(customer.id(), currency, due, lines, taxes, decision, inclusive, null);
        if (draft.total().isNegative()) {
            Money carried = Money.zero(currency).minus(draft.total());
            lines.add(ProposedLine.creditCarried(carried, "Balance carried to account credit"));
            draft = new DraftInvoice(customer.id(), currency, due, lines, taxes, decision, inclusive, null);
        }
        String hold = rules.approval()
                .holdReason(draft, input.usageHistory().previousByRating())
                .orElse(null);
        return hold == null
                ? draft
                : new DraftInvoice(customer.id(), currency, due, lines, taxes, decision, inclusive, hold);
    }

    private static String describe(String planName, Subscription subscription) {
        return subscription.label() == null || subscription.label().isBlank()
                ? planName
                : planName + " - " + subscription.label();
    }

    private static String cycleName(BillingCycle cycle) {
        return cycle.name().toLowerCase().replace('_', '-');
    }

    private static String periodText(BillingPeriod period) {
        return period.days() == 0 ? period.start().toString() : period.start() + " to " + period.endInclusive();
    }
}
