package com.ezscale.billing.portal.webhook;

import com.ezscale.billing.app.collection.GatewayEvents;
import com.ezscale.billing.app.collection.GatewayEvents.CardDetached;
import com.ezscale.billing.app.collection.GatewayEvents.CardSaved;
import com.ezscale.billing.app.collection.GatewayEvents.ChargeOutcome;
import com.ezscale.billing.app.collection.GatewayEvents.Disputed;
import com.ezscale.billing.app.collection.GatewayEvents.Envelope;
import com.ezscale.billing.app.collection.GatewayEvents.GatewayEvent;
import com.ezscale.billing.app.collection.GatewayEvents.Ignored;
import com.ezscale.billing.app.collection.GatewayEvents.Receipt;
import com.ezscale.billing.app.collection.GatewayEvents.Refunded;
import com.ezscale.billing.app.collection.stripe.StripeGateway;
import com.ezscale.billing.app.collection.stripe.StripeProperties;
import com.ezscale.billing.collection.PaymentGateway.GatewayResult;
import com.ezscale.billing.collection.PaymentGateway.Outcome;
import com.stripe.exception.EventDataObjectDeserializationException;
import com.stripe.exception.SignatureVerificationException;
import com.stripe.model.Charge;
import com.stripe.model.Dispute;
import com.stripe.model.Event;
import com.stripe.model.HasId;
import com.stripe.model.PaymentIntent;
import com.stripe.model.PaymentMethod;
import com.stripe.model.SetupIntent;
import com.stripe.model.StripeObject;
import com.stripe.net.Webhook;
import java.time.Clock;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * Stripe's webhooks: the signature is checked with stripe-java against the endpoint's secret
 * ({@code ezscale.stripe.webhook-secret}, from the environment) within the tolerance window (a
 * forged or stale event gets 400 and changes nothing); the event's object is read into one of
 * {@link GatewayEvents}' events, which applies it and records the event id once, in one
 * transaction, so a replay is answered 200 and does nothing. A payment that succeeds late settles
 * its invoice and unsuspends the customer's services; a failure marks the attempt; a dispute marks
 * the payment and alerts the admins; a refund made outside billing (in Stripe's dashboard) alerts
 * finance to issue the credit note the books need. A card saved on Checkout's setup page
 * (setup_intent.succeeded) becomes the customer's card for the ladder, described by the brand, last
 * four digits and expiry read back from Stripe; a card detached at Stripe is forgotten.
 */
@RestController
public class StripeWebhookController {

    private final String secret;
    private final long toleranceSeconds;
    private final GatewayEvents events;
    private final StripeGateway stripe;
    private final Clock clock;

    public StripeWebhookController(
            StripeProperties properties, GatewayEvents events, StripeGateway stripe, Clock clock) {
        this.secret = properties.webhookSecret();
        this.toleranceSeconds = properties.webhookToleranceSeconds();
        this.events = events;
        this.stripe = stripe;
        this.clock = clock;
    }

    @PostMapping("/webhooks/stripe")
    public ResponseEntity<Map<String, String>> receive(
            @RequestBody String payload, @RequestHeader(name = "Stripe-Signature", required = false) String signature) {
        if (secret == null || secret.isBlank()) {
            return ResponseEntity.status(503)
                    .body(Map.of("error", "Stripe webhooks are not configured (EZSCALE_STRIPE_WEBHOOK_SECRET)"));
        }
        if (signature == null) {
            return ResponseEntity.badRequest().body(Map.of("error", "missing Stripe-Signature header"));
        }
        Event event;
        try {
            event = Webhook.constructEvent(payload, signature, secret, toleranceSeconds, clock);
        } catch (SignatureVerificationException e) {
            return ResponseEntity.badRequest().body(Map.of("error", "invalid signature: " + e.getMessage()));
        } catch (RuntimeException e) {
            return ResponseEntity.badRequest().body(Map.of("error", "not a Stripe event: " + e.getMessage()));
        }
        StripeObject object;
        try {
            object = event.getDataObjectDeserializer().deserializeUnsafe();
        } catch (EventDataObjectDeserializationException | RuntimeException e) {
            return ResponseEntity.badRequest()
                    .body(Map.of("error", "cannot read the event's object: " + e.getMessage()));
        }
        GatewayEvent read;
        try {
            read = read(event.getType(), object);
        } catch (IllegalStateException e) {
            // Stripe retries an event not answered 2xx: nothing is recorded, the retry reads it again
            return ResponseEntity.status(503).body(Map.of("error", e.getMessage()));
        }
        Receipt receipt = events.receive(
                new Envelope(
                        GatewayEvents.STRIPE,
                        event.getId(),
                        event.getType(),
                        object instanceof HasId h ? h.getId() : null),
                read);
        return ResponseEntity.ok(
                receipt.duplicate()
                        ? Map.of("status", "duplicate", "outcome", receipt.outcome())
                        : Map.of("status", "processed", "outcome", receipt.outcome()));
    }

    /** Stripe's object, in the gateway-neutral terms of {@link GatewayEvents}. */
    private GatewayEvent read(String type, StripeObject object) {
        switch (type) {
            case "payment_intent.succeeded", "payment_intent.payment_failed", "payment_intent.processing" -> {
                PaymentIntent pi = (PaymentIntent) object;
                String attemptKey =
                        pi.getMetadata() == null ? null : pi.getMetadata().get("attempt_key");
                GatewayResult result = switch (type) {
                    case "payment_intent.succeeded" ->
                        new GatewayResult(Outcome.SUCCEEDED, pi.getId(), null, null, null);
                    case "payment_intent.processing" ->
                        new GatewayResult(Outcome.PROCESSING, pi.getId(), null, null, null);
                    default ->
                        new GatewayResult(
                                Outcome.DECLINED,
                                pi.getId(),
                                pi.getLastPaymentError() == null
                                        ? null
                                        : pi.getLastPaymentError().getDeclineCode(),
                                pi.getLastPaymentError() == null
                                        ? "payment failed"
                                        : pi.getLastPaymentError().getMessage(),
                                null);
                };
                return new ChargeOutcome(attemptKey, result);
            }
            case "setup_intent.succeeded" -> {
                // a card saved on Checkout's setup page; its brand, last four and expiry read from Stripe
                SetupIntent si = (SetupIntent) object;
                if (si.getMetadata() == null
                        || !"save_card".equals(si.getMetadata().get("purpose"))
                        || si.getCustomer() == null
                        || si.getPaymentMethod() == null) {
                    return new Ignored();
                }
                StripeGateway.Card card = stripe.card(si.getPaymentMethod());
                return new CardSaved(
                        si.getCustomer(),
                        si.getPaymentMethod(),
                        card.brand(),
                        card.last4(),
                        card.expMonth(),
                        card.expYear());
            }
            case "payment_method.detached" -> {
                return new CardDetached(((PaymentMethod) object).getId());
            }
            case "charge.refunded" -> {
                Charge refunded = (Charge) object;
                return new Refunded(
                        refunded.getId(),
                        refunded.getPaymentIntent(),
                        StripeGateway.fromMinorUnits(refunded.getAmountRefunded(), refunded.getCurrency()));
            }
            case "charge.dispute.created" -> {
                Dispute dispute = (Dispute) object;
                return new Disputed(
                        dispute.getId(),
                        dispute.getPaymentIntent(),
                        dispute.getReason(),
                        StripeGateway.fromMinorUnits(dispute.getAmount(), dispute.getCurrency()));
            }
            default -> {
                return new Ignored();
            }
        }
    }
}
