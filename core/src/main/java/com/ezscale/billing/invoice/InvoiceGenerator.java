package com.ezscale.billing.invoice;

import com.ezscale.billing.catalog.Plan;
import com.ezscale.billing.catalog.PlanPrice;
import com.ezscale.billing.catalog.PriceList;
import com.ezscale.billing.customer.Customer;
import com.ezscale.billing.money.Money;
import com.ezscale.billing.period.BillingCycle;
import com.ezscale.billing.period.BillingPeriod;
import com.ezscale.billing.subscription.Subscription;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Recurring invoices, billed in advance. For each billable service it proposes a line for every
 * period that starts on or before {@code asOf + invoiceDaysBefore} (from the service's cursor on,
 * catching up any period missed), plus the setup fee with the first period; then it reconciles:
 * a line whose (subscription, charge kind, period) exists is never proposed again. Due lines are
 * grouped into one draft per currency, due on the earliest period start (or {@code asOf}, if that
 * start has passed). Rated usage is billed in arrears; usage lines of 0.00 alone make no invoice
 * (they join the customer's next one).
 */
public final class InvoiceGenerator {

    private final PriceList priceList;
    private final InvoiceGeneratorSettings settings;

    public InvoiceGenerator(PriceList priceList, InvoiceGeneratorSettings settings) {
        this.priceList = priceList;
        this.settings = settings;
    }

    /** @throws BillingRuleViolation when the customer cannot be billed as its data stands */
    public GenerationResult generate(CustomerBillingInput input, LocalDate asOf) {
        Customer customer = input.customer();
        Currency currency = customer.billingCurrency();
        List<ProposedLine> proposed = new ArrayList<>();
        List<SubscriptionAdvance> advances = new ArrayList<>();

        List<Subscription> subscriptions = new ArrayList<>(input.subscriptions());
        subscriptions.sort(Comparator.comparingLong(Subscription::id));
        for (Subscription subscription : subscriptions) {
            if (subscription.customerId() != customer.id()) {
                throw new IllegalArgumentException("service " + subscription.id() + " is not customer " + customer.id() + "'s");
            }
            if (!subscription.status().isBillable() || subscription.cycle() == BillingCycle.FREE) {
                continue;
            }
            LocalDate horizon = asOf.plusDays(settings.daysBefore(subscription.cycle()));
            LocalDate from = subscription.nextPeriodStart() != null ? subscription.nextPeriodStart() : subscription.startDate();
            List<BillingPeriod> periods = subscription.schedule().periodsStartingBetween(from, horizon, subscription.endDate());
            if (periods.isEmpty()) {
                continue;
            }
            PlanPrice price = priceOf(subscription, currency);
            String planName = priceList.plan(subscription.planId()).map(Plan::name).orElseThrow();
            for (BillingPeriod period : periods) {
                if (period.start().equals(subscription.startDate()) && price.setupFee().signum() > 0) {
                    propose(proposed, input, new ProposedLine(subscription.id(), ChargeKind.SETUP, period,
                            "Setup fee: " + describe(planName, subscription), BigDecimal.ONE, price.setupFee(),
                            Money.rounded(price.setupFee(), currency)));
                }
                propose(proposed, input, new ProposedLine(subscription.id(), ChargeKind.RECURRING, period,
                        describe(planName, subscription) + " (" + cycleName(subscription.cycle()) + ") " + periodText(period),
                        BigDecimal.ONE, price.recurringPrice(), Money.rounded(price.recurringPrice(), currency)));
            }
            BillingPeriod last = periods.get(periods.size() - 1);
            LocalDate next = last.days() == 0 ? last.start().plusDays(1) : last.endExclusive();
            advances.add(new SubscriptionAdvance(subscription.id(), next));
        }
        for (UsageCharge usage : input.usage()) {
            usageLine(usage, currency).ifPresent(proposed::add);
        }
        return new GenerationResult(customer.id(), group(customer.id(), proposed, asOf), advances);
    }

    /**
     * Usage in arrears: the first rating of a period bills its amount; a later revision (late data)
     * bills the difference from what was billed, as a correction, never an edit.
     */
    private static java.util.Optional<ProposedLine> usageLine(UsageCharge usage, Currency currency) {
        if (!usage.currency().equals(currency)) {
            throw new BillingRuleViolation("service " + usage.subscriptionId() + ": usage rated in " + usage.currency().getCurrencyCode()
                    + " but the customer is billed in " + currency.getCurrencyCode());
        }
        Money amount = Money.rounded(usage.rawAmount(), currency).minus(Money.rounded(usage.alreadyBilled(), currency));
        if (usage.revision() > 0 && amount.isZero()) {
            return java.util.Optional.empty();
        }
        String text = usage.revision() == 0 ? usage.evidence()
                : "Correction (revision " + usage.revision() + ", late data) of " + usage.evidence() + "; billed before "
                        + Money.rounded(usage.alreadyBilled(), currency).amount().toPlainString();
        // the line is dated by the period it bills, in arrears; its due date is the run's
        BillingPeriod period = usage.period();
        return java.util.Optional.of(new ProposedLine(usage.subscriptionId(), usage.kind(), period, text, BigDecimal.ONE, amount.amount(),
                amount, usage.revision(), usage.ratedUsageId()));
    }

    private PlanPrice priceOf(Subscription subscription, Currency currency) {
        if (priceList.plan(subscription.planId()).isEmpty()) {
            throw new BillingRuleViolation("service " + subscription.id() + ": plan " + subscription.planId() + " does not exist");
        }
        return priceList.find(subscription.planId(), currency, subscription.cycle()).orElseThrow(() -> new BillingRuleViolation(
                "service " + subscription.id() + ": plan " + priceList.plan(subscription.planId()).get().code()
                        + " has no " + subscription.cycle() + " price in " + currency.getCurrencyCode()));
    }

    private static void propose(List<ProposedLine> proposed, CustomerBillingInput input, ProposedLine line) {
        if (!input.existingLines().contains(line.key())) {
            proposed.add(line);
        }
    }

    private static List<DraftInvoice> group(long customerId, List<ProposedLine> lines, LocalDate asOf) {
        Map<String, List<ProposedLine>> byCurrency = new TreeMap<>();
        for (ProposedLine line : lines) {
            byCurrency.computeIfAbsent(line.amount().currency().getCurrencyCode(), c -> new ArrayList<>()).add(line);
        }
        List<DraftInvoice> drafts = new ArrayList<>();
        byCurrency.forEach((code, currencyLines) -> {
            boolean onlyZeroUsage = currencyLines.stream().allMatch(l -> l.ratedUsageId() != null && l.amount().isZero());
            if (onlyZeroUsage) {
                return; // no invoice for nothing: these ride along with the customer's next invoice
            }
            LocalDate earliest = currencyLines.stream()
                    .map(l -> l.ratedUsageId() != null ? asOf : l.period().start()) // usage is in arrears: due now
                    .min(LocalDate::compareTo).orElseThrow();
            LocalDate due = earliest.isBefore(asOf) ? asOf : earliest;
            drafts.add(new DraftInvoice(customerId, Currency.getInstance(code), due, currencyLines));
        });
        return drafts;
    }

    private static String describe(String planName, Subscription subscription) {
        return subscription.label() == null || subscription.label().isBlank() ? planName : planName + " - " + subscription.label();
    }

    private static String cycleName(BillingCycle cycle) {
        return cycle.name().toLowerCase().replace('_', '-');
    }

    private static String periodText(BillingPeriod period) {
        return period.days() == 0 ? period.start().toString() : period.start() + " to " + period.endInclusive();
    }
}
