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
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

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
}
