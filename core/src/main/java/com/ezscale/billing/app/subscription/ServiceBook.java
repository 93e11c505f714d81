package com.ezscale.billing.app.subscription;

import com.ezscale.billing.app.outbox.OutboxWriter;
import com.ezscale.billing.app.panel.Panels;
import com.ezscale.billing.audit.db.AuditMapper;
import com.ezscale.billing.catalog.Plan;
import com.ezscale.billing.catalog.PriceList;
import com.ezscale.billing.catalog.db.CatalogMapper;
import com.ezscale.billing.customer.CustomerStatus;
import com.ezscale.billing.customer.db.CustomerMapper;
import com.ezscale.billing.customer.db.CustomerView;
import com.ezscale.billing.period.BillingCycle;
import com.ezscale.billing.persistence.GeneratedKey;
import com.ezscale.billing.rules.BillingRuleViolation;
import com.ezscale.billing.subscription.IpAssignment;
import com.ezscale.billing.subscription.IpPrefix;
import com.ezscale.billing.subscription.Subscription;
import com.ezscale.billing.subscription.SubscriptionStatus;
import com.ezscale.billing.subscription.db.IpAssignmentRow;
import com.ezscale.billing.subscription.db.ServiceView;
import com.ezscale.billing.subscription.db.SubscriptionMapper;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Services as admins keep them: order a plan for a customer (the invoice run then bills it as the
 * rules say: setup fee with the first paid period, the plan's trial first, prorata to the
 * product's day), attach and end IP prefixes (what usage is attributed by), name the service's
 * panel, and suspend or unsuspend it by hand (the panel is told through the outbox; dunning's
 * suspensions are dunning's to lift). One transaction per action, audited.
 */
@Service
public class ServiceBook {

    /** A service with its IP assignments. */
    public record ServiceDetail(ServiceView service, List<IpAssignmentRow> ips) {}

    private final SubscriptionMapper subscriptions;
    private final CustomerMapper customers;
    private final CatalogMapper catalog;
    private final OutboxWriter outbox;
    private final AuditMapper audit;
    private final TransactionTemplate tx;
    private final Clock clock;

    public ServiceBook(
            SubscriptionMapper subscriptions,
            CustomerMapper customers,
            CatalogMapper catalog,
            OutboxWriter outbox,
            AuditMapper audit,
            PlatformTransactionManager transactionManager,
            Clock clock) {
        this.subscriptions = subscriptions;
        this.customers = customers;
        this.catalog = catalog;
        this.outbox = outbox;
        this.audit = audit;
        this.tx = new TransactionTemplate(transactionManager);
        this.clock = clock;
    }

    /** What an order names; {@code panel} and {@code panelRef} go together or not at all. */
    public record Order(
            long customerId,
            String planCode,
            BillingCycle cycle,
            LocalDate start,
            String label,
            String panel,
            String panelRef,
            boolean skipTrial) {}

    /** Orders a plan for a customer; returns the new service's id. */
    public long order(Order order, String actor) {
        String label = optional("label", order.label(), 200);
        String[] panel = panel(order.panel(), order.panelRef());
        if (order.cycle() == null) {
            throw new BillingRuleViolation("an order needs a cycle");
        }
        return tx.execute(status -> {
            if (customers.lockCustomer(order.customerId()) == null) {
                throw new BillingRuleViolation("no customer " + order.customerId());
            }
            CustomerView customer = customers.selectCustomerView(order.customerId());
            if (customer.row().status() == CustomerStatus.CLOSED) {
                throw new BillingRuleViolation("customer " + order.customerId() + " is closed");
            }
            Long planId = catalog.selectPlanIdByCode(order.planCode());
            if (planId == null) {
                throw new BillingRuleViolation("no plan " + order.planCode());
            }
            PriceList prices = new PriceList(catalog.selectPlans(), catalog.selectPrices());
            Plan plan = prices.plan(planId).orElseThrow();
            if (order.cycle() != BillingCycle.FREE) {
                // the generator's own lookup: the same refusal the run would park the customer with
                prices.require(planId, customer.row().billingCurrency(), order.cycle());
            }
            LocalDate trialEnd = order.skipTrial() || plan.trialDays() == 0
                    ? null
                    : order.start().plusDays(plan.trialDays());
            Subscription service = new Subscription(
                    0,
                    order.customerId(),
                    planId,
                    order.cycle(),
                    SubscriptionStatus.ACTIVE,
                    order.start().getDayOfMonth(),
                    order.start(),
                    null,
                    null,
                    label,
                    trialEnd);
            GeneratedKey key = new GeneratedKey();
            Instant now = clock.instant();
            subscriptions.insertService(service, panel[0], panel[1], now, key);
            audit.insert(
                    now,
                    actor,
                    "service.order",
                    "service " + key.value(),
                    "customer " + order.customerId()
                            + ": " + order.planCode() + " " + order.cycle() + " from " + order.start()
                            + (trialEnd == null ? "" : ", trial until " + trialEnd)
                            + (panel[0] == null ? "" : ", " + panel[0] + " " + panel[1]));
            return key.value();
        });
    }

    /** Attaches a prefix to a service from {@code from} (null: now) until {@code until} (null: open-ended). */
    public IpAssignment addIp(long serviceId, String cidr, Instant fromOrNull, Instant until, String actor) {
        IpPrefix prefix = prefix(cidr);
        Instant from = fromOrNull == null ? clock.instant() : fromOrNull;
        if (until != null && !until.isAfter(from)) {
            throw new BillingRuleViolation("--until " + until + " is not after --from " + from);
        }
        return tx.execute(status -> {
            Subscription service = locked(serviceId);
            if (service.status() == SubscriptionStatus.TERMINATED) {
                throw new BillingRuleViolation("service " + serviceId + " is terminated");
            }
            long overlapping =
                    subscriptions.countOverlappingAssignments(prefix.network(), prefix.prefixLength(), from, until);
            if (overlapping > 0) {
                throw new BillingRuleViolation(prefix + " is already assigned for part of that time"
                        + " (see `service show`): end that assignment first");
            }
            IpAssignment assignment = new IpAssignment(0, serviceId, prefix, from, until);
            subscriptions.insertIpAssignment(IpAssignmentRow.of(assignment));
            audit.insert(
                    clock.instant(),
                    actor,
                    "service.ip-add",
                    "service " + serviceId,
                    prefix + " from " + from + (until == null ? "" : " until " + until));
            return assignment;
        });
    }

    /** Ends a service's open assignment of a prefix at {@code until} (null: now); returns when it ends. */
    public Instant endIp(long serviceId, String cidr, Instant untilOrNull, String actor) {
        IpPrefix prefix = prefix(cidr);
        Instant until = untilOrNull == null ? clock.instant() : untilOrNull;
        tx.executeWithoutResult(status -> {
            locked(serviceId);
            if (subscriptions.endIpAssignment(serviceId, prefix.network(), prefix.prefixLength(), until) == 0) {
                throw new BillingRuleViolation("service " + serviceId + " has no open assignment of " + prefix
                        + " that started before " + until);
            }
            audit.insert(clock.instant(), actor, "service.ip-end", "service " + serviceId, prefix + " until " + until);
        });
        return until;
    }

    /** Names the panel that runs a service and its id there (what suspension and termination call). */
    public void setPanel(long serviceId, String panelName, String panelRef, String actor) {
        String[] panel = panel(panelName, panelRef);
        if (panel[0] == null) {
            throw new BillingRuleViolation("a panel and its service id are required: --panel NAME --panel-ref ID");
        }
        tx.executeWithoutResult(status -> {
            locked(serviceId);
            subscriptions.updatePanel(serviceId, panel[0], panel[1]);
            audit.insert(clock.instant(), actor, "service.panel", "service " + serviceId, panel[0] + " " + panel[1]);
        });
    }

    /** An admin suspends an active service (abuse, a customer's request); its panel is told. */
    public void suspend(long serviceId, String reason, String actor) {
        required("a reason", reason);
        tx.executeWithoutResult(status -> {
            Subscription service = locked(serviceId);
            Instant now = clock.instant();
            if (subscriptions.suspendByAdmin(serviceId, now) == 0) {
                throw new BillingRuleViolation(
                        "service " + serviceId + " is " + service.status() + ": only an active service is suspended");
            }
            panelCall("SUSPEND", service, serviceId + ":ADMIN:" + now.toEpochMilli());
            audit.insert(now, actor, "service.suspend", "service " + serviceId, reason);
        });
    }

    /** Lifts an admin's suspension; dunning lifts its own when the invoices are paid. */
    public void unsuspend(long serviceId, String reason, String actor) {
        required("a reason", reason);
        tx.executeWithoutResult(status -> {
            Subscription service = locked(serviceId);
            ServiceView view = subscriptions.selectServiceView(serviceId);
            if (subscriptions.unsuspendByAdmin(serviceId) == 0) {
                throw new BillingRuleViolation("service " + serviceId + " is "
                        + service.status()
                        + ("DUNNING".equals(view.suspendedBy())
                                ? " by dunning: it comes back when its overdue invoices are paid"
                                : ": nothing to unsuspend"));
            }
            panelCall(
                    "UNSUSPEND",
                    service,
                    serviceId + ":ADMIN:" + view.suspendedAt().toEpochMilli());
            audit.insert(clock.instant(), actor, "service.unsuspend", "service " + serviceId, reason);
        });
    }

    public List<ServiceView> list(long customerId) {
        if (customers.selectCustomerView(customerId) == null) {
            throw new BillingRuleViolation("no customer " + customerId);
        }
        return subscriptions.selectServiceViews(customerId);
    }

    public ServiceDetail show(long serviceId) {
        ServiceView view = subscriptions.selectServiceView(serviceId);
        if (view == null) {
            throw new BillingRuleViolation("no service " + serviceId);
        }
        return new ServiceDetail(view, subscriptions.selectIpAssignmentsOf(serviceId));
    }

    private void panelCall(String action, Subscription service, String episode) {
        ServiceView view = subscriptions.selectServiceView(service.id());
        if (view.panel() != null && view.panelRef() != null) {
            outbox.panel(
                    "PANEL:" + action + ":" + episode,
                    action,
                    service.customerId(),
                    service.id(),
                    null,
                    view.panel(),
                    view.panelRef());
        }
    }

    private Subscription locked(long serviceId) {
        Subscription service = subscriptions.lockSubscription(serviceId);
        if (service == null) {
            throw new BillingRuleViolation("no service " + serviceId);
        }
        return service;
    }

    private static IpPrefix prefix(String cidr) {
        try {
            return IpPrefix.parse(cidr == null ? "" : cidr.strip());
        } catch (IllegalArgumentException e) {
            throw new BillingRuleViolation(e.getMessage());
        }
    }

    private static String[] panel(String name, String ref) {
        String n = optional("--panel", name, 32);
        String r = optional("--panel-ref", ref, 128);
        if ((n == null) != (r == null)) {
            throw new BillingRuleViolation("--panel and --panel-ref go together");
        }
        if (n == null) {
            return new String[] {null, null};
        }
        String upper = n.toUpperCase(Locale.ROOT);
        if (!Panels.KNOWN.contains(upper)) {
            throw new BillingRuleViolation("unknown panel " + n + " (known: " + String.join(", ", Panels.KNOWN) + ")");
        }
        return new String[] {upper, r};
    }

    private static void required(String what, String value) {
        if (value == null || value.isBlank()) {
            throw new BillingRuleViolation(what + " is required");
        }
    }

    private static String optional(String field, String value, int max) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.strip();
        if (v.length() > max) {
            throw new BillingRuleViolation(field + " is " + v.length() + " characters long; at most " + max);
        }
        return v;
    }
}
