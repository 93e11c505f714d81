package com.ezscale.billing.account.db;

import static org.assertj.core.api.Assertions.assertThat;

import com.ezscale.billing.testing.MapperTest;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class WebhookMapperTest extends MapperTest {

    static final Instant AT = Instant.parse("2026-11-30T16:00:00Z");

    @Autowired
    WebhookMapper webhooks;

    @Test
    void endpointsOfTheirCustomerAndTheirDeliveries() {
        webhooks.insertEndpoint(new WebhookEndpoint(0, 1, "https://a.example/hook", "whsec_a", "*", true, "ada", AT));
        webhooks.insertEndpoint(
                new WebhookEndpoint(0, 2, "https://b.example/hook", "whsec_b", "invoice.paid", true, "bruno", AT));
        WebhookEndpoint ada = webhooks.selectEndpoints(1).get(0);
        assertThat(ada.url()).isEqualTo("https://a.example/hook");
        assertThat(webhooks.selectEndpoint(ada.id()).secret()).isEqualTo("whsec_a");
        assertThat(webhooks.updateEnabled(2, ada.id(), false)).as("not Bruno's").isZero();
        assertThat(webhooks.updateEnabled(1, ada.id(), false)).isEqualTo(1);
        assertThat(webhooks.selectEndpoint(ada.id()).enabled()).isFalse();

        update(
                "INSERT INTO outbox (dedupe_key, channel, action, customer_id, payload, status, attempts, next_attempt_at,"
                        + " last_error, created_at, done_at) VALUES"
                        + " ('WEBHOOK:" + ada.id() + ":evt_1', 'WEBHOOK', 'invoice.paid', 1, JSON_OBJECT('endpoint', "
                        + ada.id()
                        + ", 'event', 'evt_1', 'body', '{}'), 'EXHAUSTED', 6, '2026-11-30 10:00:00', 'HTTP 500 from a.example',"
                        + " '2026-11-30 09:00:00', NULL),"
                        + " ('WEBHOOK:" + ada.id()
                        + ":evt_2', 'WEBHOOK', 'invoice.created', 1, JSON_OBJECT('endpoint', " + ada.id()
                        + ", 'event', 'evt_2', 'body', '{}'), 'PENDING', 0, '2026-11-30 10:00:00', NULL, '2026-11-30 09:30:00', NULL),"
                        + " ('EMAIL:X', 'EMAIL', 'reminder', 1, '{}', 'DONE', 1, '2026-11-30 10:00:00', NULL, '2026-11-30 09:00:00', NULL)");
        assertThat(webhooks.selectDeliveries(1, null, 10))
                .extracting(d -> d.eventId() + " " + d.eventType() + " " + d.status() + " " + d.endpointId())
                .containsExactly(
                        "evt_2 invoice.created PENDING " + ada.id(), "evt_1 invoice.paid EXHAUSTED " + ada.id());
        assertThat(webhooks.selectDeliveries(2, null, 10)).isEmpty();
        long failed = webhooks.selectDeliveries(1, null, 10).get(1).id();
        assertThat(webhooks.replay(2, failed, AT)).as("not Bruno's").isZero();
        assertThat(webhooks.replay(1, failed, AT)).isEqualTo(1);
        assertThat(webhooks.replay(1, failed, AT)).as("pending already").isZero();
        assertThat(webhooks.selectDeliveries(1, null, 10).get(1))
                .extracting(WebhookDelivery::status, WebhookDelivery::attempts, WebhookDelivery::lastError)
                .containsExactly("PENDING", 0, null);
        assertThat(webhooks.selectDeliveries(1, failed, 10)).isEmpty();
    }
}
