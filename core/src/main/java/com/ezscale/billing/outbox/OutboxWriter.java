package com.ezscale.billing.outbox;

import com.ezscale.billing.notice.Notices;
import com.ezscale.billing.outbox.db.OutboxMapper;
import com.ezscale.billing.outbox.db.OutboxRow;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes side effects into the outbox, in the caller's transaction: the decision and its email or
 * panel call commit together or not at all, and the dedupe key makes each exist once whatever
 * reruns. Takes the caller's mapper (inside a batch chunk, the batching session's).
 */
public final class OutboxWriter {

    public static final String EMAIL = "EMAIL";
    public static final String PANEL = "PANEL";
    public static final String ALERT = "ALERT";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final OutboxMapper mapper;
    private final Clock clock;

    public OutboxWriter(OutboxMapper mapper, Clock clock) {
        this.mapper = mapper;
        this.clock = clock;
    }

    /** An email rendered now from {@code template}. */
    public void email(String dedupeKey, Long customerId, Long invoiceId, String to, String template, Map<String, ?> model) {
        Notices.Rendered notice = Notices.render(template, model);
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("to", to);
        payload.put("template", template);
        payload.put("subject", notice.subject());
        payload.put("body", notice.body());
        add(dedupeKey, EMAIL, template, customerId, null, invoiceId, payload);
    }

    /** A panel action (SUSPEND, UNSUSPEND, TERMINATE) on one service. */
    public void panel(String dedupeKey, String action, long customerId, long subscriptionId, Long invoiceId, String panel, String panelRef) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("panel", panel);
        payload.put("ref", panelRef);
        add(dedupeKey, PANEL, action, customerId, subscriptionId, invoiceId, payload);
    }

    /** An alert to the admins (email and Discord). */
    public void alert(String dedupeKey, String title, String detail) {
        Notices.Rendered notice = Notices.render(Notices.ADMIN_ALERT, Map.of("title", title, "detail", detail));
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("subject", notice.subject());
        payload.put("body", notice.body());
        add(dedupeKey, ALERT, "ALERT", null, null, null, payload);
    }

    private void add(String dedupeKey, String channel, String action, Long customerId, Long subscriptionId, Long invoiceId,
                        Map<String, Object> payload) {
        OutboxRow row = new OutboxRow();
        row.dedupeKey = dedupeKey;
        row.channel = channel;
        row.action = action;
        row.customerId = customerId;
        row.subscriptionId = subscriptionId;
        row.invoiceId = invoiceId;
        row.payload = JSON.writeValueAsString(payload);
        row.createdAt = clock.instant();
        mapper.insertIfAbsent(row);
    }

    public static Map<String, Object> payload(String json) {
        @SuppressWarnings("unchecked")
        Map<String, Object> map = JSON.readValue(json, Map.class);
        return map;
    }
}
