package com.ezscale.billing.portal.testing;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

/**
 * Answers as Stripe's API does for Checkout: {@code POST /v1/checkout/sessions} (form-encoded, key
 * {@code sk_test_stub}) returns a session with its hosted page's URL; the same Idempotency-Key
 * replays the first session (header Idempotent-Replayed) and opens no second one.
 */
public final class StripeCheckoutStub extends Dispatcher {

    /** A session opened: its id, the key it was asked with, and the form it was asked with. */
    public record Session(String id, String idempotencyKey, Map<String, String> form) {}

    public final List<Session> sessions = new CopyOnWriteArrayList<>();
    private final Map<String, String> replies = new ConcurrentHashMap<>();
    private final AtomicInteger ids = new AtomicInteger();

    public MockWebServer start() {
        MockWebServer server = new MockWebServer();
        server.setDispatcher(this);
        try {
            server.start();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return server;
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        if (!"Bearer sk_test_stub".equals(request.getHeaders().get("Authorization"))) {
            return json(
                    401, "{\"error\":{\"type\":\"invalid_request_error\",\"message\":\"Invalid API Key provided\"}}");
        }
        String path = request.getUrl().encodedPath();
        if (!"POST".equals(request.getMethod()) || !path.equals("/v1/checkout/sessions")) {
            return json(
                    404,
                    "{\"error\":{\"type\":\"invalid_request_error\",\"message\":\"Unrecognized request URL ("
                            + request.getMethod() + ": " + path + ")\"}}");
        }
        String key = request.getHeaders().get("Idempotency-Key");
        String replay = key == null ? null : replies.get(key);
        if (replay != null) {
            return new MockResponse.Builder()
                    .code(200)
                    .addHeader("Content-Type", "application/json")
                    .addHeader("Idempotent-Replayed", "true")
                    .body(replay)
                    .build();
        }
        Map<String, String> form =
                form(request.getBody() == null ? "" : request.getBody().utf8());
        String id = "cs_test_" + ids.incrementAndGet();
        sessions.add(new Session(id, key, form));
        String body = "{\"id\":\"" + id + "\",\"object\":\"checkout.session\",\"mode\":\"payment\",\"status\":\"open\","
                + "\"client_reference_id\":\"" + form.get("client_reference_id")
                + "\",\"url\":\"https://checkout.stripe.com/c/pay/"
                + id + "\"}";
        if (key != null) {
            replies.put(key, body);
        }
        return json(200, body);
    }

    private static MockResponse json(int code, String body) {
        return new MockResponse.Builder()
                .code(code)
                .addHeader("Content-Type", "application/json")
                .body(body)
                .build();
    }

    private static Map<String, String> form(String body) {
        Map<String, String> form = new TreeMap<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                form.put(
                        URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return form;
    }
}
