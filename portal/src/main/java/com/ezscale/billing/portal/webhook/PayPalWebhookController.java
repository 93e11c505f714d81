package com.ezscale.billing.portal.webhook;

import com.ezscale.billing.app.collection.GatewayEvents;
import com.ezscale.billing.app.collection.GatewayEvents.CardDetached;
import com.ezscale.billing.app.collection.GatewayEvents.ChargeOutcome;
import com.ezscale.billing.app.collection.GatewayEvents.Disputed;
import com.ezscale.billing.app.collection.GatewayEvents.Envelope;
import com.ezscale.billing.app.collection.GatewayEvents.GatewayEvent;
import com.ezscale.billing.app.collection.GatewayEvents.Ignored;
import com.ezscale.billing.app.collection.GatewayEvents.Receipt;
import com.ezscale.billing.app.collection.GatewayEvents.Refunded;
import com.ezscale.billing.app.collection.paypal.PayPalGateway;
import com.ezscale.billing.app.collection.paypal.PayPalProperties;
import com.ezscale.billing.collection.PaymentGateway.GatewayResult;
import com.ezscale.billing.collection.PaymentGateway.Outcome;
import com.ezscale.billing.money.Money;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * PayPal's webhooks: a transmission older (or newer) than {@code ezscale.paypal.webhook-tolerance}
 * is refused before anything else; the event is then checked with PayPal's verify-webhook-signature
 * call against the webhook id the endpoint was registered with (a forged event gets 400 and
 * changes nothing; PayPal unreachable gets 503 and PayPal sends it again). The event is read into
 * one of {@link GatewayEvents}' events, which applies it and records the event id once, in one
 * transaction: PayPal sends a retried event with a new transmission id and the same event id, so
 * the event id is what makes each event count once. Capture completed / denied / pending settle
 * the attempt whose key is the capture's invoice id; refunded and reversed captures beyond what
 * billing refunded alert finance; a dispute marks the payment and alerts the admins; a vaulted
 * wallet deleted at PayPal is forgotten and the customer told (it pays by hand from then on).
 */
@RestController
public class PayPalWebhookController {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final PayPalProperties properties;
    private final PayPalGateway paypal;
    private final GatewayEvents events;
    private final Clock clock;

    public PayPalWebhookController(
            PayPalProperties properties, PayPalGateway paypal, GatewayEvents events, Clock clock) {
        this.properties = properties;
        this.paypal = paypal;
        this.events = events;
        this.clock = clock;
    }

    @PostMapping("/webhooks/paypal")
    public ResponseEntity<Map<String, String>> receive(
            @RequestBody String payload,
            @RequestHeader(name = "PAYPAL-TRANSMISSION-ID", required = false) String transmissionId,
            @RequestHeader(name = "PAYPAL-TRANSMISSION-TIME", required = false) String transmissionTime,
            @RequestHeader(name = "PAYPAL-TRANSMISSION-SIG", required = false) String signature,
            @RequestHeader(name = "PAYPAL-CERT-URL", required = false) String certUrl,
            @RequestHeader(name = "PAYPAL-AUTH-ALGO", required = false) String authAlgo) {
        if (!paypal.configured()
                || properties.webhookId() == null
                || properties.webhookId().isBlank()) {
            return ResponseEntity.status(503)
                    .body(
                            Map.of(
                                    "error",
                                    "PayPal webhooks are not configured (EZSCALE_PAYPAL_CLIENT_ID, EZSCALE_PAYPAL_WEBHOOK_ID)"));
        }
        if (transmissionId == null
                || transmissionTime == null
                || signature == null
                || certUrl == null
                || authAlgo == null) {
            return ResponseEntity.badRequest()
                    .body(Map.of(
                            "error",
                            "missing PayPal transmission headers (PAYPAL-TRANSMISSION-ID, -TIME, -SIG, "
                                    + "PAYPAL-CERT-URL, PAYPAL-AUTH-ALGO)"));
        }
        Instant sent;
        try {
            sent = Instant.parse(transmissionTime);
        } catch (DateTimeParseException e) {
            return ResponseEntity.badRequest()
                    .body(Map.of("error", "PAYPAL-TRANSMISSION-TIME is not an instant: " + transmissionTime));
        }
        if (Duration.between(sent, clock.instant()).abs().compareTo(properties.webhookTolerance()) > 0) {
            return ResponseEntity.badRequest()
                    .body(Map.of(
                            "error",
                            "stale transmission: sent " + sent + ", more than " + properties.webhookTolerance()
                                    + " from now"));
        }
        JsonNode event;
        try {
            event = JSON.readTree(payload);
        } catch (RuntimeException e) {
            return ResponseEntity.badRequest().body(Map.of("error", "not a PayPal event: " + e.getMessage()));
        }
        boolean genuine;
        try {
            genuine = paypal.verifyWebhook(
                    new PayPalGateway.Transmission(transmissionId, transmissionTime, signature, certUrl, authAlgo),
                    payload);
        } catch (IllegalStateException e) {
            return ResponseEntity.status(503).body(Map.of("error", e.getMessage()));
        }
        if (!genuine) {
            return ResponseEntity.badRequest().body(Map.of("error", "invalid signature: PayPal did not verify it"));
        }
        String id = event.path("id").asString("");
        String type = event.path("event_type").asString("");
        if (id.isEmpty() || type.isEmpty()) {
            return ResponseEntity.badRequest().body(Map.of("error", "a PayPal event has an id and an event_type"));
        }
        JsonNode resource = event.path("resource");
        GatewayEvent read;
        try {
            read = read(type, resource);
        } catch (RuntimeException e) {
            return ResponseEntity.badRequest()
                    .body(Map.of("error", "cannot read the event's resource: " + e.getMessage()));
        }
        Receipt receipt = events.receive(
                new Envelope(GatewayEvents.PAYPAL, id, type, resource.path("id").asString(null)), read);
        return ResponseEntity.ok(
                receipt.duplicate()
                        ? Map.of("status", "duplicate", "outcome", receipt.outcome())
                        : Map.of("status", "processed", "outcome", receipt.outcome()));
    }

    /** PayPal's resource, in the gateway-neutral terms of {@link GatewayEvents}. */
    static GatewayEvent read(String type, JsonNode resource) {
        return switch (type) {
            case "PAYMENT.CAPTURE.COMPLETED" ->
                new ChargeOutcome(
                        text(resource, "invoice_id"),
                        new GatewayResult(Outcome.SUCCEEDED, text(resource, "id"), null, null, null));
            case "PAYMENT.CAPTURE.PENDING" ->
                new ChargeOutcome(
                        text(resource, "invoice_id"),
                        new GatewayResult(Outcome.PROCESSING, text(resource, "id"), null, null, null));
            case "PAYMENT.CAPTURE.DENIED", "PAYMENT.CAPTURE.DECLINED" ->
                new ChargeOutcome(
                        text(resource, "invoice_id"),
                        new GatewayResult(
                                Outcome.DECLINED, text(resource, "id"), "DENIED", "PayPal denied the payment", null));
            case "PAYMENT.CAPTURE.REFUNDED", "PAYMENT.CAPTURE.REVERSED" -> {
                // the resource is the refund (or reversal); its "up" link names the capture
                String capture = null;
                for (JsonNode link : resource.path("links")) {
                    if ("up".equals(link.path("rel").asString())) {
                        String href = link.path("href").asString();
                        capture = href.substring(href.lastIndexOf('/') + 1);
                    }
                }
                JsonNode total = resource.path("seller_payable_breakdown").path("total_refunded_amount");
                JsonNode amount = total.isMissingNode() ? resource.path("amount") : total;
                yield new Refunded(text(resource, "id"), capture, money(amount));
            }
            case "CUSTOMER.DISPUTE.CREATED" ->
                new Disputed(
                        text(resource, "dispute_id"),
                        resource.path("disputed_transactions")
                                .path(0)
                                .path("seller_transaction_id")
                                .asString(null),
                        text(resource, "reason"),
                        money(resource.path("dispute_amount")));
            case "VAULT.PAYMENT-TOKEN.DELETED" -> new CardDetached(text(resource, "id"));
            default -> new Ignored();
        };
    }

    private static String text(JsonNode node, String field) {
        return node.path(field).asString(null);
    }

    private static Money money(JsonNode amount) {
        return Money.of(
                new BigDecimal(amount.path("value").asString()),
                Money.currency(amount.path("currency_code").asString()));
    }
}
