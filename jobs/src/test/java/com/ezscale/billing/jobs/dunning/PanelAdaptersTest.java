package com.ezscale.billing.jobs.dunning;

import static org.assertj.core.api.Assertions.assertThat;

import com.ezscale.billing.app.outbox.OutboxWriter;
import com.ezscale.billing.app.panel.PanelAction;
import com.ezscale.billing.app.panel.Panels;
import com.ezscale.billing.jobs.outbox.OutboxProcessor;
import com.ezscale.billing.jobs.testing.MutableClock;
import com.ezscale.billing.outbox.db.OutboxMapper;
import com.ezscale.billing.testing.DatabaseTest;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import java.time.Duration;
import java.util.List;
import mockwebserver3.MockWebServer;
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
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM audit_log WHERE action = 'outbox.exhausted'", Long.class))
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
}
