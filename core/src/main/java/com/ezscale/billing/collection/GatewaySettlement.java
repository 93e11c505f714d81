package com.ezscale.billing.collection;

import com.ezscale.billing.account.db.InvoiceForCredit;
import com.ezscale.billing.collection.db.CollectionMapper;
import com.ezscale.billing.collection.db.PaymentAttempt;
import com.ezscale.billing.dunning.Unsuspension;
import com.ezscale.billing.money.Money;
import com.ezscale.billing.notice.Notices;
import com.ezscale.billing.outbox.OutboxWriter;
import com.ezscale.billing.payment.PaymentPosting;
import java.time.Clock;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;

/**
 * Applies what a gateway said about a charge attempt, in the caller's transaction, whoever heard it
 * (collect right after the call, the janitor looking it up later, a webhook): succeeded → the
 * payment is posted once (unique on method + the gateway's reference) and the customer's services
 * come back if nothing is overdue; requires action → the customer gets a link; declined → the
 * customer is told; processing → wait. An attempt already settled stays as it is, so the three
 * paths can race and still pay the invoice once. All three lock in one order, the invoice then the
 * attempt ({@link #settle}), so they never wait on each other in a circle.
 */
public final class GatewaySettlement {

    public enum Outcome { SUCCEEDED, REQUIRES_ACTION, PROCESSING, DECLINED, UNKNOWN }

    /** The gateway's answer: its reference for the charge, and why it did not succeed. */
    public record GatewayResult(Outcome outcome, String ref, String declineCode, String message, String actionUrl) {
    }

    public static final String CARD = "CARD";

    private final CollectionMapper collection;
    private final PaymentPosting posting;
    private final OutboxWriter outbox;
    private final Unsuspension unsuspension;
    private final Clock clock;

    public GatewaySettlement(CollectionMapper collection, PaymentPosting posting, OutboxWriter outbox, Unsuspension unsuspension, Clock clock) {
        this.collection = collection;
        this.posting = posting;
        this.outbox = outbox;
        this.unsuspension = unsuspension;
        this.clock = clock;
    }

    /**
     * Locks the attempt's invoice, then the attempt, and applies the gateway's answer, in the
     * caller's transaction; returns the status the attempt ends in.
     */
    public String settle(long attemptId, GatewayResult result, LocalDate on, String actor) {
        posting.lock(collection.selectAttemptInvoiceId(attemptId), null);
        return apply(collection.lockAttempt(attemptId), result, on, actor);
    }

    /** {@code attempt} and its invoice locked by {@link #settle}. */
    private String apply(PaymentAttempt attempt, GatewayResult result, LocalDate on, String actor) {
        if ("SUCCEEDED".equals(attempt.status)) {
            return attempt.status;
        }
        if (result.ref() != null) {
            attempt.gatewayRef = result.ref();
        }
        attempt.updatedAt = clock.instant();
        Map<String, Object> contact = collection.selectContact(attempt.customerId);
        Money amount = Money.of(attempt.amount, Money.currency(attempt.currency));
        Map<String, Object> model = new HashMap<>();
        model.put("name", contact.get("name"));
        model.put("amount", amount.toString());
        String email = (String) contact.get("email");
        switch (result.outcome()) {
            case SUCCEEDED -> {
                InvoiceForCredit invoice = posting.lock(attempt.invoiceId, null);
                boolean owes = posting.owed(invoice).amount().signum() > 0
                        && ("ISSUED".equals(invoice.status()) || "PARTIALLY_PAID".equals(invoice.status()));
                PaymentPosting.Posted posted = owes ? posting.post(invoice, attempt.amount, CARD, attempt.gatewayRef, on, actor)
                        : posting.postToCredit(invoice, attempt.amount, CARD, attempt.gatewayRef, on, actor);
                attempt.status = "SUCCEEDED";
                attempt.paymentId = posted.paymentId();
                attempt.message = null;
                model.put("number", invoice.number());
                model.put("method", "card");
                model.put("reference", attempt.gatewayRef);
                model.put("owed", posted.owedAfter().toString());
                outbox.email("EMAIL:RECEIPT:" + attempt.gatewayRef, attempt.customerId, attempt.invoiceId, email, Notices.PAYMENT_RECEIPT, model);
                unsuspension.run(attempt.customerId, on);
            }
            case REQUIRES_ACTION -> {
                attempt.status = "REQUIRES_ACTION";
                attempt.actionUrl = result.actionUrl();
                attempt.declineCode = result.declineCode();
                model.put("number", number(attempt));
                model.put("actionUrl", result.actionUrl() == null ? "(sign in to the portal to pay)" : result.actionUrl());
                outbox.email("EMAIL:ACTION:" + attempt.idempotencyKey, attempt.customerId, attempt.invoiceId, email, Notices.PAYMENT_ACTION_REQUIRED, model);
            }
            case PROCESSING -> attempt.status = "PROCESSING";
            case DECLINED -> {
                attempt.status = "DECLINED";
                attempt.declineCode = result.declineCode();
                attempt.message = result.message();
                model.put("number", number(attempt));
                model.put("reason", result.message() == null ? result.declineCode() : result.message());
                model.put("nextAttempt", "the next attempt");
                outbox.email("EMAIL:FAILED:" + attempt.idempotencyKey, attempt.customerId, attempt.invoiceId, email, Notices.PAYMENT_FAILED, model);
            }
            case UNKNOWN -> attempt.message = result.message();
        }
        collection.updateAttempt(attempt);
        return attempt.status;
    }

    private String number(PaymentAttempt attempt) {
        InvoiceForCredit invoice = posting.lock(attempt.invoiceId, null);
        return invoice.number();
    }
}
