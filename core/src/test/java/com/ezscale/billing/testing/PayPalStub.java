package com.ezscale.billing.testing;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.zip.CRC32;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Answers as PayPal's REST API does for what billing uses, to PayPal's own server SDK: the OAuth
 * token ({@code POST /v1/oauth2/token}, basic auth); orders created with a vaulted wallet and
 * captured at once ({@code POST /v2/checkout/orders}) by vault id — one containing {@code declined}
 * is a 422 INSTRUMENT_DECLINED, {@code action} a 422 PAYER_ACTION_REQUIRED with a payer-action link,
 * {@code pending} a capture PENDING, a deleted token a 404 INVALID_RESOURCE_ID, anything else a
 * COMPLETED capture with PayPal's fee in its seller receivable breakdown — with PayPal's
 * idempotency: the same {@code PayPal-Request-Id} returns the first answer and never charges
 * again, and a second payment for an invoice id already paid is a 422 DUPLICATE_INVOICE_ID; refunds
 * of captures; Vault v3 setup tokens, their approval (the approve link's page, whose "Agree and
 * Continue" link redirects to the return URL as PayPal does), payment tokens, their deletion; and verify-webhook-signature, which
 * checks a transmission signed by {@link #sign}. Faults on demand: 500s before the order is made, an
 * answer that never arrives (the client times out), a hook run after a capture is made and before
 * it is answered (to kill the caller there), and a requests-per-second limit answered with 429
 * RATE_LIMIT_REACHED.
 */
public final class PayPalStub extends LocalStub {

    public static final String CLIENT_ID = "pp-client";
    public static final String CLIENT_SECRET = "pp-secret";
    public static final String WEBHOOK_ID = "WH-STUB-1";
    private static final String ACCESS_TOKEN = "A21AAstubtoken";
    private static final byte[] SIGNING_KEY = "paypal-stub-signing-key".getBytes(StandardCharsets.UTF_8);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** A capture made: its id, the order's, the request id and invoice id it came with, the amount and the wallet. */
    public record Capture(
            String id,
            String orderId,
            String requestId,
            String invoiceId,
            String value,
            String currency,
            String vaultId) {}

    private record Stored(int code, String body) {}

    public final List<Capture> captures = new CopyOnWriteArrayList<>();
    public final List<String> refunds = new CopyOnWriteArrayList<>();
    public final AtomicInteger requests = new AtomicInteger();
    public final AtomicInteger orderRequests = new AtomicInteger();
    public final AtomicInteger rateLimited = new AtomicInteger();
    private final Map<String, Stored> idempotent = new ConcurrentHashMap<>();
    private final Map<String, String> invoicePaid = new ConcurrentHashMap<>();
    private final Map<String, ObjectNode> orders = new ConcurrentHashMap<>();
    private final Map<String, String> setupReturn = new ConcurrentHashMap<>();
    private final Set<String> approved = ConcurrentHashMap.newKeySet();
    private final Set<String> deletedTokens = ConcurrentHashMap.newKeySet();
    private final AtomicInteger ids = new AtomicInteger();
    private final AtomicInteger fail500 = new AtomicInteger();
    private final AtomicInteger hang = new AtomicInteger();
    private volatile Consumer<Capture> afterCapture = c -> {};

    /** PayPal forgets the request ids it was sent (it keeps them for hours only): a resend is a new request. */
    public void forgetRequestIds() {
        idempotent.keySet().removeIf(k -> k.startsWith("order:"));
    }

    public void failNext(int n) {
        fail500.set(n);
    }

    /** The next n answers to an order (replays included) are held back past the client's timeout (the capture itself is made). */
    public void hangNext(int n) {
        hang.set(n);
    }

    public void afterCapture(Consumer<Capture> hook) {
        afterCapture = hook;
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        requests.incrementAndGet();
        String path = request.getUrl().encodedPath();
        String method = request.getMethod();
        if ("GET".equals(method) && path.equals("/agreements/approve")) {
            // PayPal's approval page: the customer logs in at PayPal and agrees
            String token = request.getUrl().queryParameter("approval_session_id");
            if (!setupReturn.containsKey(token)) {
                return json(404, error("RESOURCE_NOT_FOUND", "INVALID_RESOURCE_ID", "no such setup token"));
            }
            return new MockResponse.Builder()
                    .code(200)
                    .addHeader("Content-Type", "text/html; charset=utf-8")
                    .body(
                            "<!DOCTYPE html><html><head><title>PayPal</title></head><body><h1>Save PayPal for EZSCALE</h1>"
                                    + "<p>EZSCALE will charge this PayPal account for its invoices.</p>"
                                    + "<a id=\"approve\" href=\"/agreements/approve/confirm?approval_session_id="
                                    + token
                                    + "\">Agree and Continue</a></body></html>")
                    .build();
        }
        if ("GET".equals(method) && path.equals("/agreements/approve/confirm")) {
            // agreed: PayPal sends the browser back with the approval token
            String token = request.getUrl().queryParameter("approval_session_id");
            String back = setupReturn.get(token);
            if (back == null) {
                return json(404, error("RESOURCE_NOT_FOUND", "INVALID_RESOURCE_ID", "no such setup token"));
            }
            approved.add(token);
            return new MockResponse.Builder()
                    .code(302)
                    .addHeader(
                            "Location",
                            back + (back.contains("?") ? "&" : "?") + "approval_token_id=" + token
                                    + "&approval_session_id=" + token)
                    .build();
        }
        if (overLimit()) {
            rateLimited.incrementAndGet();
            return json(429, error("RATE_LIMIT_REACHED", "RATE_LIMIT_REACHED", "Too many requests."));
        }
        if ("POST".equals(method) && path.equals("/v1/oauth2/token")) {
            String basic = "Basic "
                    + Base64.getEncoder()
                            .encodeToString((CLIENT_ID + ":" + CLIENT_SECRET).getBytes(StandardCharsets.UTF_8));
            if (!basic.equals(request.getHeaders().get("Authorization"))) {
                return json(
                        401, "{\"error\":\"invalid_client\",\"error_description\":\"Client Authentication failed\"}");
            }
            return json(
                    200,
                    "{\"scope\":\"https://uri.paypal.com/services/payments/payment\",\"access_token\":\"" + ACCESS_TOKEN
                            + "\",\"token_type\":\"Bearer\",\"app_id\":\"APP-STUB\",\"expires_in\":32400,\"nonce\":\"n\"}");
        }
        if (!("Bearer " + ACCESS_TOKEN).equals(request.getHeaders().get("Authorization"))) {
            return json(401, error("AUTHENTICATION_FAILURE", "INVALID_TOKEN", "Authentication failed."));
        }
        try {
            if ("POST".equals(method) && path.equals("/v2/checkout/orders")) {
                return createOrder(request);
            }
            if ("GET".equals(method) && path.startsWith("/v2/checkout/orders/")) {
                ObjectNode order = orders.get(path.substring("/v2/checkout/orders/".length()));
                return order == null
                        ? json(404, error("RESOURCE_NOT_FOUND", "INVALID_RESOURCE_ID", "order not found"))
                        : json(200, order.toString());
            }
            if ("POST".equals(method) && path.matches("/v2/payments/captures/[^/]+/refund")) {
                return refund(request, path.split("/")[4]);
            }
            if ("POST".equals(method) && path.equals("/v3/vault/setup-tokens")) {
                return setupToken(request);
            }
            if ("POST".equals(method) && path.equals("/v3/vault/payment-tokens")) {
                return paymentToken(request);
            }
            if ("DELETE".equals(method) && path.startsWith("/v3/vault/payment-tokens/")) {
                deletedTokens.add(path.substring("/v3/vault/payment-tokens/".length()));
                return new MockResponse.Builder().code(204).build();
            }
            if ("POST".equals(method) && path.equals("/v1/notifications/verify-webhook-signature")) {
                JsonNode body = JSON.readTree(request.getBody().utf8());
                boolean ok = WEBHOOK_ID.equals(body.path("webhook_id").asString())
                        && signature(
                                        body.path("transmission_id").asString(),
                                        body.path("transmission_time").asString(),
                                        body.path("webhook_id").asString(),
                                        body.path("webhook_event").toString())
                                .equals(body.path("transmission_sig").asString());
                return json(200, "{\"verification_status\":\"" + (ok ? "SUCCESS" : "FAILURE") + "\"}");
            }
        } catch (RuntimeException e) {
            return json(400, error("INVALID_REQUEST", "MALFORMED_REQUEST_JSON", e.getMessage()));
        }
        return json(404, error("RESOURCE_NOT_FOUND", "INVALID_RESOURCE_ID", method + " " + path));
    }

    private MockResponse createOrder(RecordedRequest request) {
        orderRequests.incrementAndGet();
        String requestId = request.getHeaders().get("PayPal-Request-Id");
        boolean hangThis = hang.getAndUpdate(n -> Math.max(0, n - 1)) > 0;
        Stored replay = requestId == null ? null : idempotent.get("order:" + requestId);
        if (replay != null) {
            return answer(replay, hangThis);
        }
        if (fail500.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            return json(
                    500,
                    error("INTERNAL_SERVER_ERROR", "INTERNAL_SERVICE_ERROR", "An internal server error occurred."));
        }
        JsonNode body = JSON.readTree(request.getBody().utf8());
        JsonNode unit = body.path("purchase_units").path(0);
        String vaultId =
                body.path("payment_source").path("paypal").path("vault_id").asString();
        String invoiceId = unit.path("invoice_id").asString();
        String value = unit.path("amount").path("value").asString();
        String currency = unit.path("amount").path("currency_code").asString();
        String orderId = "ORDER-" + ids.incrementAndGet();
        Stored stored;
        synchronized (this) {
            if (vaultId.isEmpty() || deletedTokens.contains(vaultId)) {
                stored = new Stored(
                        404,
                        error("RESOURCE_NOT_FOUND", "INVALID_RESOURCE_ID", "The vault id " + vaultId + " is invalid."));
            } else if (vaultId.contains("declined")) {
                stored = new Stored(
                        422,
                        error(
                                "UNPROCESSABLE_ENTITY",
                                "INSTRUMENT_DECLINED",
                                "The instrument presented was either declined by the processor or bank, or it can't be used for this payment."));
            } else if (vaultId.contains("action")) {
                ObjectNode e = (ObjectNode) JSON.readTree(error(
                        "UNPROCESSABLE_ENTITY",
                        "PAYER_ACTION_REQUIRED",
                        "Payer needs to perform the following action."));
                e.putArray("links")
                        .addObject()
                        .put("href", apiBase() + "/checkoutnow?token=" + orderId)
                        .put("rel", "payer-action")
                        .put("method", "GET");
                stored = new Stored(422, e.toString());
            } else if (!invoiceId.isEmpty() && invoicePaid.containsKey(invoiceId)) {
                stored = new Stored(
                        422,
                        error(
                                "UNPROCESSABLE_ENTITY",
                                "DUPLICATE_INVOICE_ID",
                                "Duplicate Invoice ID detected. To avoid a potential duplicate transaction your account setting requires that Invoice Id be unique for each transaction."));
            } else {
                String status = vaultId.contains("pending") ? "PENDING" : "COMPLETED";
                Capture capture = new Capture(
                        "CAPTURE-" + ids.incrementAndGet(), orderId, requestId, invoiceId, value, currency, vaultId);
                ObjectNode order = order(orderId, unit, capture, status);
                orders.put(orderId, order);
                captures.add(capture);
                if (!invoiceId.isEmpty()) {
                    invoicePaid.put(invoiceId, capture.id());
                }
                stored = new Stored(201, order.toString());
                if (requestId != null) {
                    idempotent.put("order:" + requestId, stored);
                }
                afterCapture.accept(capture);
                return answer(stored, hangThis);
            }
            if (requestId != null) {
                idempotent.put("order:" + requestId, stored);
            }
        }
        return answer(stored, hangThis);
    }

    private ObjectNode order(String orderId, JsonNode unit, Capture capture, String status) {
        ObjectNode order = JSON.createObjectNode()
                .put("id", orderId)
                .put("status", "COMPLETED")
                .put("intent", "CAPTURE");
        order.putObject("payment_source")
                .putObject("paypal")
                .put("email_address", "payer@example.com")
                .put("account_id", "PAYER1")
                .putObject("attributes")
                .putObject("vault")
                .put("id", capture.vaultId())
                .put("status", "VAULTED");
        ArrayNode units = order.putArray("purchase_units");
        ObjectNode pu = units.addObject();
        pu.put("reference_id", unit.path("reference_id").asString());
        pu.set("amount", unit.path("amount"));
        pu.put("invoice_id", capture.invoiceId());
        pu.put("custom_id", unit.path("custom_id").asString());
        ObjectNode c = pu.putObject("payments").putArray("captures").addObject();
        c.put("id", capture.id()).put("status", status);
        if ("PENDING".equals(status)) {
            c.putObject("status_details").put("reason", "PENDING_REVIEW");
        }
        c.putObject("amount").put("currency_code", capture.currency()).put("value", capture.value());
        c.put("invoice_id", capture.invoiceId())
                .put("custom_id", unit.path("custom_id").asString());
        c.put("final_capture", true);
        ObjectNode breakdown = c.putObject("seller_receivable_breakdown");
        java.math.BigDecimal gross = new java.math.BigDecimal(capture.value());
        java.math.BigDecimal fee = gross.multiply(new java.math.BigDecimal("0.0349"))
                .add(new java.math.BigDecimal("0.49"))
                .setScale(gross.scale(), java.math.RoundingMode.HALF_UP);
        breakdown
                .putObject("gross_amount")
                .put("currency_code", capture.currency())
                .put("value", capture.value());
        breakdown
                .putObject("paypal_fee")
                .put("currency_code", capture.currency())
                .put("value", fee.toPlainString());
        breakdown
                .putObject("net_amount")
                .put("currency_code", capture.currency())
                .put("value", gross.subtract(fee).toPlainString());
        order.putArray("links")
                .addObject()
                .put("href", apiBase() + "/v2/checkout/orders/" + orderId)
                .put("rel", "self")
                .put("method", "GET");
        return order;
    }

    private MockResponse refund(RecordedRequest request, String captureId) {
        String requestId = request.getHeaders().get("PayPal-Request-Id");
        JsonNode body = JSON.readTree(request.getBody().utf8());
        Stored stored = idempotent.computeIfAbsent("refund:" + requestId, k -> {
            if (captures.stream().noneMatch(c -> c.id().equals(captureId))) {
                return new Stored(404, error("RESOURCE_NOT_FOUND", "INVALID_RESOURCE_ID", "capture " + captureId));
            }
            String id = "REFUND-" + ids.incrementAndGet();
            refunds.add(captureId + " " + body.path("amount").path("value").asString());
            ObjectNode r = JSON.createObjectNode().put("id", id).put("status", "COMPLETED");
            r.set("amount", body.path("amount"));
            return new Stored(201, r.toString());
        });
        return json(stored.code(), stored.body());
    }

    private MockResponse setupToken(RecordedRequest request) {
        String requestId = request.getHeaders().get("PayPal-Request-Id");
        JsonNode body = JSON.readTree(request.getBody().utf8());
        String returnUrl = body.path("payment_source")
                .path("paypal")
                .path("experience_context")
                .path("return_url")
                .asString();
        Stored stored = idempotent.computeIfAbsent("setup:" + requestId, k -> {
            String id = "SETUP-" + ids.incrementAndGet();
            setupReturn.put(id, returnUrl);
            ObjectNode t = JSON.createObjectNode().put("id", id).put("status", "PAYER_ACTION_REQUIRED");
            t.putObject("customer").put("id", "PPCUS-" + id);
            ArrayNode links = t.putArray("links");
            links.addObject()
                    .put("href", apiBase() + "/agreements/approve?approval_session_id=" + id)
                    .put("rel", "approve")
                    .put("method", "GET");
            links.addObject()
                    .put("href", apiBase() + "/v3/vault/setup-tokens/" + id)
                    .put("rel", "self")
                    .put("method", "GET");
            return new Stored(200, t.toString());
        });
        return json(stored.code(), stored.body());
    }

    private MockResponse paymentToken(RecordedRequest request) {
        String requestId = request.getHeaders().get("PayPal-Request-Id");
        JsonNode body = JSON.readTree(request.getBody().utf8());
        String setup = body.path("payment_source").path("token").path("id").asString();
        Stored stored = idempotent.computeIfAbsent("token:" + requestId, k -> {
            if (!approved.contains(setup)) {
                return new Stored(
                        422,
                        error("UNPROCESSABLE_ENTITY", "TOKEN_NOT_APPROVED", "The setup token has not been approved."));
            }
            ObjectNode t = JSON.createObjectNode().put("id", "tok-" + ids.incrementAndGet());
            t.putObject("customer").put("id", "PPCUS-" + setup);
            t.putObject("payment_source")
                    .putObject("paypal")
                    .put("email_address", "payer@example.com")
                    .put("payer_id", "PAYER1");
            return new Stored(201, t.toString());
        });
        return json(stored.code(), stored.body());
    }

    /** Whether PayPal still holds the vaulted token (not deleted through the API). */
    public boolean tokenDeleted(String tokenId) {
        return deletedTokens.contains(tokenId);
    }

    /** The signature PayPal's headers would carry for this event (what verify-webhook-signature checks). */
    public static String signature(String transmissionId, String time, String webhookId, String event) {
        CRC32 crc = new CRC32();
        crc.update(JSON.readTree(event).toString().getBytes(StandardCharsets.UTF_8));
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(SIGNING_KEY, "HmacSHA256"));
            return Base64.getEncoder()
                    .encodeToString(mac.doFinal((transmissionId + "|" + time + "|" + webhookId + "|" + crc.getValue())
                            .getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The headers PayPal sends an event with, signed for the stub's webhook id. */
    public static Map<String, String> sign(String transmissionId, String time, String event) {
        return Map.of(
                "PAYPAL-TRANSMISSION-ID",
                transmissionId,
                "PAYPAL-TRANSMISSION-TIME",
                time,
                "PAYPAL-TRANSMISSION-SIG",
                signature(transmissionId, time, WEBHOOK_ID, event),
                "PAYPAL-CERT-URL",
                "https://api.paypal.com/v1/notifications/certs/CERT-STUB",
                "PAYPAL-AUTH-ALGO",
                "SHA256withRSA");
    }

    private static String error(String name, String issue, String description) {
        ObjectNode e = JSON.createObjectNode()
                .put("name", name)
                .put(
                        "message",
                        "The requested action could not be performed, semantically incorrect, or failed business validation.")
                .put("debug_id", "stub" + Long.toHexString(System.nanoTime()));
        e.putArray("details").addObject().put("issue", issue).put("description", description);
        return e.toString();
    }

    private static MockResponse answer(Stored stored, boolean hang) {
        MockResponse.Builder b = new MockResponse.Builder()
                .code(stored.code())
                .addHeader("Content-Type", "application/json")
                .addHeader("Paypal-Debug-Id", "stub")
                .body(stored.body());
        return hang ? b.headersDelay(5, TimeUnit.SECONDS).build() : b.build();
    }

    private static MockResponse json(int code, String body) {
        return new MockResponse.Builder()
                .code(code)
                .addHeader("Content-Type", "application/json")
                .addHeader("Paypal-Debug-Id", "stub")
                .body(body)
                .build();
    }
}
