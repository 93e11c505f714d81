package com.ezscale.billing.portal.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.ezscale.billing.testing.DatabaseTest;
import com.ezscale.billing.testing.PayPalStub;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import mockwebserver3.MockWebServer;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * PayPal's webhook as PayPal sends it (transmission headers, checked by PayPal's
 * verify-webhook-signature call, answered by the stub as PayPal answers it): a capture completed
 * late settles the invoice and brings the suspended service back once; a duplicate (the same event
 * id in a new transmission) does nothing; a forged signature and a stale transmission get 400 and
 * change nothing; a denied capture declines its attempt; a refund made at PayPal beyond what billing
 * refunded alerts finance; a dispute marks the payment; a wallet deleted at PayPal is forgotten and
 * the customer told. No CSRF token nor login is needed (the signature is the authentication).
 */
@AutoConfigureMockMvc
@Import(PayPalWebhookTest.FixedClock.class)
class PayPalWebhookTest extends DatabaseTest {

    static final Instant NOW = Instant.parse("2026-11-20T12:00:00Z");
    static final PayPalStub PAYPAL = new PayPalStub();
    static final MockWebServer SERVER = PAYPAL.start();

    @TestConfiguration(proxyBeanMethods = false)
    static class FixedClock {
        @Bean
        @Primary
        Clock fixedClock() {
            return Clock.fixed(NOW, ZoneOffset.UTC);
        }
    }

    @DynamicPropertySource
    static void paypal(DynamicPropertyRegistry registry) {
        registry.add("ezscale.paypal.client-id", () -> PayPalStub.CLIENT_ID);
        registry.add("ezscale.paypal.client-secret", () -> PayPalStub.CLIENT_SECRET);
        registry.add("ezscale.paypal.api-base", PAYPAL::apiBase);
        registry.add("ezscale.paypal.webhook-id", () -> PayPalStub.WEBHOOK_ID);
    }

    @AfterAll
    static void stop() {
        SERVER.close();
    }

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcTemplate jdbc;

    ResultActions send(String event, Map<String, String> headers) throws Exception {
        MockHttpServletRequestBuilder request =
                post("/webhooks/paypal").contentType(MediaType.APPLICATION_JSON).content(event);
        headers.forEach(request::header);
        return mvc.perform(request);
    }

    static String event(String id, String type, String resource) {
        return "{\"id\":\"" + id + "\",\"create_time\":\"2026-11-20T11:59:58Z\",\"resource_type\":\"capture\","
                + "\"event_version\":\"1.0\",\"event_type\":\"" + type + "\",\"summary\":\"stub\",\"resource\":"
                + resource + "}";
    }

    static String capture(String id, String status, String invoiceId) {
        return "{\"id\":\"" + id + "\",\"status\":\"" + status
                + "\",\"amount\":{\"currency_code\":\"USD\",\"value\":\"20.00\"},\"invoice_id\":\"" + invoiceId
                + "\",\"custom_id\":\"INV-2026-000007\",\"final_capture\":true}";
    }

    @Test
    void aLateCaptureSettlesOnceDuplicatesForgedAndStaleChangeNothing() throws Exception {
        jdbc.update(
                "INSERT INTO customer (id, name, email, country, billing_currency, status, created_at, preferred_gateway) "
                        + "VALUES (1, 'Ada', 'ada@example.com', 'US', 'USD', 'ACTIVE', NOW(6), 'PAYPAL')");
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
                        + "VALUES (7, 1, 3, 'PAYPAL', 'ezs-7-3', 'USD', 20, 'PENDING', '2026-11-04', NOW(6), NOW(6))");
        jdbc.update(
                "INSERT INTO gateway_customer (customer_id, gateway, gateway_customer_id, payment_method_id, updated_at) "
                        + "VALUES (1, 'PAYPAL', 'PPCUS-1', 'tok-ada', NOW(6))");
        String now = NOW.toString();
        String completed = event("WH-1", "PAYMENT.CAPTURE.COMPLETED", capture("CAPTURE-77", "COMPLETED", "ezs-7-3"));

        Map<String, String> forged = new java.util.HashMap<>(PayPalStub.sign("tx-1", now, completed));
        forged.put("PAYPAL-TRANSMISSION-SIG", PayPalStub.signature("tx-1", now, "WH-OTHER", completed));
        send(completed, forged)
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.error").value(Matchers.startsWith("invalid signature")));
        String tampered = completed.replace("20.00", "2.00");
        send(tampered, PayPalStub.sign("tx-1", now, completed)).andExpect(status().isBadRequest());
        String hourAgo = NOW.minusSeconds(3600).toString();
        send(completed, PayPalStub.sign("tx-1", hourAgo, completed))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.error").value(Matchers.startsWith("stale transmission")));
        send(completed, Map.of()).andExpect(status().isBadRequest());
        assertThat(jdbc.queryForObject("SELECT status FROM invoice WHERE id = 7", String.class))
                .isEqualTo("ISSUED");

        send(completed, PayPalStub.sign("tx-1", now, completed))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("processed"))
                .andExpect(jsonPath("$.outcome").value("attempt ezs-7-3 SUCCEEDED"));
        // PayPal retries an event with a new transmission id and the same event id: counted once
        send(completed, PayPalStub.sign("tx-2", now, completed))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("duplicate"));
        assertThat(jdbc.queryForObject(
                        "SELECT CONCAT(status, ' ', amount_paid) FROM invoice WHERE id = 7", String.class))
                .isEqualTo("PAID 20.0000");
        assertThat(jdbc.queryForObject(
                        "SELECT CONCAT(method, ' ', reference) FROM payment WHERE invoice_id = 7", String.class))
                .isEqualTo("PAYPAL CAPTURE-77");
        assertThat(jdbc.queryForObject("SELECT status FROM subscription WHERE id = 21", String.class))
                .isEqualTo("ACTIVE");

        // a denied capture of another attempt: declined, the customer told, nothing paid
        jdbc.update(
                "INSERT INTO payment_attempt (invoice_id, customer_id, attempt_no, gateway, idempotency_key, currency, amount, status, as_of, created_at, updated_at) "
                        + "VALUES (7, 1, 4, 'PAYPAL', 'ezs-7-4', 'USD', 20, 'PROCESSING', '2026-11-08', NOW(6), NOW(6))");
        String denied = event("WH-2", "PAYMENT.CAPTURE.DENIED", capture("CAPTURE-78", "DECLINED", "ezs-7-4"));
        send(denied, PayPalStub.sign("tx-3", now, denied))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.outcome").value("attempt ezs-7-4 DECLINED"));
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM payment WHERE invoice_id = 7", Long.class))
                .isEqualTo(1);

        // refunded at PayPal, unknown to billing: finance alerted, once
        String refunded = event(
                "WH-3",
                "PAYMENT.CAPTURE.REFUNDED",
                "{\"id\":\"REFUND-9\",\"status\":\"COMPLETED\",\"amount\":{\"currency_code\":\"USD\",\"value\":\"5.00\"},"
                        + "\"seller_payable_breakdown\":{\"total_refunded_amount\":{\"currency_code\":\"USD\",\"value\":\"5.00\"}},"
                        + "\"links\":[{\"href\":\"https://api.paypal.com/v2/payments/captures/CAPTURE-77\",\"rel\":\"up\",\"method\":\"GET\"}]}");
        send(refunded, PayPalStub.sign("tx-4", now, refunded))
                .andExpect(jsonPath("$.outcome").value("refund outside billing: finance alerted"));
        send(refunded, PayPalStub.sign("tx-5", now, refunded))
                .andExpect(jsonPath("$.status").value("duplicate"));
        assertThat(jdbc.queryForList("SELECT dedupe_key FROM outbox WHERE channel = 'ALERT'", String.class))
                .containsExactly("ALERT:REFUND:REFUND-9:500");

        // a dispute: the payment marked, the admins alerted
        long paymentId = jdbc.queryForObject("SELECT id FROM payment WHERE invoice_id = 7", Long.class);
        String dispute = event(
                "WH-4",
                "CUSTOMER.DISPUTE.CREATED",
                "{\"dispute_id\":\"PP-D-1\",\"reason\":\"UNAUTHORISED\",\"status\":\"OPEN\","
                        + "\"dispute_amount\":{\"currency_code\":\"USD\",\"value\":\"20.00\"},"
                        + "\"disputed_transactions\":[{\"seller_transaction_id\":\"CAPTURE-77\"}]}");
        send(dispute, PayPalStub.sign("tx-6", now, dispute))
                .andExpect(jsonPath("$.outcome").value("payment " + paymentId + " disputed"));
        assertThat(jdbc.queryForObject("SELECT disputed FROM payment WHERE id = ?", Boolean.class, paymentId))
                .isTrue();

        // the wallet deleted at PayPal: forgotten, the customer told; nothing is charged any more
        String deleted =
                event("WH-5", "VAULT.PAYMENT-TOKEN.DELETED", "{\"id\":\"tok-ada\",\"customer\":{\"id\":\"PPCUS-1\"}}");
        send(deleted, PayPalStub.sign("tx-7", now, deleted))
                .andExpect(jsonPath("$.outcome").value("payment method tok-ada forgotten; customer 1 told"));
        assertThat(jdbc.queryForObject(
                        "SELECT COUNT(*) FROM gateway_customer WHERE payment_method_id IS NOT NULL", Long.class))
                .isZero();
        assertThat(jdbc.queryForList(
                        "SELECT dedupe_key FROM outbox WHERE dedupe_key LIKE 'EMAIL:METHOD-REMOVED:%'", String.class))
                .containsExactly("EMAIL:METHOD-REMOVED:PAYPAL:tok-ada");
        assertThat(jdbc.queryForList(
                        "SELECT CONCAT(event_id, ' ', event_type) FROM gateway_event WHERE gateway = 'PAYPAL' ORDER BY id",
                        String.class))
                .containsExactly(
                        "WH-1 PAYMENT.CAPTURE.COMPLETED",
                        "WH-2 PAYMENT.CAPTURE.DENIED",
                        "WH-3 PAYMENT.CAPTURE.REFUNDED",
                        "WH-4 CUSTOMER.DISPUTE.CREATED",
                        "WH-5 VAULT.PAYMENT-TOKEN.DELETED");
    }
}
