package com.ezscale.billing.jobs.dunning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.ezscale.billing.account.db.WebhookDelivery;
import com.ezscale.billing.account.db.WebhookMapper;
import com.ezscale.billing.app.account.WebhookProperties;
import com.ezscale.billing.app.account.Webhooks;
import com.ezscale.billing.app.outbox.OutboxWriter;
import com.ezscale.billing.app.panel.PanelAction;
import com.ezscale.billing.app.panel.Panels;
import com.ezscale.billing.jobs.outbox.OutboxProcessor;
import com.ezscale.billing.jobs.outbox.WebhookSender;
import com.ezscale.billing.jobs.testing.MutableClock;
import com.ezscale.billing.outbox.db.OutboxMapper;
import com.ezscale.billing.testing.DatabaseTest;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Each panel adapter against a local stub of the panel's endpoints (method, path, auth, body), and a
 * panel that keeps failing: retried on the backoff, then EXHAUSTED with an alert to the admins by
 * email (GreenMail) and Discord (stub), once.
 */
@Import(MutableClock.Config.class)
class PanelAdaptersTest extends DatabaseTest {

    @RegisterExtension
    static final GreenMailExtension MAIL =
            new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort()).withPerMethodLifecycle(false);

    static final PanelStub PANELS = new PanelStub();
    static final List<PanelStub.Call> CALLS = PANELS.calls;
    static final MockWebServer SERVER = PANELS.start();

    @DynamicPropertySource
    static void endpoints(DynamicPropertyRegistry registry) {
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> MAIL.getSmtp().getPort());
        registry.add(
                "ezscale.panels.endpoints.virtfusion.base-url",
                () -> SERVER.url("/vf/api/v1").toString());
        registry.add("ezscale.panels.endpoints.virtfusion.api-key", () -> "vf-token");
        registry.add(
                "ezscale.panels.endpoints.pterodactyl.base-url",
                () -> SERVER.url("/ptero/").toString());
        registry.add("ezscale.panels.endpoints.pterodactyl.api-key", () -> "ptla_abc");
        registry.add(
                "ezscale.panels.endpoints.synergycp.base-url",
                () -> SERVER.url("/scp/api").toString());
        registry.add("ezscale.panels.endpoints.synergycp.api-key", () -> "scp-key");
        registry.add(
                "ezscale.panels.endpoints.enhance.base-url",
                () -> SERVER.url("/enhance/api").toString());
        registry.add("ezscale.panels.endpoints.enhance.api-key", () -> "enh-token");
        registry.add("ezscale.panels.endpoints.enhance.org-id", () -> "org-1");
        registry.add("ezscale.collection.outbox-max-attempts", () -> "3");
        registry.add("ezscale.webhooks.allow-http", () -> "true"); // the test receiver is local
        registry.add("ezscale.webhooks.allow-private-addresses", () -> "true");
        registry.add("ezscale.collection.admin-email", () -> "ops@ezscale.example");
        registry.add(
                "ezscale.collection.discord-webhook-url",
                () -> SERVER.url("/discord/webhooks/1/secret").toString());
    }

    @AfterAll
    static void stop() {
        SERVER.close();
    }

    @Autowired
    Panels panels;

    @Autowired
    OutboxProcessor processor;

    @Autowired
    OutboxMapper outbox;

    @Autowired
    MutableClock clock;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    Webhooks webhooks;

    @Autowired
    WebhookMapper webhookRows;

    @Autowired
    OutboxWriter writer;

    @Test
    void eachPanelIsCalledAsItsApiDocumentsIt() {
        CALLS.clear();
        PANELS.heal();
        for (String panel : List.of("virtfusion", "PTERODACTYL", "SynergyCP", "enhance")) {
            for (PanelAction action : PanelAction.values()) {
                panels.call(panel, action, "42");
            }
        }
        assertThat(CALLS)
                .containsExactly(
                        new PanelStub.Call("POST", "/vf/api/v1/servers/42/suspend", "Bearer vf-token", ""),
                        new PanelStub.Call("POST", "/vf/api/v1/servers/42/unsuspend", "Bearer vf-token", ""),
                        new PanelStub.Call("DELETE", "/vf/api/v1/servers/42?delay=0", "Bearer vf-token", ""),
                        new PanelStub.Call("POST", "/ptero/api/application/servers/42/suspend", "Bearer ptla_abc", ""),
                        new PanelStub.Call(
                                "POST", "/ptero/api/application/servers/42/unsuspend", "Bearer ptla_abc", ""),
                        new PanelStub.Call("DELETE", "/ptero/api/application/servers/42", "Bearer ptla_abc", ""),
                        new PanelStub.Call("PATCH", "/scp/api/server/42?key=scp-key", null, "{\"is_active\":\"0\"}"),
                        new PanelStub.Call("PATCH", "/scp/api/server/42?key=scp-key", null, "{\"is_active\":\"1\"}"),
                        new PanelStub.Call("PATCH", "/scp/api/server/42?key=scp-key", null, "{\"wiped\":\"1\"}"),
                        new PanelStub.Call(
                                "PATCH",
                                "/enhance/api/orgs/org-1/subscriptions/42",
                                "Bearer enh-token",
                                "{\"isSuspended\":true}"),
                        new PanelStub.Call(
                                "PATCH",
                                "/enhance/api/orgs/org-1/subscriptions/42",
                                "Bearer enh-token",
                                "{\"isSuspended\":false}"),
                        new PanelStub.Call(
                                "DELETE", "/enhance/api/orgs/org-1/subscriptions/42", "Bearer enh-token", ""));
    }

    @Test
    void aFailingPanelIsRetriedOnTheBackoffThenTheAdminsAreAlertedOnce() throws Exception {
        CALLS.clear();
        PANELS.breakUnder("/enhance");
        jdbc.update(
                "INSERT INTO customer (id, name, email, country, billing_currency, status, created_at) VALUES (9, 'Eve', 'eve@example.com', 'US', 'USD', 'ACTIVE', NOW(6))");
        new OutboxWriter(outbox, clock).panel("PANEL:SUSPEND:77:1", "SUSPEND", 9, 77, null, "ENHANCE", "sub-77");

        assertThat(processor.processDue().toString()).isEqualTo("0 done, 1 to retry, 0 exhausted");
        assertThat(processor.processDue().toString())
                .as("not due before its backoff")
                .isEqualTo("0 done, 0 to retry, 0 exhausted");
        clock.advance(Duration.ofMinutes(1));
        assertThat(processor.processDue().toString()).isEqualTo("0 done, 1 to retry, 0 exhausted");
        clock.advance(Duration.ofMinutes(5));
        assertThat(processor.processDue().toString())
                .as("third failure: exhausted, the alert goes out")
                .isEqualTo("1 done, 0 to retry, 1 exhausted");
        clock.advance(Duration.ofHours(1));
        assertThat(processor.processDue().toString()).isEqualTo("0 done, 0 to retry, 0 exhausted");

        assertThat(CALLS.stream().filter(c -> c.target().startsWith("/enhance")).count())
                .isEqualTo(3);
        List<PanelStub.Call> discord =
                CALLS.stream().filter(c -> c.target().startsWith("/discord")).toList();
        assertThat(discord).hasSize(1);
        assertThat(discord.get(0).body())
                .contains("panel SUSPEND failed 3 times")
                .contains("answered 503");
        assertThat(MAIL.getReceivedMessages()).hasSize(1);
        assertThat(MAIL.getReceivedMessages()[0].getAllRecipients()[0].toString())
                .isEqualTo("ops@ezscale.example");
        assertThat(MAIL.getReceivedMessages()[0].getSubject())
                .isEqualTo("[EZSCALE Billing] panel SUSPEND failed 3 times");
        assertThat(jdbc.queryForObject(
                        "SELECT CONCAT(status, ' ', attempts) FROM outbox WHERE dedupe_key = 'PANEL:SUSPEND:77:1'",
                        String.class))
                .isEqualTo("EXHAUSTED 3");
        assertThat(jdbc.queryForObject(
                        "SELECT COUNT(*) FROM audit_log WHERE action = 'outbox.exhausted' AND target = 'PANEL PANEL:SUSPEND:77:1'",
                        Long.class))
                .isEqualTo(1);
        PANELS.heal();
    }

    @Test
    void aServicesPanelCallsKeepTheirOrderWhenTheFirstNeedsARetry() throws Exception {
        CALLS.clear();
        PANELS.breakUnder("/enhance");
        jdbc.update(
                "INSERT IGNORE INTO customer (id, name, email, country, billing_currency, status, created_at) VALUES (9, 'Eve', 'eve@example.com', 'US', 'USD', 'ACTIVE', NOW(6))");
        OutboxWriter writer = new OutboxWriter(outbox, clock);
        writer.panel("PANEL:SUSPEND:88:2", "SUSPEND", 9, 88, null, "ENHANCE", "sub-88");
        assertThat(processor.processDue().toString()).isEqualTo("0 done, 1 to retry, 0 exhausted");
        // paid meanwhile: the unsuspension is decided while the suspension still waits for its retry
        writer.panel("PANEL:UNSUSPEND:88:1", "UNSUSPEND", 9, 88, null, "ENHANCE", "sub-88");
        assertThat(processor.processDue().toString())
                .as("the unsuspension waits behind the suspension")
                .isEqualTo("0 done, 0 to retry, 0 exhausted");
        PANELS.heal();
        clock.advance(Duration.ofMinutes(1));
        assertThat(processor.processDue().toString()).isEqualTo("2 done, 0 to retry, 0 exhausted");
        assertThat(CALLS.stream().map(PanelStub.Call::body).toList())
                .as("the panel ends unsuspended: suspend (failed), suspend, unsuspend")
                .containsExactly("{\"isSuspended\":true}", "{\"isSuspended\":true}", "{\"isSuspended\":false}");
    }

    @Test
    void aCustomersWebhookGetsEachEventSignedOnceAFailingReceiverIsRetriedThenMarkedFailed() throws Exception {
        jdbc.update(
                "INSERT INTO customer (id, name, email, country, billing_currency, status, created_at) VALUES (5, 'Hook Co', 'ops@hook.example', 'US', 'USD', 'ACTIVE', NOW(6))");
        List<RecordedRequest> received = new CopyOnWriteArrayList<>();
        AtomicInteger answer = new AtomicInteger(200);
        try (MockWebServer receiver = new MockWebServer()) {
            receiver.setDispatcher(new Dispatcher() {
                @Override
                public MockResponse dispatch(RecordedRequest request) {
                    received.add(request);
                    return new MockResponse.Builder()
                            .code(answer.get())
                            .body("ok")
                            .build();
                }
            });
            receiver.start();
            Webhooks.Created hook = webhooks.register(
                    5, receiver.url("/hooks/billing").toString(), List.of("invoice.paid", "service.suspended"), "test");

            // a suspension decided (its panel call queued) is also the customer's event
            PANELS.heal();
            writer.panel("PANEL:SUSPEND:55:1", "SUSPEND", 5, 55, null, "VIRTFUSION", "55");
            writer.webhook(5, "invoice.overdue", "EMAIL:OVERDUE:1", Map.of("invoice", "INV-1"));
            writer.webhook(5, "invoice.paid", "EMAIL:RECEIPT:pi_1", Map.of("invoice", "INV-1"));
            writer.webhook(5, "invoice.paid", "EMAIL:RECEIPT:pi_1", Map.of("invoice", "INV-1")); // a rerun
            processor.processDue();
            assertThat(received)
                    .as("the overdue event is not one the hook takes")
                    .hasSize(2);
            for (RecordedRequest r : received) {
                String body = r.getBody().utf8();
                String signature = r.getHeaders().get("EZSCALE-Signature");
                String t = signature.replaceAll("t=(\\d+),v1=.*", "$1");
                assertThat(signature)
                        .as("HMAC-SHA256 of t.body with the hook's secret")
                        .isEqualTo("t=" + t + ",v1=" + WebhookSender.sign(hook.secret(), t + "." + body));
                assertThat(body).contains("\"id\":\"" + r.getHeaders().get("EZSCALE-Event-Id") + "\"");
                assertThat(r.getHeaders().get("Content-Type")).isEqualTo("application/json");
            }
            assertThat(received.stream().map(r -> r.getHeaders().get("EZSCALE-Event-Type")))
                    .containsExactlyInAnyOrder("service.suspended", "invoice.paid");
            assertThat(received.get(0).getBody().utf8()).contains("\"data\":{");

            // the receiver fails: retried on the backoff (3 attempts here), then failed, with no admin alert
            answer.set(500);
            writer.webhook(5, "invoice.paid", "EMAIL:RECEIPT:pi_2", Map.of("invoice", "INV-2"));
            processor.processDue();
            long failing = webhookRows.selectDeliveries(5, null, 10).get(0).id();
            for (int i = 0; i < 5; i++) {
                clock.advance(Duration.ofHours(3));
                processor.processDue();
            }
            assertThat(webhookRows.selectDeliveries(5, null, 10).get(0))
                    .extracting(WebhookDelivery::id, WebhookDelivery::status, WebhookDelivery::attempts)
                    .containsExactly(failing, "EXHAUSTED", 3);
            assertThat(webhookRows.selectDeliveries(5, null, 10).get(0).lastError())
                    .startsWith("HTTP 500 from");
            assertThat(jdbc.queryForObject(
                            "SELECT COUNT(*) FROM outbox WHERE channel = 'ALERT' AND payload LIKE '%pi_2%'",
                            Long.class))
                    .isZero();
            // replayed by the customer once the receiver is fixed
            answer.set(202);
            webhooks.replay(5, failing, "customer:ops@hook.example");
            processor.processDue();
            assertThat(webhookRows.selectDeliveries(5, null, 10).get(0))
                    .extracting(d -> d.status() + " " + d.lastError())
                    .isEqualTo("DONE null");

            // a hook whose host is (now) a private address is refused before anything is sent
            int before = received.size();
            WebhookSender strict = new WebhookSender(webhookRows, new WebhookProperties(true, false, 5), clock);
            assertThatThrownBy(() -> strict.deliver(hook.endpoint().id(), "invoice.paid", "evt_x", "{}"))
                    .hasMessageContaining("a private or local address");
            assertThat(received).hasSize(before);

            // the sender connects to the addresses its own resolution checked: a name the test's DNS
            // points at the receiver reaches it (private addresses allowed here) ...
            jdbc.update(
                    "UPDATE webhook_endpoint SET url = ? WHERE id = ?",
                    "http://hooks.rebind.test:" + receiver.getPort() + "/hooks/billing",
                    hook.endpoint().id());
            InetAddress loopback = InetAddress.getByName("127.0.0.1");
            new WebhookSender(webhookRows, new WebhookProperties(true, true, 5), clock, host ->
                            new InetAddress[] {loopback})
                    .deliver(hook.endpoint().id(), "invoice.paid", "evt_named", "{}");
            assertThat(received).hasSize(before + 1);
            assertThat(received.get(before).getHeaders().get("Host")).startsWith("hooks.rebind.test:");
            // ... and a name that answers a public address to the check, then the receiver's loopback
            // address to the connection (DNS rebinding), reaches nothing
            AtomicInteger lookups = new AtomicInteger();
            WebhookSender rebound = new WebhookSender(
                    webhookRows, new WebhookProperties(true, false, 5), clock, host -> new InetAddress[] {
                        lookups.getAndIncrement() == 0 ? InetAddress.getByName("203.0.113.10") : loopback
                    });
            assertThatThrownBy(() -> rebound.deliver(hook.endpoint().id(), "invoice.paid", "evt_rebound", "{}"))
                    .hasMessageContaining(
                            "refused: url: hooks.rebind.test resolves to 127.0.0.1, a private or local address");
            assertThat(lookups).as("checked, then resolved again to connect").hasValue(2);
            assertThat(received).hasSize(before + 1);
        } finally {
            // nothing of this test is left for the others' counts
            jdbc.update("UPDATE webhook_endpoint SET enabled = FALSE WHERE customer_id = 5");
            jdbc.update(
                    "UPDATE outbox SET status = 'CANCELLED' WHERE status = 'PENDING' AND (customer_id = 5 OR subscription_id = 55)");
        }
    }
}
