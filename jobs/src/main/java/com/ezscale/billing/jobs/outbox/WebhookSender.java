package com.ezscale.billing.jobs.outbox;

import com.ezscale.billing.account.db.WebhookEndpoint;
import com.ezscale.billing.account.db.WebhookMapper;
import com.ezscale.billing.app.account.WebhookProperties;
import com.ezscale.billing.app.account.WebhookUrls;
import com.ezscale.billing.rules.BillingRuleViolation;
import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.util.Timeout;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Delivers one event to one customer webhook: the URL checked again (it must still resolve to public
 * addresses), then {@code POST} of the event's JSON with {@code EZSCALE-Signature: t=<unix
 * seconds>,v1=<hex HMAC-SHA256 of "t.body" with the endpoint's secret>}, {@code EZSCALE-Event-Id}
 * and {@code EZSCALE-Event-Type}. The connection is made to the addresses the client's own DNS
 * resolver checked when it connected (Apache HttpClient's {@link DnsResolver}), never to a second,
 * unchecked answer: a name re-pointed at a private address between check and connection (DNS
 * rebinding) is refused. Anything but a 2xx answer (or no answer in time) is a failure the outbox
 * retries on its backoff, then marks exhausted. Redirects are not followed, proxies not used.
 */
@Component
public class WebhookSender {

    private final WebhookMapper webhooks;
    private final WebhookProperties properties;
    private final Clock clock;
    private final WebhookUrls.Resolver dns;
    private final CloseableHttpClient http;

    @Autowired
    public WebhookSender(WebhookMapper webhooks, WebhookProperties properties, Clock clock) {
        this(webhooks, properties, clock, WebhookUrls.SYSTEM);
    }

    /** With {@code dns} answering for host names (a test's resolver). */
    public WebhookSender(WebhookMapper webhooks, WebhookProperties properties, Clock clock, WebhookUrls.Resolver dns) {
        this.webhooks = webhooks;
        this.properties = properties;
        this.clock = clock;
        this.dns = dns;
        Timeout timeout = Timeout.ofSeconds(properties.timeoutSeconds());
        this.http = HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setDnsResolver(new CheckedResolver())
                        .setDefaultConnectionConfig(ConnectionConfig.custom()
                                .setConnectTimeout(timeout)
                                .setSocketTimeout(timeout)
                                .build())
                        .setMaxConnTotal(20)
                        .setMaxConnPerRoute(2)
                        .build())
                .setDefaultRequestConfig(
                        RequestConfig.custom().setResponseTimeout(timeout).build())
                .disableRedirectHandling()
                .disableAutomaticRetries()
                .disableCookieManagement()
                .setUserAgent("EZSCALE-Billing-Webhooks/1")
                .build();
    }

    /** Resolves with {@link #dns} and lets through only addresses the webhook rules allow. */
    private final class CheckedResolver implements DnsResolver {
        @Override
        public InetAddress[] resolve(String host) throws UnknownHostException {
            try {
                return WebhookUrls.addresses(host, properties, dns);
            } catch (BillingRuleViolation e) {
                throw new Refused(e.getMessage());
            }
        }

        @Override
        public String resolveCanonicalHostname(String host) {
            return host;
        }
    }

    /** A connection refused by the address check made when connecting. */
    private static final class Refused extends UnknownHostException {
        Refused(String message) {
            super(message);
        }
    }

    private record Answer(int status, String body) {}

    public void deliver(long endpointId, String type, String eventId, String body) {
        WebhookEndpoint endpoint = webhooks.selectEndpoint(endpointId);
        if (endpoint == null || !endpoint.enabled()) {
            throw new IllegalStateException("webhook " + endpointId + " is turned off");
        }
        URI uri;
        try {
            uri = WebhookUrls.check(endpoint.url(), properties, dns);
        } catch (RuntimeException e) {
            throw new IllegalStateException("refused: " + e.getMessage());
        }
        long t = clock.instant().getEpochSecond();
        HttpPost post = new HttpPost(uri);
        post.setHeader("EZSCALE-Event-Id", eventId);
        post.setHeader("EZSCALE-Event-Type", type);
        post.setHeader("EZSCALE-Signature", "t=" + t + ",v1=" + sign(endpoint.secret(), t + "." + body));
        // JSON is UTF-8 by definition (RFC 8259): no charset parameter
        post.setEntity(
                new ByteArrayEntity(body.getBytes(StandardCharsets.UTF_8), ContentType.create("application/json")));
        Answer answer;
        try {
            answer = http.execute(post, response -> {
                String text = response.getEntity() == null
                        ? ""
                        : EntityUtils.toString(response.getEntity(), StandardCharsets.UTF_8);
                return new Answer(response.getCode(), text);
            });
        } catch (Refused e) {
            throw new IllegalStateException("refused: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new IllegalStateException("no answer from " + uri.getHost() + ": " + e.getMessage(), e);
        }
        if (answer.status() / 100 != 2) {
            String text = answer.body();
            throw new IllegalStateException("HTTP " + answer.status() + " from " + uri.getHost() + ": "
                    + (text.length() > 200 ? text.substring(0, 200) : text));
        }
    }

    @PreDestroy
    void close() throws IOException {
        http.close();
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
