package com.ezscale.billing.app.collection;

import com.ezscale.billing.app.outbox.OutboxWriter;
import com.ezscale.billing.audit.db.AuditMapper;
import com.ezscale.billing.collection.PaymentGateway.GatewayResult;
import com.ezscale.billing.collection.db.CollectionMapper;
import com.ezscale.billing.collection.db.PaymentAttempt;
import com.ezscale.billing.customer.db.Contact;
import com.ezscale.billing.customer.db.CustomerMapper;
import com.ezscale.billing.money.Money;
import com.ezscale.billing.notice.Notices;
import com.ezscale.billing.payment.db.PaymentMapper;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Locale;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What a gateway tells us on its own (its webhooks), once the endpoint has checked the signature
 * and read the gateway's objects into the events below. Each event id is recorded in the same
 * transaction as its effect (unique on gateway + event id), so a replay does nothing: a charge's
 * outcome is settled as collect would settle it ({@link GatewaySettlement}); a refund made outside
 * billing alerts finance to issue the credit note the books need; a dispute marks the payment,
 * alerts the admins and is audited.
 */
@Service
public class GatewayEvents {

    /** A gateway as its events name it: its code in our tables and the payment method its payments are booked as. */
    public record Gateway(String code, String displayName, String paymentMethod) {
        /** Who the audit trail and the settlement name as acting: "stripe-webhook". */
        String actor() {
            return code.toLowerCase(Locale.ROOT) + "-webhook";
        }
    }

    public static final Gateway STRIPE = new Gateway("STRIPE", "Stripe", GatewaySettlement.CARD);
    public static final Gateway PAYPAL = new Gateway("PAYPAL", "PayPal", "PAYPAL");
    public static final Gateway COINBASE = new Gateway("COINBASE", "Coinbase Commerce", CryptoPayments.METHOD);

    /** Who sent what: the gateway's event id and type, and the id of the object it is about. */
    public record Envelope(Gateway gateway, String eventId, String type, String objectRef) {}

    public sealed interface GatewayEvent {}

    /** A charge's outcome, found by the gateway's reference, else by the idempotency key the charge carried. */
    public record ChargeOutcome(String attemptKey, GatewayResult result) implements GatewayEvent {}

    /** The gateway's running refunded total of the payment it calls {@code paymentRef}. */
    public record Refunded(String refundRef, String paymentRef, Money refundedSoFar) implements GatewayEvent {}

    /** The cardholder disputes the payment {@code paymentRef}. */
    public record Disputed(String disputeRef, String paymentRef, String reason, Money amount) implements GatewayEvent {}

    /** A card the customer saved at the gateway for its customer there: the one the ladder charges from now on. */
    public record CardSaved(
            String gatewayCustomerRef,
            String paymentMethodRef,
            String brand,
            String last4,
            Integer expMonth,
            Integer expYear)
            implements GatewayEvent {}

    /** A payment method detached at the gateway (by the customer here, or in the gateway's dashboard). */
    public record CardDetached(String paymentMethodRef) implements GatewayEvent {}

    /** A crypto charge's state ({@link CryptoPayments}): pending, confirmed payments, expired. */
    public record CryptoCharge(CryptoPayments.Event event) implements GatewayEvent {}

    /** An event type billing does not act on: recorded, nothing else. */
    public record Ignored() implements GatewayEvent {}

    /** What became of an event: processed with an outcome, or a duplicate of one already processed. */
    public record Receipt(boolean duplicate, String outcome) {}

    private final CollectionMapper collection;
    private final CustomerMapper customers;
    private final CryptoPayments crypto;
    private final PaymentMapper payments;
    private final GatewaySettlement settlement;
    private final OutboxWriter outbox;
    private final AuditMapper audit;
    private final TransactionTemplate tx;
    private final Clock clock;

    public GatewayEvents(
            CollectionMapper collection,
            CustomerMapper customers,
            CryptoPayments crypto,
            PaymentMapper payments,
            GatewaySettlement settlement,
            OutboxWriter outbox,
            AuditMapper audit,
            PlatformTransactionManager transactionManager,
            Clock clock) {
        this.collection = collection;
        this.customers = customers;
        this.crypto = crypto;
        this.payments = payments;
        this.settlement = settlement;
        this.outbox = outbox;
        this.audit = audit;
        this.tx = new TransactionTemplate(transactionManager);
        this.clock = clock;
    }

    /** Applies one event and records it, in one transaction; an event already recorded changes nothing. */
    public Receipt receive(Envelope envelope, GatewayEvent event) {
        try {
            String outcome = tx.execute(s -> {
                String result = apply(envelope.gateway(), event);
                collection.insertEvent(
                        envelope.gateway().code(),
                        envelope.eventId(),
                        envelope.type(),
                        envelope.objectRef(),
                        result,
                        clock.instant());
                return result;
            });
            return new Receipt(false, outcome);
        } catch (DuplicateKeyException e) {
            return new Receipt(true, "event " + envelope.eventId() + " was already processed");
        }
    }

    private String apply(Gateway gateway, GatewayEvent event) {
        String actor = gateway.actor();
        if (event instanceof ChargeOutcome charge) {
            return settle(gateway, charge, actor);
        }
        if (event instanceof Refunded refund) {
            return refunded(gateway, refund);
        }
        if (event instanceof Disputed dispute) {
            return disputed(gateway, dispute, actor);
        }
        if (event instanceof CryptoCharge charge) {
            return crypto.apply(charge.event(), actor);
        }
        if (event instanceof CardSaved card) {
            int updated = collection.updateSavedCard(
                    gateway.code(),
                    card.gatewayCustomerRef(),
                    card.paymentMethodRef(),
                    card.brand(),
                    card.last4(),
                    card.expMonth(),
                    card.expYear(),
                    clock.instant());
            if (updated == 0) {
                return "no customer of ours is " + card.gatewayCustomerRef();
            }
            // the card the customer just saved is how it chose to pay
            customers.updatePreferredGateway(
                    collection.selectCustomerByPaymentMethod(gateway.code(), card.paymentMethodRef()), gateway.code());
            audit.insert(
                    clock.instant(),
                    actor,
                    "card.saved",
                    gateway.code() + " customer " + card.gatewayCustomerRef(),
                    card.brand() + " " + card.last4() + " (" + card.paymentMethodRef() + ")");
            return "card " + card.paymentMethodRef() + " saved for " + card.gatewayCustomerRef();
        }
        if (event instanceof CardDetached detached) {
            Long customer = collection.selectCustomerByPaymentMethod(gateway.code(), detached.paymentMethodRef());
            int cleared = collection.clearSavedCard(gateway.code(), detached.paymentMethodRef(), clock.instant());
            if (cleared == 0 || customer == null) {
                return "payment method " + detached.paymentMethodRef() + " was not a saved one";
            }
            // removed at the gateway, not here: the customer learns that nothing is charged any more
            Contact contact = customers.selectContact(customer);
            outbox.email(
                    "EMAIL:METHOD-REMOVED:" + gateway.code() + ":" + detached.paymentMethodRef(),
                    customer,
                    null,
                    contact.email(),
                    new Notices.PaymentMethodRemoved(contact.name(), gateway.displayName()));
            audit.insert(
                    clock.instant(),
                    actor,
                    "payment-method.removed",
                    "customer " + customer,
                    gateway.code() + " " + detached.paymentMethodRef());
            return "payment method " + detached.paymentMethodRef() + " forgotten; customer " + customer + " told";
        }
        return "ignored";
    }

    private String settle(Gateway gateway, ChargeOutcome charge, String actor) {
        PaymentAttempt attempt =
                collection.selectAttemptByRef(gateway.code(), charge.result().ref());
        if (attempt == null && charge.attemptKey() != null) {
            attempt = collection.selectAttemptByKey(charge.attemptKey());
        }
        if (attempt == null) {
            return "no charge attempt of ours for " + charge.result().ref();
        }
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        String status = settlement.settle(attempt.id(), charge.result(), today, actor);
        return "attempt " + attempt.idempotencyKey() + " " + status;
    }

    private String refunded(Gateway gateway, Refunded refund) {
        Long payment = payments.selectPaymentIdByReference(gateway.paymentMethod(), refund.paymentRef());
        BigDecimal known = payment == null ? null : payments.selectRefundedAmount(payment);
        if (payment != null && known.compareTo(refund.refundedSoFar().amount()) >= 0) {
            return "refund of payment " + payment + " already recorded";
        }
        // refunded outside billing (the gateway's dashboard): the books need a credit note; tell finance
        outbox.alert(
                "ALERT:REFUND:" + refund.refundRef() + ":"
                        + refund.refundedSoFar().amount().unscaledValue(),
                "Refund made outside billing: " + refund.paymentRef(),
                gateway.displayName() + " refunded " + refund.refundedSoFar() + " of " + refund.paymentRef()
                        + " (payment " + payment + "), more than billing recorded (" + known
                        + "). Issue the matching credit note so the books agree.");
        return "refund outside billing: finance alerted";
    }

    private String disputed(Gateway gateway, Disputed dispute, String actor) {
        Long payment = payments.selectPaymentIdByReference(gateway.paymentMethod(), dispute.paymentRef());
        if (payment != null) {
            payments.markDisputed(payment);
        }
        outbox.alert(
                "ALERT:DISPUTE:" + dispute.disputeRef(),
                gateway.displayName() + " dispute " + dispute.disputeRef(),
                "Payment " + dispute.paymentRef() + " is disputed (" + dispute.reason() + ", " + dispute.amount()
                        + "). Answer it in the " + gateway.displayName() + " dashboard.");
        audit.insert(clock.instant(), actor, "payment.disputed", "payment " + payment, dispute.disputeRef());
        return "payment " + payment + " disputed";
    }
}
