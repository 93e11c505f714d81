package com.ezscale.billing.app.outbox;

import com.ezscale.billing.notice.Notices;
import com.ezscale.billing.outbox.db.OutboxMapper;
import com.ezscale.billing.outbox.db.OutboxRow;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes side effects into the outbox, in the caller's transaction: the decision and its email or
 * panel call commit together or not at all, and the dedupe key makes each exist once whatever
 * reruns. The bean writes through the application's session; a Batch chunk writes through its
 * batching session's mapper ({@link #on}).
 */
@Component
public final class OutboxWriter {

    public static final String EMAIL = "EMAIL";
    public static final String PANEL = "PANEL";
    public static final String ALERT = "ALERT";
    /** A customer's webhook delivery (one row per endpoint and event). */
    public static final String WEBHOOK = "WEBHOOK";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final OutboxMapper mapper;
    private final Clock clock;
    private final String portalUrl;
    /** What a deferred writer ({@link #deferred}) holds until {@link #flush}; null: each row is written as decided. */
    private final Deferred deferred;

    private record Deferred(List<OutboxRow> rows, List<Webhook> webhooks) {}

    /** A customer event held by a deferred writer: its body is made at the flush, for a customer with webhooks only. */
    private record Webhook(long customerId, String type, String decidedBy, Map<String, Object> data, Instant at) {}

    /** A writer whose notices carry no portal link. */
    public OutboxWriter(OutboxMapper mapper, Clock clock) {
        this(mapper, clock, "");
    }

    /**
     * {@code portalUrl} ({@code ezscale.collection.portal-url}): where a notice about an invoice links
     * to (its page in the customer portal, with the pay button); blank: no link.
     */
    @org.springframework.beans.factory.annotation.Autowired
    public OutboxWriter(
            OutboxMapper mapper,
            Clock clock,
            @org.springframework.beans.factory.annotation.Value("${ezscale.collection.portal-url:}") String portalUrl) {
        this(mapper, clock, portalUrl, null);
    }

    private OutboxWriter(OutboxMapper mapper, Clock clock, String portalUrl, Deferred deferred) {
        this.mapper = mapper;
        this.clock = clock;
        this.portalUrl = portalUrl == null ? "" : portalUrl.strip().replaceAll("/+$", "");
        this.deferred = deferred;
    }

    /** The same writer on another session's mapper (a Batch chunk's batching session). */
    public OutboxWriter on(OutboxMapper sessionMapper) {
        return new OutboxWriter(sessionMapper, clock, portalUrl);
    }

    /**
     * A writer on a batching session's mapper that holds what it is given until {@link #flush}, which
     * writes the rows one statement after another (one JDBC batch, rewritten into multi-row inserts)
     * and the webhook events in one statement: interleaved, each statement would end the batch before
     * it and go to the server alone. For a chunk writer that queues many notices.
     */
    public OutboxWriter deferred(OutboxMapper sessionMapper) {
        return new OutboxWriter(sessionMapper, clock, portalUrl, new Deferred(new ArrayList<>(), new ArrayList<>()));
    }

    /** Writes what this deferred writer holds (nothing for a writer that writes as it goes). */
    public void flush() {
        if (deferred == null) {
            return;
        }
        for (OutboxRow row : deferred.rows()) {
            mapper.insertIfAbsent(row);
        }
        if (!deferred.webhooks().isEmpty()) {
            // most customers have no webhook: their events are not serialised, sent or joined at all
            java.util.Set<Long> hooked =
                    new java.util.HashSet<>(mapper.selectCustomersWithWebhooks(deferred.webhooks().stream()
                            .map(Webhook::customerId)
                            .distinct()
                            .toList()));
            List<OutboxMapper.WebhookEvent> events = new ArrayList<>();
            for (Webhook w : deferred.webhooks()) {
                if (hooked.contains(w.customerId())) {
                    String eventId = eventId(w.decidedBy());
                    events.add(new OutboxMapper.WebhookEvent(
                            w.customerId(), w.type(), eventId, body(eventId, w.type(), w.at(), w.data())));
                }
            }
            mapper.insertWebhookEventsOf(events, clock.instant());
        }
        deferred.rows().clear();
        deferred.webhooks().clear();
    }

    /** An email of a notice, rendered now. */
    public void email(String dedupeKey, Long customerId, Long invoiceId, String to, Notices.Notice notice) {
        email(dedupeKey, customerId, invoiceId, to, notice, false);
    }

    /**
     * An email of a notice, rendered now; {@code payInCrypto}: its link goes to the invoice's crypto
     * payment page (Coinbase Commerce, through the portal) rather than the invoice's page, for a
     * customer that chose to pay in crypto.
     */
    public void email(
            String dedupeKey, Long customerId, Long invoiceId, String to, Notices.Notice notice, boolean payInCrypto) {
        String number = notice.invoiceNumber();
        String link = portalUrl.isEmpty() || number == null
                ? null
                : portalUrl + "/account/invoices/" + URLEncoder.encode(number, StandardCharsets.UTF_8)
                        + (payInCrypto ? "/pay/crypto" : "");
        Notices.Rendered rendered = Notices.render(notice, link);
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("to", to);
        payload.put("template", notice.template());
        payload.put("subject", rendered.subject());
        payload.put("body", rendered.body());
        if (notice instanceof Notices.InvoiceIssued issued) {
            payload.put("attachInvoice", issued.number()); // the sender attaches the invoice's PDF as issued
        }
        add(dedupeKey, EMAIL, notice.template(), customerId, null, invoiceId, payload);
        if (customerId != null) {
            webhookOf(dedupeKey, customerId, notice);
        }
    }

    /** The customer's webhook event a notice also is, if any (queued with the email, once). */
    private void webhookOf(String dedupeKey, long customerId, Notices.Notice notice) {
        Map<String, Object> data = new LinkedHashMap<>();
        String type = null;
        if (notice instanceof Notices.InvoiceIssued n) {
            type = "invoice.created";
            data.put("invoice", n.number());
            data.put("total", n.total());
            data.put("due_date", n.dueDate());
        } else if (notice instanceof Notices.PaymentReceipt n && isZero(n.owed())) {
            type = "invoice.paid";
            data.put("invoice", n.number());
            data.put("amount", n.amount());
            data.put("method", n.method());
        } else if (notice instanceof Notices.Overdue n) {
            type = "invoice.overdue";
            data.put("invoice", n.number());
            data.put("owed", n.owed());
            data.put("days_overdue", n.days());
        } else if (notice instanceof Notices.PaymentFailed n) {
            type = "payment.failed";
            data.put("invoice", n.number());
            data.put("amount", n.amount());
            data.put("reason", n.reason());
        } else if (notice instanceof Notices.UsageThreshold n) {
            type = "bandwidth.threshold_reached";
            data.put("service", n.service());
            data.put("period", n.period());
            data.put("measure", n.measure());
            data.put("level_percent", n.level());
            data.put("observed", n.observed());
            data.put("limit", n.limit());
        }
        if (type != null) {
            webhook(customerId, type, dedupeKey, data);
        }
    }

    /**
     * Queues a customer event for the customer's webhooks that take it; its id comes from the
     * deciding row's dedupe key, so a rerun queues nothing new and a receiver sees one id per event.
     */
    public void webhook(long customerId, String type, String decidedBy, Map<String, Object> data) {
        Instant now = clock.instant();
        if (deferred != null) {
            deferred.webhooks().add(new Webhook(customerId, type, decidedBy, data, now));
            return;
        }
        String eventId = eventId(decidedBy);
        mapper.insertWebhookEvents(customerId, type, eventId, body(eventId, type, now, data), now);
    }

    private static String eventId(String decidedBy) {
        return "evt_" + sha256(decidedBy).substring(0, 24);
    }

    private static String body(String eventId, String type, Instant created, Map<String, Object> data) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("id", eventId);
        event.put("type", type);
        event.put("created", created.getEpochSecond());
        event.put("data", data);
        return JSON.writeValueAsString(event);
    }

    private static boolean isZero(String amountWithCurrency) {
        try {
            return new java.math.BigDecimal(amountWithCurrency.strip().split(" ")[0]).signum() == 0;
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static String sha256(String text) {
        try {
            return java.util.HexFormat.of()
                    .formatHex(java.security.MessageDigest.getInstance("SHA-256")
                            .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A panel action (SUSPEND, UNSUSPEND, TERMINATE) on one service. */
    public void panel(
            String dedupeKey,
            String action,
            long customerId,
            long subscriptionId,
            Long invoiceId,
            String panel,
            String panelRef) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("panel", panel);
        payload.put("ref", panelRef);
        add(dedupeKey, PANEL, action, customerId, subscriptionId, invoiceId, payload);
        String type = switch (action) {
            case "SUSPEND" -> "service.suspended";
            case "UNSUSPEND" -> "service.unsuspended";
            case "TERMINATE" -> "service.terminated";
            default -> null;
        };
        if (type != null) {
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("service", subscriptionId);
            webhook(customerId, type, dedupeKey, data);
        }
    }

    /** An alert to the admins (email and Discord). */
    public void alert(String dedupeKey, String title, String detail) {
        Notices.Rendered notice = Notices.render(new Notices.AdminAlert(title, detail));
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("subject", notice.subject());
        payload.put("body", notice.body());
        add(dedupeKey, ALERT, "ALERT", null, null, null, payload);
    }

    private void add(
            String dedupeKey,
            String channel,
            String action,
            Long customerId,
            Long subscriptionId,
            Long invoiceId,
            Map<String, Object> payload) {
        Instant now = clock.instant();
        OutboxRow row = new OutboxRow(
                0,
                dedupeKey,
                channel,
                action,
                customerId,
                subscriptionId,
                invoiceId,
                JSON.writeValueAsString(payload),
                "PENDING",
                0,
                now,
                null,
                now);
        if (deferred != null) {
            deferred.rows().add(row);
        } else {
            mapper.insertIfAbsent(row);
        }
    }

    public static Map<String, Object> payload(String json) {
        @SuppressWarnings("unchecked")
        Map<String, Object> map = JSON.readValue(json, Map.class);
        return map;
    }
}
