package com.ezscale.billing.jobs.outbox;

import com.ezscale.billing.account.db.WebhookEndpoint;
import com.ezscale.billing.account.db.WebhookMapper;
import com.ezscale.billing.app.account.WebhookProperties;
import com.ezscale.billing.app.account.WebhookUrls;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.stereotype.Component;

/**
 * Delivers one event to one customer webhook: the URL checked again (it must still resolve to public
 * addresses), then {@code POST} of the event's JSON with {@code EZSCALE-Signature: t=<unix
 * seconds>,v1=<hex HMAC-SHA256 of "t.body" with the endpoint's secret>}, {@code EZSCALE-Event-Id}
 * and {@code EZSCALE-Event-Type}. Anything but a 2xx answer (or no answer in time) is a failure the
 * outbox retries on its backoff, then marks exhausted. Redirects are not followed.
 */
@Component
public class WebhookSender {

    private final WebhookMapper webhooks;
    private final WebhookProperties properties;
    private final Clock clock;
    private final HttpClient http;

    public WebhookSender(WebhookMapper webhooks, WebhookProperties properties, Clock clock) {
        this.webhooks = webhooks;
        this.properties = properties;
        this.clock = clock;
        this.http = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(properties.timeoutSeconds()))
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    public void deliver(long endpointId, String type, String eventId, String body) {
        WebhookEndpoint endpoint = webhooks.selectEndpoint(endpointId);
        if (endpoint == null || !endpoint.enabled()) {
            throw new IllegalStateException("webhook " + endpointId + " is turned off");
        }
        URI uri;
        try {
            uri = WebhookUrls.check(endpoint.url(), properties);
        } catch (RuntimeException e) {
            throw new IllegalStateException("refused: " + e.getMessage());
        }
        long t = clock.instant().getEpochSecond();
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(Duration.ofSeconds(properties.timeoutSeconds()))
                .header("Content-Type", "application/json")
                .header("User-Agent", "EZSCALE-Billing-Webhooks/1")
                .header("EZSCALE-Event-Id", eventId)
                .header("EZSCALE-Event-Type", type)
                .header("EZSCALE-Signature", "t=" + t + ",v1=" + sign(endpoint.secret(), t + "." + body))
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException("no answer from " + uri.getHost() + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
        if (response.statusCode() / 100 != 2) {
            String answer = response.body() == null ? "" : response.body();
            throw new IllegalStateException("HTTP " + response.statusCode() + " from " + uri.getHost() + ": "
                    + (answer.length() > 200 ? answer.substring(0, 200) : answer));
        }
    }

    /** HMAC-SHA256 of {@code signed} with {@code secret}, in hex: what a receiver recomputes. */
    public static String sign(String secret, String signed) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(signed.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
