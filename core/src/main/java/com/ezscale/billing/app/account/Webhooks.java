package com.ezscale.billing.app.account;

import com.ezscale.billing.account.db.WebhookDelivery;
import com.ezscale.billing.account.db.WebhookEndpoint;
import com.ezscale.billing.account.db.WebhookMapper;
import com.ezscale.billing.audit.db.AuditMapper;
import com.ezscale.billing.rules.BillingRuleViolation;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Customers' webhooks: registered (URL checked: {@link WebhookUrls}), turned off or on, their
 * deliveries listed and replayed; audited. The events are queued by the outbox writer in the
 * transaction that decides them ({@code OutboxWriter}), and delivered, signed, by the outbox.
 */
@Service
public class Webhooks {

    public static final List<String> EVENTS = List.of(
            "invoice.created",
            "invoice.paid",
            "invoice.overdue",
            "payment.failed",
            "service.suspended",
            "service.unsuspended",
            "service.terminated",
            "bandwidth.threshold_reached");

    private static final SecureRandom RANDOM = new SecureRandom();

    /** An endpoint as registered, and its signing secret (shown once). */
    public record Created(WebhookEndpoint endpoint, String secret) {}

    private final WebhookMapper webhooks;
    private final AuditMapper audit;
    private final WebhookProperties properties;
    private final TransactionTemplate tx;
    private final Clock clock;

    public Webhooks(
            WebhookMapper webhooks,
            AuditMapper audit,
            WebhookProperties properties,
            PlatformTransactionManager transactionManager,
            Clock clock) {
        this.webhooks = webhooks;
        this.audit = audit;
        this.properties = properties;
        this.tx = new TransactionTemplate(transactionManager);
        this.clock = clock;
    }

    public Created register(long customerId, String url, List<String> events, String actor) {
        String checked = WebhookUrls.check(url, properties).toString();
        Set<String> types = new LinkedHashSet<>();
        for (String e : events == null ? List.<String>of() : events) {
            String type = e.strip();
            if (!type.equals("*") && !EVENTS.contains(type)) {
                throw new BillingRuleViolation("events: each one of " + EVENTS + " or *, not '" + e + "'");
            }
            types.add(type);
        }
        if (types.isEmpty()) {
            throw new BillingRuleViolation("events: at least one of " + EVENTS + " or *");
        }
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        String secret = "whsec_" + HexFormat.of().formatHex(bytes);
        Instant now = clock.instant();
        String list = types.contains("*") ? "*" : String.join(",", types);
        return tx.execute(status -> {
            webhooks.insertEndpoint(new WebhookEndpoint(0, customerId, checked, secret, list, true, actor, now));
            audit.insert(now, actor, "webhook.add", "customer " + customerId, checked + " (" + list + ")");
            WebhookEndpoint endpoint = webhooks.selectEndpoints(customerId).stream()
                    .filter(e -> e.secret().equals(secret))
                    .findFirst()
                    .orElseThrow();
            return new Created(endpoint, secret);
        });
    }

    public List<WebhookEndpoint> endpoints(long customerId) {
        return webhooks.selectEndpoints(customerId);
    }

    public void setEnabled(long customerId, long endpointId, boolean enabled, String actor) {
        tx.executeWithoutResult(status -> {
            if (webhooks.updateEnabled(customerId, endpointId, enabled) == 0) {
                throw new BillingRuleViolation("customer " + customerId + " has no webhook " + endpointId);
            }
            audit.insert(
                    clock.instant(),
                    actor,
                    enabled ? "webhook.enable" : "webhook.disable",
                    "customer " + customerId,
                    "webhook " + endpointId);
        });
    }

    public List<WebhookDelivery> deliveries(long customerId, Long before, int limit) {
        return webhooks.selectDeliveries(customerId, before, limit);
    }

    /** Sends a delivered or failed event again (the same event id: receivers drop what they have). */
    public void replay(long customerId, long deliveryId, String actor) {
        tx.executeWithoutResult(status -> {
            if (webhooks.replay(customerId, deliveryId, clock.instant()) == 0) {
                throw new BillingRuleViolation(
                        "customer " + customerId + " has no delivered or failed webhook delivery " + deliveryId);
            }
            audit.insert(clock.instant(), actor, "webhook.replay", "customer " + customerId, "delivery " + deliveryId);
        });
    }
}
