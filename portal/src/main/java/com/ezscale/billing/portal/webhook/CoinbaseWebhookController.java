package com.ezscale.billing.portal.webhook;

import com.ezscale.billing.app.collection.CryptoPayments;
import com.ezscale.billing.app.collection.GatewayEvents;
import com.ezscale.billing.app.collection.GatewayEvents.CryptoCharge;
import com.ezscale.billing.app.collection.GatewayEvents.Envelope;
import com.ezscale.billing.app.collection.GatewayEvents.GatewayEvent;
import com.ezscale.billing.app.collection.GatewayEvents.Ignored;
import com.ezscale.billing.app.collection.GatewayEvents.Receipt;
import com.ezscale.billing.app.collection.crypto.CoinbaseProperties;
import com.ezscale.billing.money.Money;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Coinbase Commerce's webhooks: the body's HMAC-SHA256 with the endpoint's shared secret must equal
 * the {@code X-CC-Webhook-Signature} header (a forged or altered event gets 400 and changes
 * nothing); an event older than {@code ezscale.crypto.webhook-max-age} (Coinbase retries for three
 * days) is refused as stale; each event id counts once ({@link GatewayEvents}). Charge pending,
 * confirmed, failed (an underpayment is reported so, with its confirmed payments), resolved and
 * expired are applied by {@link CryptoPayments}: confirmed payments are booked in the invoice's
 * currency, partly or over, once per charge.
 */
@RestController
public class CoinbaseWebhookController {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final CoinbaseProperties properties;
    private final GatewayEvents events;
    private final Clock clock;

    public CoinbaseWebhookController(CoinbaseProperties properties, GatewayEvents events, Clock clock) {
        this.properties = properties;
        this.events = events;
        this.clock = clock;
    }

    /** The signature Coinbase sends with a body: the hex HMAC-SHA256 of its bytes with the shared secret. */
    public static String signature(String body, String secret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @PostMapping("/webhooks/coinbase")
    public ResponseEntity<Map<String, String>> receive(
            @RequestBody String payload,
            @RequestHeader(name = "X-CC-Webhook-Signature", required = false) String signature) {
        String secret = properties.webhookSecret();
        if (secret == null || secret.isBlank()) {
            return ResponseEntity.status(503)
                    .body(Map.of(
                            "error",
                            "Coinbase Commerce webhooks are not configured (EZSCALE_COINBASE_WEBHOOK_SECRET)"));
        }
        if (signature == null) {
            return ResponseEntity.badRequest().body(Map.of("error", "missing X-CC-Webhook-Signature header"));
        }
        if (!MessageDigest.isEqual(
                signature(payload, secret).getBytes(StandardCharsets.US_ASCII),
                signature.strip().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII))) {
            return ResponseEntity.badRequest().body(Map.of("error", "invalid signature"));
        }
        JsonNode event;
        Instant created;
        try {
            event = JSON.readTree(payload).path("event");
            created = Instant.parse(event.path("created_at").asString());
        } catch (RuntimeException e) {
            return ResponseEntity.badRequest()
                    .body(Map.of("error", "not a Coinbase Commerce event: " + e.getMessage()));
        }
        if (Duration.between(created, clock.instant()).compareTo(properties.webhookMaxAge()) > 0) {
            return ResponseEntity.badRequest()
                    .body(Map.of(
                            "error", "stale event: created " + created + ", older than " + properties.webhookMaxAge()));
        }
        String id = event.path("id").asString("");
        String type = event.path("type").asString("");
        if (id.isEmpty() || type.isEmpty()) {
            return ResponseEntity.badRequest().body(Map.of("error", "a Coinbase Commerce event has an id and a type"));
        }
        JsonNode charge = event.path("data");
        GatewayEvent read;
        try {
            read = read(type, charge);
        } catch (RuntimeException e) {
            return ResponseEntity.badRequest()
                    .body(Map.of("error", "cannot read the event's charge: " + e.getMessage()));
        }
        Receipt receipt = events.receive(
                new Envelope(
                        GatewayEvents.COINBASE, id, type, charge.path("code").asString(null)),
                read);
        return ResponseEntity.ok(
                receipt.duplicate()
                        ? Map.of("status", "duplicate", "outcome", receipt.outcome())
                        : Map.of("status", "processed", "outcome", receipt.outcome()));
    }

    /** The charge, in {@link CryptoPayments}' terms: its status and what of it is confirmed, in its local currency. */
    static GatewayEvent read(String type, JsonNode charge) {
        String status = switch (type) {
            case "charge:pending" -> "PENDING";
            case "charge:confirmed", "charge:resolved" -> "CONFIRMED";
            case "charge:failed" -> "FAILED";
            case "charge:expired" -> "EXPIRED";
            default -> null;
        };
        if (status == null) {
            return new Ignored();
        }
        BigDecimal confirmed = BigDecimal.ZERO;
        String currency = charge.path("pricing").path("local").path("currency").asString(null);
        for (JsonNode payment : charge.path("payments")) {
            if ("CONFIRMED".equalsIgnoreCase(payment.path("status").asString())) {
                JsonNode local = payment.path("value").path("local");
                confirmed = confirmed.add(new BigDecimal(local.path("amount").asString()));
                currency = local.path("currency").asString(currency);
            }
        }
        Money paid = confirmed.signum() > 0 && currency != null ? Money.of(confirmed, Money.currency(currency)) : null;
        return new CryptoCharge(new CryptoPayments.Event(charge.path("code").asString(), status, paid));
    }
}
