package com.ezscale.billing.portal.webhook;

import com.ezscale.billing.audit.db.AuditMapper;
import com.ezscale.billing.app.collection.GatewaySettlement;
import com.ezscale.billing.collection.PaymentGateway.GatewayResult;
import com.ezscale.billing.collection.PaymentGateway.Outcome;
import com.ezscale.billing.collection.db.CollectionMapper;
import com.ezscale.billing.collection.db.PaymentAttempt;
import com.ezscale.billing.payment.db.PaymentMapper;
import com.ezscale.billing.app.outbox.OutboxWriter;
import com.stripe.exception.EventDataObjectDeserializationException;
import com.stripe.exception.SignatureVerificationException;
import com.stripe.model.Charge;
import com.stripe.model.Dispute;
import com.stripe.model.Event;
import com.stripe.model.HasId;
import com.stripe.model.PaymentIntent;
import com.stripe.model.StripeObject;
import com.stripe.net.Webhook;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * Stripe's webhooks: the signature is checked with stripe-java against the endpoint's secret
 * ({@code ezscale.stripe.webhook-secret}, from the environment) within the tolerance window (a
 * forged or stale event gets 400 and changes nothing); each event id is recorded once, in the same
 * transaction as its effect, so a replay is answered 200 and does nothing. A payment that succeeds
 * late settles its invoice and unsuspends the customer's services; a failure marks the attempt; a
 * dispute marks the payment and alerts the admins; a refund made outside billing (in Stripe's
 * dashboard) alerts finance to issue the credit note the books need.
 */
@RestController
public class StripeWebhookController {

    private static final String STRIPE = "STRIPE";

    private final String secret;
    private final long toleranceSeconds;
    private final CollectionMapper collection;
    private final PaymentMapper payments;
    private final GatewaySettlement settlement;
    private final OutboxWriter outbox;
    private final AuditMapper audit;
    private final TransactionTemplate tx;
    private final Clock clock;

    public StripeWebhookController(@Value("${ezscale.stripe.webhook-secret:}") String secret,
                                   @Value("${ezscale.stripe.webhook-tolerance-seconds:300}") long toleranceSeconds,
                                   CollectionMapper collection, PaymentMapper payments, GatewaySettlement settlement, OutboxWriter outbox,
                                   AuditMapper audit, PlatformTransactionManager transactionManager, Clock clock) {
        this.secret = secret;
        this.toleranceSeconds = toleranceSeconds;
        this.collection = collection;
        this.payments = payments;
        this.settlement = settlement;
        this.outbox = outbox;
        this.audit = audit;
        this.tx = new TransactionTemplate(transactionManager);
        this.clock = clock;
    }

    @PostMapping("/webhooks/stripe")
    public ResponseEntity<Map<String, String>> receive(@RequestBody String payload,
                                                       @RequestHeader(name = "Stripe-Signature", required = false) String signature) {
        if (secret == null || secret.isBlank()) {
            return ResponseEntity.status(503).body(Map.of("error", "Stripe webhooks are not configured (EZSCALE_STRIPE_WEBHOOK_SECRET)"));
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
            return ResponseEntity.badRequest().body(Map.of("error", "cannot read the event's object: " + e.getMessage()));
        }
        try {
            String outcome = tx.execute(s -> {
                String result = handle(event, object);
                collection.insertEvent(STRIPE, event.getId(), event.getType(), object instanceof HasId h ? h.getId() : null, result,
                        clock.instant());
                return result;
            });
            return ResponseEntity.ok(Map.of("status", "processed", "outcome", outcome));
        } catch (DuplicateKeyException e) {
            return ResponseEntity.ok(Map.of("status", "duplicate", "outcome", "event " + event.getId() + " was already processed"));
        }
    }

    private String handle(Event event, StripeObject object) {
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        switch (event.getType()) {
            case "payment_intent.succeeded", "payment_intent.payment_failed", "payment_intent.processing" -> {
                PaymentIntent pi = (PaymentIntent) object;
                PaymentAttempt attempt = collection.selectAttemptByRef(STRIPE, pi.getId());
                if (attempt == null && pi.getMetadata() != null && pi.getMetadata().get("attempt_key") != null) {
                    attempt = collection.selectAttemptByKey(pi.getMetadata().get("attempt_key"));
                }
                if (attempt == null) {
                    return "no charge attempt of ours for " + pi.getId();
                }
                GatewayResult result = switch (event.getType()) {
                    case "payment_intent.succeeded" -> new GatewayResult(Outcome.SUCCEEDED, pi.getId(), null, null, null);
                    case "payment_intent.processing" -> new GatewayResult(Outcome.PROCESSING, pi.getId(), null, null, null);
                    default -> new GatewayResult(Outcome.DECLINED, pi.getId(),
                            pi.getLastPaymentError() == null ? null : pi.getLastPaymentError().getDeclineCode(),
                            pi.getLastPaymentError() == null ? "payment failed" : pi.getLastPaymentError().getMessage(), null);
                };
                String status = settlement.settle(attempt.id(), result, today, "stripe-webhook");
                return "attempt " + attempt.idempotencyKey() + " " + status;
            }
            case "charge.refunded" -> {
                Charge refunded = (Charge) object;
                Long payment = payments.selectPaymentIdByReference(GatewaySettlement.CARD, refunded.getPaymentIntent());
                java.math.BigDecimal known = payment == null ? null : payments.selectRefundedAmount(payment);
                java.math.BigDecimal atStripe = java.math.BigDecimal.valueOf(refunded.getAmountRefunded())
                        .movePointLeft(java.util.Currency.getInstance(refunded.getCurrency().toUpperCase()).getDefaultFractionDigits());
                if (payment != null && known.compareTo(atStripe) >= 0) {
                    return "refund of payment " + payment + " already recorded";
                }
                // refunded outside billing (the Stripe dashboard): the books need a credit note; tell finance
                outbox.alert("ALERT:REFUND:" + refunded.getId() + ":" + refunded.getAmountRefunded(),
                        "Refund made outside billing: " + refunded.getPaymentIntent(), "Stripe refunded " + atStripe + " "
                                + refunded.getCurrency().toUpperCase() + " of " + refunded.getPaymentIntent() + " (payment " + payment
                                + "), more than billing recorded (" + known + "). Issue the matching credit note so the books agree.");
                return "refund outside billing: finance alerted";
            }
            case "charge.dispute.created" -> {
                Dispute dispute = (Dispute) object;
                Long payment = payments.selectPaymentIdByReference(GatewaySettlement.CARD, dispute.getPaymentIntent());
                if (payment != null) {
                    payments.markDisputed(payment);
                }
                outbox.alert("ALERT:DISPUTE:" + dispute.getId(), "Stripe dispute " + dispute.getId(),
                        "Payment " + dispute.getPaymentIntent() + " is disputed (" + dispute.getReason() + ", " + dispute.getAmount() + " "
                                + dispute.getCurrency() + "). Answer it in the Stripe dashboard.");
                audit.insert(clock.instant(), "stripe-webhook", "payment.disputed", "payment " + payment, dispute.getId());
                return "payment " + payment + " disputed";
            }
            default -> {
                return "ignored";
            }
        }
    }
}
