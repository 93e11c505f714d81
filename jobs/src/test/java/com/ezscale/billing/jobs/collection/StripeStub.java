package com.ezscale.billing.jobs.collection;

import com.ezscale.billing.testing.LocalStub;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

/**
 * Answers as Stripe's API does for what collection uses: {@code POST /v1/payment_intents}
 * (form-encoded, off-session confirm) by test payment method — {@code pm_card_visa} succeeds,
 * {@code pm_card_chargeDeclined} is a 402 card_error with decline_code, {@code
 * pm_card_authenticationRequired} a 402 authentication_required — with Stripe's idempotency: the
 * same Idempotency-Key replays the first answer (header Idempotent-Replayed) and never charges
 * again; {@code GET /v1/payment_intents/search} by metadata; {@code POST /v1/refunds}. Faults on
 * demand: 500s before the charge, a charge whose answer never arrives (the client times out), a
 * hook run after a charge is recorded and before it is answered (to kill the caller there), and a
 * requests-per-second limit answered with 429 as Stripe does.
 */
public final class StripeStub extends LocalStub {

    public record Charge(
            String id,
            String idempotencyKey,
            long amount,
            String currency,
            String customer,
            Map<String, String> metadata) {}

    private record Stored(int code, String body) {}

    public final List<Charge> charges = new CopyOnWriteArrayList<>();
    public final List<String> refunds = new CopyOnWriteArrayList<>();
    public final AtomicInteger requests = new AtomicInteger();
    public final AtomicInteger rateLimited = new AtomicInteger();
    private final Map<String, Stored> idempotent = new ConcurrentHashMap<>();
    private final AtomicInteger ids = new AtomicInteger();
    private final AtomicInteger fail500 = new AtomicInteger();
    private final AtomicInteger hang = new AtomicInteger();
    private volatile Consumer<Charge> afterCharge = c -> {};

    /** The API base stripe-java is pointed at. */
    public static String apiBase(MockWebServer server) {
        return server.url("/").toString().replaceAll("/$", "");
    }

    public void failNext(int n) {
        fail500.set(n);
    }

    /** The next n answers to a charge (replays included) are held back past the client's timeout (the charge itself is made). */
    public void hangNext(int n) {
        hang.set(n);
    }

    public void afterCharge(Consumer<Charge> hook) {
        afterCharge = hook;
    }

    public long succeeded() {
        return charges.size();
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        requests.incrementAndGet();
        if (overLimit()) {
            rateLimited.incrementAndGet();
            return json(
                    429,
                    "{\"error\":{\"type\":\"invalid_request_error\",\"code\":\"rate_limit\",\"message\":\"Too many requests\"}}");
        }
        String path = request.getUrl().encodedPath();
        if (!"Bearer sk_test_stub".equals(request.getHeaders().get("Authorization"))) {
            return json(
                    401, "{\"error\":{\"type\":\"invalid_request_error\",\"message\":\"Invalid API Key provided\"}}");
        }
        if ("POST".equals(request.getMethod()) && path.equals("/v1/payment_intents")) {
            return createPaymentIntent(request);
        }
        if ("GET".equals(request.getMethod()) && path.equals("/v1/payment_intents/search")) {
            String query = URLDecoder.decode(request.getUrl().queryParameter("query"), StandardCharsets.UTF_8);
            String key = query.replaceAll(".*metadata\\['attempt_key'\\]:'([^']*)'.*", "$1");
            StringBuilder data = new StringBuilder();
            for (Charge c : charges) {
                if (key.equals(c.metadata().get("attempt_key"))) {
                    data.append(data.isEmpty() ? "" : ",").append(paymentIntent(c, "succeeded"));
                }
            }
            return json(
                    200,
                    "{\"object\":\"search_result\",\"url\":\"/v1/payment_intents/search\",\"has_more\":false,\"data\":["
                            + data + "]}");
        }
        if ("POST".equals(request.getMethod()) && path.equals("/v1/refunds")) {
            Map<String, String> form =
                    form(request.getBody() == null ? "" : request.getBody().utf8());
            String key = request.getHeaders().get("Idempotency-Key");
            Stored stored = idempotent.computeIfAbsent("refund:" + key, k -> {
                String id = "re_" + ids.incrementAndGet();
                refunds.add(form.get("payment_intent") + " " + form.get("amount"));
                return new Stored(
                        200,
                        "{\"id\":\"" + id + "\",\"object\":\"refund\",\"amount\":" + form.get("amount")
                                + ",\"payment_intent\":\"" + form.get("payment_intent")
                                + "\",\"status\":\"succeeded\"}");
            });
            return json(stored.code(), stored.body());
        }
        return json(
                404,
                "{\"error\":{\"type\":\"invalid_request_error\",\"message\":\"Unrecognized request URL ("
                        + request.getMethod() + ": " + path + ")\"}}");
    }

    private MockResponse createPaymentIntent(RecordedRequest request) {
        String key = request.getHeaders().get("Idempotency-Key");
        boolean hangThis = hang.getAndUpdate(n -> Math.max(0, n - 1)) > 0;
        Stored replay = key == null ? null : idempotent.get(key);
        if (replay != null) {
            MockResponse.Builder replayed = new MockResponse.Builder()
                    .code(replay.code())
                    .addHeader("Content-Type", "application/json")
                    .addHeader("Idempotent-Replayed", "true")
                    .body(replay.body());
            return hangThis ? replayed.headersDelay(5, TimeUnit.SECONDS).build() : replayed.build();
        }
        if (fail500.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            return json(500, "{\"error\":{\"type\":\"api_error\",\"message\":\"An unknown error occurred\"}}");
        }
        Map<String, String> form =
                form(request.getBody() == null ? "" : request.getBody().utf8());
        Map<String, String> metadata = new LinkedHashMap<>();
        form.forEach((k, v) -> {
            if (k.startsWith("metadata[")) {
                metadata.put(k.substring(9, k.length() - 1), v);
            }
        });
        String pm = form.get("payment_method");
        String id = "pi_" + ids.incrementAndGet();
        Charge charge = new Charge(
                id, key, Long.parseLong(form.get("amount")), form.get("currency"), form.get("customer"), metadata);
        Stored stored;
        switch (pm) {
            case "pm_card_chargeDeclined" ->
                stored = new Stored(
                        402,
                        "{\"error\":{\"type\":\"card_error\",\"code\":\"card_declined\","
                                + "\"decline_code\":\"insufficient_funds\",\"message\":\"Your card has insufficient funds.\",\"payment_intent\":"
                                + paymentIntent(charge, "requires_payment_method") + "}}");
            case "pm_card_authenticationRequired" ->
                stored = new Stored(
                        402,
                        "{\"error\":{\"type\":\"card_error\",\"code\":\"authentication_required\","
                                + "\"message\":\"This payment requires authentication.\",\"payment_intent\":"
                                + paymentIntent(charge, "requires_payment_method") + "}}");
            default -> {
                charges.add(charge);
                stored = new Stored(200, paymentIntent(charge, "succeeded"));
            }
        }
        if (key != null) {
            idempotent.put(key, stored);
        }
        afterCharge.accept(charge);
        if (hangThis) {
            return new MockResponse.Builder()
                    .code(stored.code())
                    .addHeader("Content-Type", "application/json")
                    .body(stored.body())
                    .headersDelay(5, TimeUnit.SECONDS)
                    .build();
        }
        return json(stored.code(), stored.body());
    }

    private static String paymentIntent(Charge c, String status) {
        StringBuilder metadata = new StringBuilder();
        c.metadata()
                .forEach((k, v) -> metadata.append(metadata.isEmpty() ? "" : ",")
                        .append('"')
                        .append(k)
                        .append("\":\"")
                        .append(v)
                        .append('"'));
        // a charge that went through carries its balance transaction (expanded, as collect asks): Stripe's fee, 2.9 % +
        // 30
        String charge = !"succeeded".equals(status)
                ? ""
                : ",\"latest_charge\":{\"id\":\"ch_" + c.id().substring(3) + "\",\"object\":\"charge\",\"amount\":"
                        + c.amount() + ",\"currency\":\"" + c.currency() + "\",\"balance_transaction\":{\"id\":\"txn_"
                        + c.id().substring(3) + "\",\"object\":\"balance_transaction\",\"amount\":" + c.amount()
                        + ",\"currency\":\"" + c.currency() + "\",\"fee\":" + fee(c.amount()) + ",\"net\":"
                        + (c.amount() - fee(c.amount())) + "}}";
        return "{\"id\":\"" + c.id() + "\",\"object\":\"payment_intent\",\"amount\":" + c.amount() + ",\"currency\":\""
                + c.currency() + "\",\"customer\":\"" + c.customer() + "\",\"status\":\"" + status
                + "\",\"livemode\":false" + charge + ",\"metadata\":{" + metadata + "}}";
    }

    /** Stripe's standard fee on a charge, in minor units: 2.9 % + 30, rounded half up. */
    public static long fee(long amount) {
        return (amount * 29 + 500) / 1000 + 30;
    }

    private static Map<String, String> form(String body) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                out.put(
                        URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    private static MockResponse json(int code, String body) {
        return new MockResponse.Builder()
                .code(code)
                .addHeader("Content-Type", "application/json")
                .addHeader("Request-Id", "req_stub")
                .body(body)
                .build();
    }
}
