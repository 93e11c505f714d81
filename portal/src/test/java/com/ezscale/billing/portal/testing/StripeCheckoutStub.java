package com.ezscale.billing.portal.testing;

import com.ezscale.billing.testing.LocalStub;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;

/**
 * Answers as Stripe's API does for Checkout: {@code POST /v1/checkout/sessions} (form-encoded, key
 * {@code sk_test_stub}) returns a session with its hosted page's URL, in payment or setup mode;
 * {@code POST /v1/customers} creates a customer; {@code GET /v1/payment_methods/{id}} describes a
 * card saved on a setup page (or given by {@link #addCard}) and {@code POST .../detach} detaches it.
 * The same Idempotency-Key replays the first answer (header Idempotent-Replayed) and creates
 * nothing new. Unknown objects are 404 {@code resource_missing}, as Stripe answers.
 */
public final class StripeCheckoutStub extends LocalStub {

    /** A session opened: its id, the key it was asked with, and the form it was asked with. */
    public record Session(String id, String idempotencyKey, Map<String, String> form) {}

    public final List<Session> sessions = new CopyOnWriteArrayList<>();
    /** Customers created: the form each was created with, by id. */
    public final Map<String, Map<String, String>> customers = new ConcurrentHashMap<>();
    /** Payment methods detached, in order. */
    public final List<String> detached = new CopyOnWriteArrayList<>();

    private final Map<String, String> cards = new ConcurrentHashMap<>();
    /** Where the hosted page lives: Stripe's own origin, or this stub's (a browser test pays on the stub's page). */
    private volatile String pageBase = "https://checkout.stripe.com/c/pay/";

    private volatile String webhookUrl;
    private volatile String webhookSecret;
    private final AtomicInteger events = new AtomicInteger();
    private final Map<String, String> replies = new ConcurrentHashMap<>();
    private final AtomicInteger ids = new AtomicInteger();

    /**
     * Serves the hosted page itself at {@code base}/checkout/{id}: its Pay button has Stripe send the
     * signed payment_intent.succeeded event to {@code webhookUrl}, as Stripe does, then sends the
     * browser to the session's success URL.
     */
    public void hostPages(String base, String webhookUrl, String webhookSecret) {
        this.pageBase = base.replaceAll("/$", "") + "/checkout/";
        this.webhookUrl = webhookUrl;
        this.webhookSecret = webhookSecret;
    }

    /** A card Stripe knows (as if saved on a setup page): what {@code GET /v1/payment_methods/{id}} answers. */
    public void addCard(String id, String brand, String last4, int expMonth, int expYear) {
        cards.put(
                id,
                "{\"id\":\"" + id + "\",\"object\":\"payment_method\",\"type\":\"card\",\"card\":{\"brand\":\""
                        + brand + "\",\"last4\":\"" + last4 + "\",\"exp_month\":" + expMonth + ",\"exp_year\":"
                        + expYear + "}}");
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        String at = request.getUrl().encodedPath();
        if (at.startsWith("/checkout/")) {
            return page(request, at.substring("/checkout/".length()));
        }
        if (!"Bearer sk_test_stub".equals(request.getHeaders().get("Authorization"))) {
            return json(
                    401, "{\"error\":{\"type\":\"invalid_request_error\",\"message\":\"Invalid API Key provided\"}}");
        }
        String path = request.getUrl().encodedPath();
        if (path.startsWith("/v1/payment_methods/")) {
            return paymentMethod(request, path.substring("/v1/payment_methods/".length()));
        }
        boolean customer = path.equals("/v1/customers");
        if (!"POST".equals(request.getMethod()) || !(customer || path.equals("/v1/checkout/sessions"))) {
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
        if (customer) {
            String id = "cus_stub_" + ids.incrementAndGet();
            customers.put(id, form);
            String body = "{\"id\":\"" + id + "\",\"object\":\"customer\",\"email\":\"" + form.get("email") + "\"}";
            if (key != null) {
                replies.put(key, body);
            }
            return json(200, body);
        }
        String id = "cs_test_" + ids.incrementAndGet();
        sessions.add(new Session(id, key, form));
        String body = "{\"id\":\"" + id + "\",\"object\":\"checkout.session\",\"mode\":\"" + form.get("mode")
                + "\",\"status\":\"open\","
                + "\"client_reference_id\":\"" + form.get("client_reference_id")
                + "\",\"url\":\"" + pageBase
                + id + "\"}";
        if (key != null) {
            replies.put(key, body);
        }
        return json(200, body);
    }

    private MockResponse paymentMethod(RecordedRequest request, String rest) {
        boolean detach = rest.endsWith("/detach");
        String id = detach ? rest.substring(0, rest.length() - "/detach".length()) : rest;
        String card = cards.get(id);
        if (card == null) {
            return json(
                    404,
                    "{\"error\":{\"type\":\"invalid_request_error\",\"code\":\"resource_missing\",\"message\":"
                            + "\"No such PaymentMethod: '" + id + "'\",\"param\":\"payment_method\"}}");
        }
        if (detach && "POST".equals(request.getMethod())) {
            detached.add(id);
        }
        return json(200, card);
    }

    /** The hosted page (GET) and its Pay button (POST). */
    private MockResponse page(RecordedRequest request, String rest) {
        boolean pay = rest.endsWith("/pay");
        String id = pay ? rest.substring(0, rest.length() - "/pay".length()) : rest;
        Session session =
                sessions.stream().filter(x -> x.id().equals(id)).findFirst().orElse(null);
        if (session == null) {
            return new MockResponse.Builder().code(404).body("no such session").build();
        }
        Map<String, String> f = session.form();
        if (!pay) {
            String amount = f.get("line_items[0][price_data][unit_amount]");
            String html =
                    "<!DOCTYPE html><html><head><title>Pay " + f.get("client_reference_id") + "</title></head><body>"
                            + "<h1 id=\"checkout\">Pay " + amount + " " + f.get("line_items[0][price_data][currency]")
                            + " (minor units)</h1><form method=\"post\" action=\"/checkout/" + id + "/pay\">"
                            + "<input id=\"card\" value=\"4242 4242 4242 4242\"><button id=\"pay\" type=\"submit\">Pay</button>"
                            + "</form></body></html>";
            return new MockResponse.Builder()
                    .code(200)
                    .addHeader("Content-Type", "text/html; charset=utf-8")
                    .body(html)
                    .build();
        }
        long t = System.currentTimeMillis() / 1000;
        String event = "{\"id\":\"evt_stub_" + events.incrementAndGet() + "\",\"object\":\"event\",\"api_version\":"
                + "\"2025-01-27.acacia\",\"created\":" + t
                + ",\"type\":\"payment_intent.succeeded\",\"livemode\":false,"
                + "\"pending_webhooks\":1,\"data\":{\"object\":{\"id\":\"pi_" + id + "\",\"object\":\"payment_intent\","
                + "\"amount\":" + f.get("line_items[0][price_data][unit_amount]") + ",\"currency\":\""
                + f.get("line_items[0][price_data][currency]")
                + "\",\"status\":\"succeeded\",\"metadata\":{\"attempt_key\":\""
                + f.get("payment_intent_data[metadata][attempt_key]") + "\"}}}}";
        try {
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(new javax.crypto.spec.SecretKeySpec(webhookSecret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            String v1 =
                    java.util.HexFormat.of().formatHex(mac.doFinal((t + "." + event).getBytes(StandardCharsets.UTF_8)));
            java.net.http.HttpResponse<String> answer = java.net.http.HttpClient.newHttpClient()
                    .send(
                            java.net.http.HttpRequest.newBuilder(java.net.URI.create(webhookUrl))
                                    .header("Content-Type", "application/json")
                                    .header("Stripe-Signature", "t=" + t + ",v1=" + v1)
                                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString(event))
                                    .build(),
                            java.net.http.HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() != 200) {
                return new MockResponse.Builder()
                        .code(500)
                        .body("the webhook answered " + answer.statusCode())
                        .build();
            }
        } catch (Exception e) {
            return new MockResponse.Builder()
                    .code(500)
                    .body("the webhook failed: " + e)
                    .build();
        }
        return new MockResponse.Builder()
                .code(303)
                .addHeader("Location", f.get("success_url"))
                .build();
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
