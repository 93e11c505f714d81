package com.ezscale.billing.app.outbox;

import com.ezscale.billing.notice.Notices;
import com.ezscale.billing.outbox.db.OutboxMapper;
import com.ezscale.billing.outbox.db.OutboxRow;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
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

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final OutboxMapper mapper;
    private final Clock clock;
    private final String portalUrl;

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
        this.mapper = mapper;
        this.clock = clock;
        this.portalUrl = portalUrl == null ? "" : portalUrl.strip().replaceAll("/+$", "");
    }

    /** The same writer on another session's mapper (a Batch chunk's batching session). */
    public OutboxWriter on(OutboxMapper sessionMapper) {
        return new OutboxWriter(sessionMapper, clock, portalUrl);
    }

    /** An email of a notice, rendered now. */
    public void email(String dedupeKey, Long customerId, Long invoiceId, String to, Notices.Notice notice) {
        String number = notice.invoiceNumber();
        String link = portalUrl.isEmpty() || number == null
                ? null
                : portalUrl + "/account/invoices/" + URLEncoder.encode(number, StandardCharsets.UTF_8);
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
        mapper.insertIfAbsent(new OutboxRow(
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
                now));
    }

    public static Map<String, Object> payload(String json) {
        @SuppressWarnings("unchecked")
        Map<String, Object> map = JSON.readValue(json, Map.class);
        return map;
    }
}
