package com.ezscale.billing.portal.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.ezscale.billing.testing.DatabaseTest;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The portal over real HTTP (its Tomcat, no mock): request bodies are capped before anything reads
 * them, a CSRF failure is a 403 (not the 401 of the error page's anonymous dispatch), and every
 * response carries the Content-Security-Policy and Referrer-Policy headers.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "ezscale.embedded-db.enabled=false",
            "ezscale.stripe.webhook-secret=whsec_test",
            "ezscale.portal.max-request-body=64KB"
        })
class PortalHttpTest extends DatabaseTest {

    @LocalServerPort
    int port;

    @LocalManagementPort
    int managementPort;

    @Autowired
    JdbcTemplate jdbc;

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest.Builder at(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
    }

    @Test
    void aWriteWithoutACsrfTokenIsForbiddenNotUnauthorized() throws Exception {
        assertThat(send(at("/login")
                                .header("Content-Type", "application/x-www-form-urlencoded")
                                .POST(HttpRequest.BodyPublishers.ofString("username=fiona&password=whatever")))
                        .statusCode())
                .as("a login form posted without its token")
                .isEqualTo(403);
        assertThat(send(at("/api/finance/invoice-summary").POST(HttpRequest.BodyPublishers.noBody()))
                        .statusCode())
                .isEqualTo(403);
        assertThat(send(at("/api/finance/invoice-summary").GET()).statusCode())
                .as("no login")
                .isEqualTo(401);
    }

    @Test
    void everyResponseCarriesTheContentSecurityAndReferrerPolicies() throws Exception {
        for (HttpResponse<String> response : new HttpResponse[] {
            send(at("/login").GET()), send(at("/api/finance/invoice-summary").GET())
        }) {
            assertThat(response.headers().firstValue("Content-Security-Policy"))
                    .hasValueSatisfying(csp -> assertThat(csp)
                            .contains("default-src 'self'")
                            .contains("script-src 'self'")
                            .contains("frame-ancestors 'none'")
                            .doesNotContain("unsafe-inline"));
            assertThat(response.headers().firstValue("Referrer-Policy")).contains("same-origin");
        }
    }

    @Test
    void anOversizedWebhookIsRefusedWith413BeforeItsBodyIsRead() throws Exception {
        // 60 MB announced, a few bytes sent: the answer comes without the rest being read
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(
                    ("POST /webhooks/stripe HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nStripe-Signature: t=1,v1=00\r\n"
                                    + "Content-Length: 62914560\r\n\r\n{\"id\":")
                            .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            String status = new String(in.readNBytes(12), StandardCharsets.US_ASCII);
            assertThat(status).isEqualTo("HTTP/1.1 413");
        }
        // sent chunked, without a length: read up to the cap, then refused
        byte[] big = new byte[64 * 1024 + 1];
        Arrays.fill(big, (byte) ' ');
        HttpResponse<String> chunked = send(at("/webhooks/stripe")
                .header("Stripe-Signature", "t=1,v1=00")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big))));
        assertThat(chunked.statusCode()).isEqualTo(413);
        assertThat(chunked.body()).contains("over the limit of 65536 bytes");
    }

    @Test
    void aBodyUnderTheCapReachesTheWebhookWithOrWithoutALength() throws Exception {
        String event = "{\"id\":\"evt_1\",\"object\":\"event\",\"type\":\"payment_intent.succeeded\"}";
        HttpResponse<String> sized = send(at("/webhooks/stripe")
                .header("Stripe-Signature", "t=1,v1=00")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(event)));
        assertThat(sized.statusCode()).isEqualTo(400);
        assertThat(sized.body()).contains("invalid signature");
        HttpResponse<String> chunked = send(at("/webhooks/stripe")
                .header("Stripe-Signature", "t=1,v1=00")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(
                        () -> new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)))));
        assertThat(chunked.statusCode()).isEqualTo(400);
        assertThat(chunked.body()).contains("invalid signature");
    }

    @Test
    void healthProbesAndTheScrapeAreOnTheManagementPortOnlyAndSayWhatTheOperatorWatches() throws Exception {
        jdbc.update("INSERT INTO customer (id, name, email, country, billing_currency, status, created_at)"
                + " VALUES (901, 'Ops Co', 'ops@example.com', 'US', 'USD', 'ACTIVE', NOW(6))");
        jdbc.update(
                "INSERT INTO outbox (dedupe_key, channel, action, customer_id, payload, status, attempts, next_attempt_at,"
                        + " created_at) VALUES ('OPS:1', 'EMAIL', 'reminder', 901, '{}', 'PENDING', 0, NOW(6), NOW(6)),"
                        + " ('OPS:2', 'PANEL', 'SUSPEND', 901, '{}', 'EXHAUSTED', 5, NOW(6), NOW(6)),"
                        + " ('OPS:3', 'EMAIL', 'overdue', 901, '{}', 'DONE', 1, NOW(6), NOW(6))");
        try {
            HttpRequest.Builder health =
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPort + "/actuator/health"));
            HttpResponse<String> all = send(health);
            assertThat(all.statusCode())
                    .as("no nightly has ever completed here: DOWN, 503")
                    .isEqualTo(503);
            JsonNode components =
                    JsonMapper.builder().build().readTree(all.body()).get("components");
            assertThat(components.at("/db/status").asString()).isEqualTo("UP");
            assertThat(components.at("/nightly/status").asString()).isEqualTo("DOWN");
            assertThat(components.at("/nightly/details/detail").asString()).startsWith("no nightly has run");
            assertThat(components.at("/outbox/status").asString()).isEqualTo("UP");
            assertThat(components.at("/outbox/details/pending.EMAIL").asLong()).isEqualTo(1);
            assertThat(components.at("/outbox/details/exhausted.PANEL").asLong())
                    .isEqualTo(1);
            assertThat(components.has("quartz"))
                    .as("the portal runs no scheduler")
                    .isFalse();
            for (String probe : new String[] {"liveness", "readiness"}) {
                HttpResponse<String> r = send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + managementPort + "/actuator/health/" + probe)));
                assertThat(r.statusCode())
                        .as(probe + ": a late nightly takes no node out of service")
                        .isEqualTo(200);
                assertThat(r.body()).contains("\"status\":\"UP\"");
            }
            HttpResponse<String> scrape = send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPort + "/actuator/prometheus")));
            assertThat(scrape.statusCode()).isEqualTo(200);
            assertThat(scrape.body())
                    .contains(
                            "ezscale_outbox_rows{application=\"ezscale-billing\",channel=\"PANEL\",status=\"EXHAUSTED\"} 1.0")
                    .contains("ezscale_nightly_healthy{application=\"ezscale-billing\"} 0.0")
                    .contains("hikaricp_connections");
            assertThat(send(at("/actuator/health")).statusCode())
                    .as("not on the public port")
                    .isIn(302, 401, 403, 404);
        } finally {
            jdbc.update("DELETE FROM outbox WHERE dedupe_key LIKE 'OPS:%'");
            jdbc.update("DELETE FROM customer WHERE id = 901");
        }
    }
}
