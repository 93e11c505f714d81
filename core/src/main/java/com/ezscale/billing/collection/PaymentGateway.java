package com.ezscale.billing.collection;

import com.ezscale.billing.money.Money;
import java.util.Optional;

/**
 * The port of a payment gateway, as collection sees it (Stripe's cards, PayPal's vaulted wallets:
 * the ladder is the same for both). Every charge carries the attempt's idempotency key: sending it
 * twice charges once.
 */
public interface PaymentGateway {

    /** What became of a charge. */
    enum Outcome {
        SUCCEEDED,
        REQUIRES_ACTION,
        PROCESSING,
        DECLINED,
        UNKNOWN
    }

    /**
     * The gateway's answer: its reference for the charge, why it did not succeed, and what it kept
     * of a charge that did (its fee, in the charge's currency; null when it does not say).
     */
    record GatewayResult(Outcome outcome, String ref, String declineCode, String message, String actionUrl, Money fee) {
        public GatewayResult(Outcome outcome, String ref, String declineCode, String message, String actionUrl) {
            this(outcome, ref, declineCode, message, actionUrl, null);
        }
    }

    /** The name stored with attempts and customers' gateway ids (e.g. STRIPE). */
    String name();

    /** False without credentials: collect skips card charges and says so. */
    boolean configured();

    /** How the payments it takes are booked ({@code payment.method}): CARD for Stripe, PAYPAL for PayPal. */
    String paymentMethod();

    /** How many charges collect sends to it at once (the account's rate limit is kept by the adapter). */
    int concurrency();

    record ChargeRequest(
            String customerRef,
            String paymentMethodRef,
            Money amount,
            String idempotencyKey,
            long invoiceId,
            String invoiceNumber) {}

    /** Charges off-session; UNKNOWN when the answer was lost (timeout, 5xx past retries): the janitor finds out later. */
    GatewayResult charge(ChargeRequest request);

    /** What became of the charge sent with this idempotency key, if the gateway has it. */
    Optional<GatewayResult> lookup(String idempotencyKey);

    /** Refunds part or all of a charge; returns the gateway's refund id. */
    String refund(String chargeRef, Money amount, String idempotencyKey, String reason);
}
