package com.ezscale.billing.portal.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.ezscale.billing.testing.DatabaseTest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

/**
 * Stripe's webhook as Stripe sends it (signed "t=...,v1=HMAC-SHA256(t.payload)"): a late success
 * settles the invoice and brings the suspended service back once; a replay of the same event does
 * nothing; a forged signature and a stale timestamp get 400 and change nothing; no CSRF token nor
 * login is needed (the signature is the authentication).
 */
@AutoConfigureMockMvc
@Import(StripeWebhookTest.FixedClock.class)
@TestPropertySource(properties = "ezscale.stripe.webhook-secret=whsec_test")
class StripeWebhookTest extends DatabaseTest {

    static final Instant NOW = Instant.parse("2026-11-20T12:00:00Z");
    static final long SUSPENDED_AT = Instant.parse("2026-11-06T02:00:00Z").toEpochMilli();

    @TestConfiguration(proxyBeanMethods = false)
    static class FixedClock {
        @Bean
        @Primary
        Clock fixedClock() {
            return Clock.fixed(NOW, ZoneOffset.UTC);
        }
    }

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcTemplate jdbc;

    static String sign(String payload, String secret, long timestamp) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String v1 = HexFormat.of().formatHex(mac.doFinal((timestamp + "." + payload).getBytes(StandardCharsets.UTF_8)));
        return "t=" + timestamp + ",v1=" + v1;
    }

    ResultActions send(String payload, String signature) throws Exception {
        return mvc.perform(post("/webhooks/stripe")
                .contentType(MediaType.APPLICATION_JSON)
                .content(payload)
                .header("Stripe-Signature", signature));
    }

    static String succeeded(String eventId, String pi, String key) {
        return "{\"id\":\"" + eventId
                + "\",\"object\":\"event\",\"api_version\":\"2025-01-27.acacia\",\"created\":1763640000,"
                + "\"type\":\"payment_intent.succeeded\",\"livemode\":false,\"pending_webhooks\":1,\"data\":{\"object\":{\"id\":\""
                + pi
                + "\",\"object\":\"payment_intent\",\"amount\":2000,\"currency\":\"usd\",\"status\":\"succeeded\",\"metadata\":{\"attempt_key\":\""
                + key + "\"}}}}";
    }

    @Test
    void aLateSuccessSettlesOnceAndUnsuspendsForgedAndStaleEventsAreRefused() throws Exception {
        jdbc.update(
                "INSERT INTO customer (id, name, email, country, billing_currency, status, created_at) VALUES (1, 'Ada', 'ada@example.com', 'US', 'USD', 'ACTIVE', NOW(6))");
        jdbc.update("INSERT INTO product (id, code, name, kind, seller_entity_id) VALUES (1, 'vps', 'VPS', 'VPS', 1)");
        jdbc.update("INSERT INTO plan (id, product_id, code, name) VALUES (1, 1, 'vps-s', 'VPS S')");
        jdbc.update(
                "INSERT INTO subscription (id, customer_id, plan_id, cycle, status, anchor_day, start_date, label, panel, panel_ref, suspended_by, suspended_at, created_at) "
                        + "VALUES (21, 1, 1, 'MONTHLY', 'SUSPENDED', 1, '2026-11-01', 'vps-ada', 'VIRTFUSION', '121', 'DUNNING', '2026-11-06 02:00:00', NOW(6))");
        jdbc.update(
                "INSERT INTO invoice (id, seller_entity_id, customer_id, currency, status, due_date, subtotal, tax_total, total, created_at) "
                        + "VALUES (7, 1, 1, 'USD', 'DRAFT', '2026-11-01', 20, 0, 20, NOW(6))");
        jdbc.update(
                "INSERT INTO invoice_line (invoice_id, line_no, subscription_id, charge_kind, period_start, period_end_exclusive, description, quantity, unit_price, amount) "
                        + "VALUES (7, 1, 21, 'RECURRING', '2026-11-01', '2026-12-01', 'VPS S', 1, 20, 20)");
        jdbc.update(
                "UPDATE invoice SET status = 'ISSUED', number = 'INV-2026-000007', series_key = 'INV-2026', sequence_value = 7, issue_date = '2026-10-20' WHERE id = 7");
        jdbc.update(
                "INSERT INTO payment_attempt (invoice_id, customer_id, attempt_no, gateway, idempotency_key, currency, amount, status, as_of, created_at, updated_at) "
                        + "VALUES (7, 1, 3, 'STRIPE', 'ezs-7-3', 'USD', 20, 'PENDING', '2026-11-04', NOW(6), NOW(6))");
        long t = NOW.getEpochSecond();
        String event = succeeded("evt_1", "pi_77", "ezs-7-3");

        send(event, sign(event, "whsec_wrong", t))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.error").value(Matchers.startsWith("invalid signature")));
        send(event, sign(event, "whsec_test", t - 3600)).andExpect(status().isBadRequest());
        send(event, "garbage").andExpect(status().isBadRequest());
        assertThat(jdbc.queryForObject("SELECT status FROM invoice WHERE id = 7", String.class))
                .isEqualTo("ISSUED");

        send(event, sign(event, "whsec_test", t))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("processed"))
                .andExpect(jsonPath("$.outcome").value("attempt ezs-7-3 SUCCEEDED"));
        send(event, sign(event, "whsec_test", t))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("duplicate"));
        // the same payment reported by a second event (Stripe can send several): still paid once
        String again = succeeded("evt_2", "pi_77", "ezs-7-3");
        send(again, sign(again, "whsec_test", t)).andExpect(status().isOk());

        assertThat(jdbc.queryForObject(
                        "SELECT CONCAT(status, ' ', amount_paid) FROM invoice WHERE id = 7", String.class))
                .isEqualTo("PAID 20.0000");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM payment WHERE invoice_id = 7", Long.class))
                .isEqualTo(1);
        assertThat(jdbc.queryForObject(
                        "SELECT CONCAT(status, ' ', gateway_ref) FROM payment_attempt WHERE attempt_no = 3",
                        String.class))
                .isEqualTo("SUCCEEDED pi_77");
        assertThat(jdbc.queryForObject("SELECT status FROM subscription WHERE id = 21", String.class))
                .isEqualTo("ACTIVE");
        assertThat(jdbc.queryForList("SELECT dedupe_key FROM outbox ORDER BY id", String.class))
                .containsExactly(
                        "EMAIL:RECEIPT:pi_77",
                        "PANEL:UNSUSPEND:21:" + SUSPENDED_AT,
                        "EMAIL:UNSUSPENDED:21:" + SUSPENDED_AT);
        assertThat(jdbc.queryForList(
                        "SELECT CONCAT(event_id, ' ', event_type, ' ', object_ref) FROM gateway_event ORDER BY id",
                        String.class))
                .containsExactly("evt_1 payment_intent.succeeded pi_77", "evt_2 payment_intent.succeeded pi_77");

        // a failed payment reported for another attempt: marked declined, the customer told once, nothing paid
        jdbc.update(
                "INSERT INTO payment_attempt (invoice_id, customer_id, attempt_no, gateway, idempotency_key, currency, amount, status, as_of, created_at, updated_at) "
                        + "VALUES (7, 1, 4, 'STRIPE', 'ezs-7-4', 'USD', 20, 'PROCESSING', '2026-11-08', NOW(6), NOW(6))");
        String failed =
                "{\"id\":\"evt_4\",\"object\":\"event\",\"api_version\":\"2025-01-27.acacia\",\"created\":1763640000,"
                        + "\"type\":\"payment_intent.payment_failed\",\"livemode\":false,\"pending_webhooks\":1,\"data\":{\"object\":{\"id\":\"pi_78\","
                        + "\"object\":\"payment_intent\",\"amount\":2000,\"currency\":\"usd\",\"status\":\"requires_payment_method\","
                        + "\"last_payment_error\":{\"type\":\"card_error\",\"code\":\"card_declined\",\"decline_code\":\"expired_card\","
                        + "\"message\":\"Your card has expired.\"},\"metadata\":{\"attempt_key\":\"ezs-7-4\"}}}}";
        send(failed, sign(failed, "whsec_test", t))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.outcome").value("attempt ezs-7-4 DECLINED"));
        assertThat(jdbc.queryForObject(
                        "SELECT CONCAT(status, ' ', decline_code, ' ', gateway_ref) FROM payment_attempt WHERE attempt_no = 4",
                        String.class))
                .isEqualTo("DECLINED expired_card pi_78");
        assertThat(jdbc.queryForObject(
                        "SELECT COUNT(*) FROM outbox WHERE dedupe_key = 'EMAIL:FAILED:ezs-7-4'", Long.class))
                .isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM payment WHERE invoice_id = 7", Long.class))
                .isEqualTo(1);

        // a refund made in Stripe's dashboard, unknown to billing: finance is alerted, once
        String refund =
                "{\"id\":\"evt_3\",\"object\":\"event\",\"api_version\":\"2025-01-27.acacia\",\"created\":1763640000,"
                        + "\"type\":\"charge.refunded\",\"livemode\":false,\"pending_webhooks\":1,\"data\":{\"object\":{\"id\":\"ch_77\","
                        + "\"object\":\"charge\",\"amount\":2000,\"amount_refunded\":500,\"currency\":\"usd\",\"payment_intent\":\"pi_77\",\"refunded\":false}}}";
        send(refund, sign(refund, "whsec_test", t))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.outcome").value("refund outside billing: finance alerted"));
        send(refund, sign(refund, "whsec_test", t))
                .andExpect(jsonPath("$.status").value("duplicate"));
        assertThat(jdbc.queryForList("SELECT dedupe_key FROM outbox WHERE channel = 'ALERT'", String.class))
                .containsExactly("ALERT:REFUND:ch_77:500");

        // the cardholder disputes the paid charge: the payment is marked, the admins alerted, the action audited; once
        String dispute =
                "{\"id\":\"evt_5\",\"object\":\"event\",\"api_version\":\"2025-01-27.acacia\",\"created\":1763640000,"
                        + "\"type\":\"charge.dispute.created\",\"livemode\":false,\"pending_webhooks\":1,\"data\":{\"object\":{\"id\":\"dp_9\","
                        + "\"object\":\"dispute\",\"amount\":2000,\"currency\":\"usd\",\"charge\":\"ch_77\",\"payment_intent\":\"pi_77\","
                        + "\"reason\":\"fraudulent\",\"status\":\"needs_response\"}}}";
        long paymentId = jdbc.queryForObject("SELECT id FROM payment WHERE invoice_id = 7", Long.class);
        send(dispute, sign(dispute, "whsec_test", t))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.outcome").value("payment " + paymentId + " disputed"));
        send(dispute, sign(dispute, "whsec_test", t))
                .andExpect(jsonPath("$.status").value("duplicate"));
        assertThat(jdbc.queryForObject("SELECT disputed FROM payment WHERE id = ?", Boolean.class, paymentId))
                .isTrue();
        assertThat(jdbc.queryForList(
                        "SELECT CONCAT(dedupe_key, ' | ', payload) FROM outbox WHERE dedupe_key LIKE 'ALERT:DISPUTE:%'",
                        String.class))
                .singleElement(InstanceOfAssertFactories.STRING)
                .startsWith("ALERT:DISPUTE:dp_9 | ")
                .contains("Payment pi_77 is disputed (fraudulent, 20.00 USD)");
        assertThat(jdbc.queryForList(
                        "SELECT CONCAT(actor, ' ', action, ' ', target) FROM audit_log WHERE action = 'payment.disputed'",
                        String.class))
                .containsExactly("stripe-webhook payment.disputed payment " + paymentId);
    }
}
