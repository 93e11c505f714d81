package com.ezscale.billing.app.collection;

import com.ezscale.billing.app.dunning.Unsuspension;
import com.ezscale.billing.app.outbox.OutboxWriter;
import com.ezscale.billing.app.payment.PaymentPosting;
import com.ezscale.billing.collection.PaymentGateway.GatewayResult;
import com.ezscale.billing.collection.db.CollectionMapper;
import com.ezscale.billing.collection.db.PaymentAttempt;
import com.ezscale.billing.customer.db.Contact;
import com.ezscale.billing.customer.db.CustomerMapper;
import com.ezscale.billing.invoice.db.InvoiceForCredit;
import com.ezscale.billing.money.Money;
import com.ezscale.billing.notice.Notices;
import com.ezscale.billing.payment.db.PaymentMapper;
import java.time.Clock;
import java.time.LocalDate;
import org.springframework.stereotype.Component;

/**
 * Applies what a gateway said about a charge attempt, in the caller's transaction, whoever heard it
 * (collect right after the call, the janitor looking it up later, a webhook): succeeded → the
 * payment is posted once, booked as the gateway's method (CARD, PAYPAL; unique on method + the
 * gateway's reference) and the customer's services
 * come back if nothing is overdue; requires action → the customer gets a link; declined → the
 * customer is told; processing → wait. An attempt already settled stays as it is, so the three
 * paths can race and still pay the invoice once. All three lock in one order, the invoice then the
 * attempt ({@link #settle}), so they never wait on each other in a circle.
 */
@Component
public final class GatewaySettlement {

    public static final String CARD = "CARD";

    private final CollectionMapper collection;
    private final CustomerMapper customers;
    private final PaymentPosting posting;
    private final OutboxWriter outbox;
    private final Unsuspension unsuspension;
    private final PaymentGateways gateways;
    private final PaymentMapper payments;
    private final Clock clock;

    public GatewaySettlement(
            CollectionMapper collection,
            CustomerMapper customers,
            PaymentPosting posting,
            OutboxWriter outbox,
            Unsuspension unsuspension,
            PaymentGateways gateways,
            PaymentMapper payments,
            Clock clock) {
        this.collection = collection;
        this.customers = customers;
        this.posting = posting;
        this.outbox = outbox;
        this.unsuspension = unsuspension;
        this.gateways = gateways;
        this.payments = payments;
        this.clock = clock;
    }

    /**
     * Locks the attempt's invoice, then the attempt, and applies the gateway's answer, in the
     * caller's transaction; returns the status the attempt ends in.
     */
    public String settle(long attemptId, GatewayResult result, LocalDate on, String actor) {
        InvoiceForCredit invoice = posting.lock(collection.selectAttemptInvoiceId(attemptId));
        return apply(invoice, collection.lockAttempt(attemptId), result, on, actor);
    }

    private String apply(
            InvoiceForCredit invoice, PaymentAttempt attempt, GatewayResult result, LocalDate on, String actor) {
        if ("SUCCEEDED".equals(attempt.status())) {
            return attempt.status();
        }
        String ref = result.ref() != null ? result.ref() : attempt.gatewayRef();
        Contact contact = customers.selectContact(attempt.customerId());
        Money amount = Money.of(attempt.amount(), Money.currency(attempt.currency()));
        PaymentAttempt updated = switch (result.outcome()) {
            case SUCCEEDED -> {
                boolean owes = posting.owed(invoice).amount().signum() > 0
                        && ("ISSUED".equals(invoice.status()) || "PARTIALLY_PAID".equals(invoice.status()));
                String method = gateways.methodOf(attempt.gateway());
                PaymentPosting.Posted posted = owes
                        ? posting.post(invoice, attempt.amount(), method, ref, on, actor)
                        : posting.postToCredit(invoice, attempt.amount(), method, ref, on, actor);
                outbox.email(
                        "EMAIL:RECEIPT:" + ref,
                        attempt.customerId(),
                        attempt.invoiceId(),
                        contact.email(),
                        new Notices.PaymentReceipt(
                                contact.name(),
                                invoice.number(),
                                amount.toString(),
                                CARD.equals(method) ? "card" : "PayPal",
                                ref,
                                posted.owedAfter().toString()));
                if (result.fee() != null
                        && result.fee().currency().equals(amount.currency())
                        && result.fee().amount().compareTo(attempt.amount()) <= 0) {
                    payments.updateFee(posted.paymentId(), result.fee().amount());
                }
                unsuspension.run(attempt.customerId(), on);
                yield attempt.settled(
                        "SUCCEEDED",
                        ref,
                        attempt.declineCode(),
                        null,
                        attempt.actionUrl(),
                        posted.paymentId(),
                        clock.instant());
            }
            case REQUIRES_ACTION -> {
                outbox.email(
                        "EMAIL:ACTION:" + attempt.idempotencyKey(),
                        attempt.customerId(),
                        attempt.invoiceId(),
                        contact.email(),
                        new Notices.PaymentActionRequired(
                                contact.name(),
                                invoice.number(),
                                amount.toString(),
                                result.actionUrl() == null ? "(sign in to the portal to pay)" : result.actionUrl()));
                yield attempt.settled(
                        "REQUIRES_ACTION",
                        ref,
                        result.declineCode(),
                        attempt.message(),
                        result.actionUrl(),
                        attempt.paymentId(),
                        clock.instant());
            }
            case PROCESSING ->
                attempt.settled(
                        "PROCESSING",
                        ref,
                        attempt.declineCode(),
                        attempt.message(),
                        attempt.actionUrl(),
                        attempt.paymentId(),
                        clock.instant());
            case DECLINED -> {
                outbox.email(
                        "EMAIL:FAILED:" + attempt.idempotencyKey(),
                        attempt.customerId(),
                        attempt.invoiceId(),
                        contact.email(),
                        new Notices.PaymentFailed(
                                contact.name(),
                                invoice.number(),
                                amount.toString(),
                                result.message() == null ? result.declineCode() : result.message(),
                                "the next attempt"));
                yield attempt.settled(
                        "DECLINED",
                        ref,
                        result.declineCode(),
                        result.message(),
                        attempt.actionUrl(),
                        attempt.paymentId(),
                        clock.instant());
            }
            case UNKNOWN ->
                attempt.settled(
                        attempt.status(),
                        ref,
                        attempt.declineCode(),
                        result.message(),
                        attempt.actionUrl(),
                        attempt.paymentId(),
                        clock.instant());
        };
        collection.updateAttempt(updated);
        return updated.status();
    }
}
