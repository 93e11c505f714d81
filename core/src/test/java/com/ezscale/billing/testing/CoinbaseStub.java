package com.ezscale.billing.testing;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Answers as Coinbase Commerce's API does for what billing uses: {@code POST /charges} (API key in
 * {@code X-CC-Api-Key}, version in {@code X-CC-Version}; a fixed-price charge answered with its code,
 * hosted page and an expiry an hour ahead), 401 for a wrong key; and builds the webhook events
 * Coinbase sends about a charge (pending, confirmed with payments in the charge's local currency,
 * failed when underpaid).
 */
public final class CoinbaseStub extends LocalStub {

    public static final String API_KEY = "cc-key";
    public static final String WEBHOOK_SECRET = "cc-webhook-secret";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** A charge made: its code, the amount and currency asked, the invoice its metadata names. */
    public record Charge(String code, String amount, String currency, String invoiceNumber) {}

    public final List<Charge> charges = new CopyOnWriteArrayList<>();
    private final AtomicInteger ids = new AtomicInteger();

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        if (!API_KEY.equals(request.getHeaders().get("X-CC-Api-Key"))) {
            return json(401, "{\"error\":{\"type\":\"authorization_error\",\"message\":\"No such API key.\"}}");
        }
        if (!"2018-03-22".equals(request.getHeaders().get("X-CC-Version"))) {
            return json(400, "{\"error\":{\"type\":\"invalid_request\",\"message\":\"Missing X-CC-Version\"}}");
        }
        if ("POST".equals(request.getMethod()) && request.getUrl().encodedPath().equals("/charges")) {
            JsonNode body = JSON.readTree(request.getBody().utf8());
            String code = String.format("CB%06d", ids.incrementAndGet());
            Charge charge = new Charge(
                    code,
                    body.path("local_price").path("amount").asString(),
                    body.path("local_price").path("currency").asString(),
                    body.path("metadata").path("invoice_number").asString());
            charges.add(charge);
            Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
            ObjectNode data = charge(charge, "NEW");
            data.put("hosted_url", apiBase() + "/charges/" + code)
                    .put("created_at", now.toString())
                    .put("expires_at", now.plusSeconds(3600).toString())
                    .put("pricing_type", "fixed_price");
            data.set("metadata", body.path("metadata"));
            ObjectNode answer = JSON.createObjectNode();
            answer.set("data", data);
            return json(201, answer.toString());
        }
        return json(404, "{\"error\":{\"type\":\"not_found\",\"message\":\"Not found\"}}");
    }

    private static ObjectNode charge(Charge c, String status) {
        ObjectNode data = JSON.createObjectNode().put("id", "uuid-" + c.code()).put("code", c.code());
        data.putObject("pricing").putObject("local").put("amount", c.amount()).put("currency", c.currency());
        data.putArray("timeline")
                .addObject()
                .put("status", status)
                .put("time", Instant.now().toString());
        data.putArray("payments");
        return data;
    }

    /**
     * The event Coinbase sends about charge {@code code} of {@code amount} {@code currency}, created at
     * {@code at}: its type ("charge:confirmed", ...) and the local value of each confirmed payment.
     */
    public static String event(String eventId, String type, String code, String currency, Instant at, String... paid) {
        ObjectNode data = charge(
                new Charge(code, "0", currency, null),
                type.substring("charge:".length()).toUpperCase());
        for (String amount : paid) {
            ObjectNode p = ((tools.jackson.databind.node.ArrayNode) data.get("payments")).addObject();
            p.put("network", "ethereum")
                    .put("transaction_id", "0x" + code + amount)
                    .put("status", "CONFIRMED");
            ObjectNode value = p.putObject("value");
            value.putObject("local").put("amount", amount).put("currency", currency);
            value.putObject("crypto").put("amount", "0.01").put("currency", "ETH");
        }
        ObjectNode event = JSON.createObjectNode()
                .put("id", eventId)
                .put("resource", "event")
                .put("type", type)
                .put("api_version", "2018-03-22")
                .put("created_at", at.toString());
        event.set("data", data);
        ObjectNode body = JSON.createObjectNode().put("id", 1).put("scheduled_for", at.toString());
        body.set("event", event);
        return body.toString();
    }

    private static MockResponse json(int code, String body) {
        return new MockResponse.Builder()
                .code(code)
                .addHeader("Content-Type", "application/json")
                .body(body)
                .build();
    }
}
