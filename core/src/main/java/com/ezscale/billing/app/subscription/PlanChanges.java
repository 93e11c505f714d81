package com.ezscale.billing.app.subscription;

import com.ezscale.billing.app.creditnote.CreditNoteService;
import com.ezscale.billing.audit.db.AuditMapper;
import com.ezscale.billing.catalog.Plan;
import com.ezscale.billing.catalog.PriceList;
import com.ezscale.billing.catalog.db.CatalogMapper;
import com.ezscale.billing.creditnote.CreditNoteDraft;
import com.ezscale.billing.creditnote.CreditNotes;
import com.ezscale.billing.customer.db.CustomerMapper;
import com.ezscale.billing.invoice.db.InvoiceForCredit;
import com.ezscale.billing.invoice.db.InvoiceRepository;
import com.ezscale.billing.money.Money;
import com.ezscale.billing.period.ServiceSchedule;
import com.ezscale.billing.persistence.GeneratedKey;
import com.ezscale.billing.rules.BillingRuleViolation;
import com.ezscale.billing.subscription.PlanChangeKind;
import com.ezscale.billing.subscription.PlanChangeRules;
import com.ezscale.billing.subscription.PlanChangeTiming;
import com.ezscale.billing.subscription.Subscription;
import com.ezscale.billing.subscription.db.ExpiredUpgrade;
import com.ezscale.billing.subscription.db.PlanChangeInsert;
import com.ezscale.billing.subscription.db.PlanChangeMapper;
import com.ezscale.billing.subscription.db.SubscriptionMapper;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Currency;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A service moving to another plan, or ending: the pure rule decides ({@link PlanChangeRules}:
 * upgrade now, downgrade at the end of the period or now, cancellation), this records the dated
 * change the invoice run reconciles against, one transaction each, audited. Upgrades still unpaid
 * on their expiry date are credited and reverted.
 */
@Service
public class PlanChanges {

    /** A recorded plan change. */
    public record PlanChangeResult(
            long planChangeId,
            long customerId,
            PlanChangeKind kind,
            PlanChangeTiming timing,
            LocalDate effectiveDate) {}

    private final SubscriptionMapper subscriptions;
    private final PlanChangeMapper planChanges;
    private final CatalogMapper catalog;
    private final CustomerMapper customers;
    private final InvoiceRepository invoices;
    private final CreditNoteService creditNotes;
    private final AuditMapper audit;
    private final TransactionTemplate tx;
    private final Clock clock;

    public PlanChanges(
            SubscriptionMapper subscriptions,
            PlanChangeMapper planChanges,
            CatalogMapper catalog,
            CustomerMapper customers,
            InvoiceRepository invoices,
            CreditNoteService creditNotes,
            AuditMapper audit,
            PlatformTransactionManager transactionManager,
            Clock clock) {
        this.subscriptions = subscriptions;
        this.planChanges = planChanges;
        this.catalog = catalog;
        this.customers = customers;
        this.invoices = invoices;
        this.creditNotes = creditNotes;
        this.audit = audit;
        this.tx = new TransactionTemplate(transactionManager);
        this.clock = clock;
    }

    public PlanChangeResult changePlan(
            long serviceId, String planCode, boolean immediate, LocalDate asOf, String actor) {
        return tx.execute(status -> {
            Subscription service = lockService(serviceId);
            Long newPlanId = catalog.selectPlanIdByCode(planCode);
            if (newPlanId == null) {
                throw new BillingRuleViolation("no plan '" + planCode + "'");
            }
            PriceList prices = new PriceList(catalog.selectPlans(), catalog.selectPrices());
            Currency currency = Money.currency(customers.selectCustomerCurrency(service.customerId()));
            BigDecimal current = price(prices, service, service.planId(), currency);
            BigDecimal next = price(prices, service, newPlanId, currency);
            PlanChangeRules.Decision decision = PlanChangeRules.planChange(
                    service, schedule(prices, service), service.planId(), newPlanId, current, next, immediate, asOf);
            long changeId = insertChange(service, decision, service.planId(), newPlanId, actor);
            subscriptions.updateSubscriptionPlan(serviceId, newPlanId);
            audit.insert(
                    clock.instant(),
                    actor,
                    "plan.change",
                    "service " + serviceId,
                    decision.kind() + " " + decision.timing() + " to " + planCode + " effective "
                            + decision.effectiveDate() + " (change " + changeId + ")");
            return new PlanChangeResult(
                    changeId, service.customerId(), decision.kind(), decision.timing(), decision.effectiveDate());
        });
    }

    public PlanChangeResult cancel(long serviceId, boolean immediate, LocalDate asOf, String actor) {
        return tx.execute(status -> {
            Subscription service = lockService(serviceId);
            PriceList prices = new PriceList(catalog.selectPlans(), catalog.selectPrices());
            PlanChangeRules.Decision decision =
                    PlanChangeRules.cancellation(service, schedule(prices, service), immediate, asOf);
            long changeId = insertChange(service, decision, service.planId(), null, actor);
            subscriptions.updateSubscriptionEnd(serviceId, decision.effectiveDate(), "CANCELLED");
            audit.insert(
                    clock.instant(),
                    actor,
                    "service.cancel",
                    "service " + serviceId,
                    decision.timing() + " effective " + decision.effectiveDate());
            return new PlanChangeResult(
                    changeId, service.customerId(), decision.kind(), decision.timing(), decision.effectiveDate());
        });
    }

    /**
     * Upgrades whose invoice is still unpaid on its expiry date: their lines are credited (an
     * EXPIRY credit note), the change is reverted and the service goes back to its plan; the next
     * generation reconciles against the reverted timeline. Returns how many expired.
     */
    public int expireUpgrades(LocalDate asOf, String actor) {
        int expired = 0;
        for (ExpiredUpgrade upgrade : planChanges.selectExpiredUpgrades(asOf)) {
            Boolean done = tx.execute(status -> {
                InvoiceForCredit invoice = invoices.lock(upgrade.invoiceId());
                if (!invoice.status().equals("ISSUED") || invoice.amountPaid().signum() != 0) {
                    return false; // paid meanwhile
                }
                CreditNoteDraft draft = CreditNotes.planChange(creditNotes.creditable(invoice), upgrade.planChangeId());
                CreditNoteService.CreditNoteResult note =
                        creditNotes.issue(invoice, draft, "upgrade unpaid on its expiry date: reverted", asOf, actor);
                planChanges.revertPlanChange(upgrade.planChangeId(), clock.instant());
                subscriptions.updateSubscriptionPlan(upgrade.subscriptionId(), upgrade.fromPlanId());
                audit.insert(
                        clock.instant(),
                        actor,
                        "plan.revert",
                        "service " + upgrade.subscriptionId(),
                        "upgrade " + upgrade.planChangeId() + " unpaid: " + note.number() + " credits invoice "
                                + invoice.number());
                return true;
            });
            if (Boolean.TRUE.equals(done)) {
                expired++;
            }
        }
        return expired;
    }

    private long insertChange(
            Subscription service, PlanChangeRules.Decision decision, long from, Long to, String actor) {
        GeneratedKey key = new GeneratedKey();
        planChanges.insertPlanChange(
                new PlanChangeInsert(
                        service.id(),
                        decision.kind().name(),
                        decision.timing().name(),
                        decision.effectiveDate(),
                        from,
                        to,
                        actor,
                        clock.instant(),
                        null),
                key);
        return key.value();
    }

    private Subscription lockService(long serviceId) {
        Subscription service = subscriptions.lockSubscription(serviceId);
        if (service == null) {
            throw new BillingRuleViolation("no service " + serviceId);
        }
        return service;
    }

    private static BigDecimal price(PriceList prices, Subscription service, long planId, Currency currency) {
        return prices.require(planId, currency, service.cycle()).recurringPrice();
    }

    private static ServiceSchedule schedule(PriceList prices, Subscription service) {
        return service.schedule(
                prices.plan(service.planId()).map(Plan::prorataDay).orElse(null));
    }
}
