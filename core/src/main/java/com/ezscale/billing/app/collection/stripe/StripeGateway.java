package com.ezscale.billing.app.collection.stripe;

import com.ezscale.billing.app.collection.GatewayPacing;
import com.ezscale.billing.collection.PaymentGateway;
import com.ezscale.billing.collection.PaymentGateway.GatewayResult;
import com.ezscale.billing.collection.PaymentGateway.Outcome;
import com.ezscale.billing.money.Money;
import com.stripe.StripeClient;
import com.stripe.exception.ApiConnectionException;
import com.stripe.exception.ApiException;
import com.stripe.exception.CardException;
import com.stripe.exception.IdempotencyException;
import com.stripe.exception.InvalidRequestException;
import com.stripe.exception.RateLimitException;
import com.stripe.exception.StripeException;
import com.stripe.model.PaymentIntent;
import com.stripe.model.Refund;
import com.stripe.model.StripeSearchResult;
import com.stripe.net.RequestOptions;
import com.stripe.param.PaymentIntentCreateParams;
import com.stripe.param.PaymentIntentSearchParams;
import com.stripe.param.RefundCreateParams;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.retry.Retry;
import java.math.BigDecimal;
import java.util.Currency;
import java.util.Locale;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Stripe through stripe-java: off-session PaymentIntents confirmed at once, each with the attempt's
 * idempotency key (stripe-java's own retries reuse it), metadata naming the invoice and the attempt
 * so the janitor can search for it. Calls pass a client-side limiter at the account's rate.
 */
@Component
public class StripeGateway implements PaymentGateway {

    public static final String NAME = "STRIPE";
    private final StripeProperties properties;
    private final StripeClient client;
    private final RateLimiter limiter;
    private final Retry rateLimited;

    public StripeGateway(StripeProperties properties) {
        this.properties = properties;
        this.client = configured(properties)
                ? StripeClient.builder()
                        .setApiKey(properties.apiKey())
                        .setApiBase(properties.apiBase())
                        .setMaxNetworkRetries(properties.maxNetworkRetries())
                        .setConnectTimeout((int) properties.timeout().toMillis())
                        .setReadTimeout((int) properties.timeout().toMillis())
                        .build()
                : null;
        this.rateLimited = GatewayPacing.rateLimitRetry("stripe", e -> e instanceof RateLimitException);
        this.limiter = GatewayPacing.accountRate("stripe", properties.requestsPerSecond());
    }

    private static boolean configured(StripeProperties p) {
        return p.apiKey() != null && !p.apiKey().isBlank();
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean configured() {
        return client != null;
    }

    @Override
    public String paymentMethod() {
        return "CARD";
    }

    @Override
    public int concurrency() {
        return properties.concurrency();
    }

    /** An amount as Stripe counts it: in the currency's minor unit (cents). */
    public static long minorUnits(Money amount) {
        return amount.amount()
                .movePointRight(amount.currency().getDefaultFractionDigits())
                .longValueExact();
    }

    /** An amount Stripe gives in minor units with its lower-case currency code. */
    public static Money fromMinorUnits(long minor, String stripeCurrency) {
        Currency currency = Money.currency(stripeCurrency.toUpperCase(Locale.ROOT));
        return Money.of(BigDecimal.valueOf(minor).movePointLeft(currency.getDefaultFractionDigits()), currency);
    }

    @Override
    public GatewayResult charge(ChargeRequest request) {
        PaymentIntentCreateParams params = PaymentIntentCreateParams.builder()
                .setAmount(minorUnits(request.amount()))
                .setCurrency(request.amount().currency().getCurrencyCode().toLowerCase())
                .setCustomer(request.customerRef())
                .setPaymentMethod(request.paymentMethodRef())
                .setOffSession(true)
                .setConfirm(true)
                .setDescription("Invoice " + request.invoiceNumber())
                .putMetadata("invoice_id", String.valueOf(request.invoiceId()))
                .putMetadata("invoice_number", request.invoiceNumber())
                .putMetadata("attempt_key", request.idempotencyKey())
                // the charge's balance transaction carries Stripe's fee, recorded with the payment
                .addExpand("latest_charge.balance_transaction")
                .build();
        RequestOptions options = RequestOptions.builder()
                .setIdempotencyKey(request.idempotencyKey())
                .build();
        try {
            return result(createWithBackoff(params, options));
        } catch (CardException e) {
            PaymentIntent pi =
                    e.getStripeError() == null ? null : e.getStripeError().getPaymentIntent();
            String ref = pi == null ? null : pi.getId();
            if ("authentication_required".equals(e.getCode())) {
                return new GatewayResult(Outcome.REQUIRES_ACTION, ref, e.getCode(), e.getMessage(), null);
            }
            return new GatewayResult(
                    Outcome.DECLINED,
                    ref,
                    e.getDeclineCode() == null ? e.getCode() : e.getDeclineCode(),
                    e.getMessage(),
                    null);
        } catch (ApiConnectionException | ApiException | RateLimitException | IdempotencyException e) {
            return new GatewayResult(
                    Outcome.UNKNOWN, null, null, e.getClass().getSimpleName() + ": " + e.getMessage(), null);
        } catch (InvalidRequestException e) {
            return new GatewayResult(Outcome.DECLINED, null, e.getCode(), e.getMessage(), null);
        } catch (StripeException e) {
            throw new IllegalStateException("Stripe refused the request: " + e.getMessage(), e);
        }
    }

    /** Stripe's 429 ("too many requests") is waited out and the same request (same key) sent again, a few times. */
    private PaymentIntent createWithBackoff(PaymentIntentCreateParams params, RequestOptions options)
            throws StripeException {
        try {
            return rateLimited.executeCallable(() -> {
                limiter.acquirePermission();
                return client.v1().paymentIntents().create(params, options);
            });
        } catch (StripeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Stripe's fee on the charge, from its balance transaction when the answer carries it expanded. */
    static Money fee(PaymentIntent pi) {
        com.stripe.model.Charge charge = pi.getLatestChargeObject();
        com.stripe.model.BalanceTransaction txn = charge == null ? null : charge.getBalanceTransactionObject();
        if (txn == null || txn.getFee() == null || txn.getCurrency() == null) {
            return null;
        }
        return fromMinorUnits(txn.getFee(), txn.getCurrency());
    }

    static GatewayResult result(PaymentIntent pi) {
        return switch (pi.getStatus()) {
            case "succeeded" -> new GatewayResult(Outcome.SUCCEEDED, pi.getId(), null, null, null, fee(pi));
            case "processing" -> new GatewayResult(Outcome.PROCESSING, pi.getId(), null, null, null);
            case "requires_action" ->
                new GatewayResult(
                        Outcome.REQUIRES_ACTION,
                        pi.getId(),
                        null,
                        null,
                        pi.getNextAction() != null && pi.getNextAction().getRedirectToUrl() != null
                                ? pi.getNextAction().getRedirectToUrl().getUrl()
                                : null);
            case "requires_payment_method", "canceled" ->
                new GatewayResult(
                        Outcome.DECLINED,
                        pi.getId(),
                        pi.getLastPaymentError() == null
                                ? pi.getStatus()
                                : pi.getLastPaymentError().getDeclineCode(),
                        pi.getLastPaymentError() == null
                                ? null
                                : pi.getLastPaymentError().getMessage(),
                        null);
            default -> new GatewayResult(Outcome.UNKNOWN, pi.getId(), null, "status " + pi.getStatus(), null);
        };
    }

    /**
     * What a Checkout Session pays: an amount of an invoice, for the customer at Stripe if it has
     * one (the card is then offered, and saved for the ladder's later charges).
     */
    public record CheckoutRequest(
            long invoiceId,
            String invoiceNumber,
            Money amount,
            String customerRef,
            String idempotencyKey,
            String successUrl,
            String cancelUrl) {}

    /**
     * Creates a Checkout Session (Stripe's hosted payment page: no card data touches us) and returns
     * its URL. The PaymentIntent it makes carries the attempt's key in its metadata, as the
     * ladder's charges do, so Stripe's payment_intent.succeeded webhook settles the invoice through
     * the same path; the request carries the attempt's key as its idempotency key.
     */
    public String checkout(CheckoutRequest request) {
        if (client == null) {
            throw new IllegalStateException("Stripe is not configured (ezscale.stripe.api-key)");
        }
        com.stripe.param.checkout.SessionCreateParams.Builder params =
                com.stripe.param.checkout.SessionCreateParams.builder()
                        .setMode(com.stripe.param.checkout.SessionCreateParams.Mode.PAYMENT)
                        .setClientReferenceId(request.invoiceNumber())
                        .setSuccessUrl(request.successUrl())
                        .setCancelUrl(request.cancelUrl())
                        .addLineItem(com.stripe.param.checkout.SessionCreateParams.LineItem.builder()
                                .setQuantity(1L)
                                .setPriceData(com.stripe.param.checkout.SessionCreateParams.LineItem.PriceData.builder()
                                        .setCurrency(request.amount()
                                                .currency()
                                                .getCurrencyCode()
                                                .toLowerCase(Locale.ROOT))
                                        .setUnitAmount(minorUnits(request.amount()))
                                        .setProductData(com.stripe.param.checkout.SessionCreateParams.LineItem.PriceData
                                                .ProductData.builder()
                                                .setName("Invoice " + request.invoiceNumber())
                                                .build())
                                        .build())
                                .build())
                        .setPaymentIntentData(com.stripe.param.checkout.SessionCreateParams.PaymentIntentData.builder()
                                .setDescription("Invoice " + request.invoiceNumber())
                                .putMetadata("invoice_id", String.valueOf(request.invoiceId()))
                                .putMetadata("invoice_number", request.invoiceNumber())
                                .putMetadata("attempt_key", request.idempotencyKey())
                                .build())
                        .putMetadata("attempt_key", request.idempotencyKey());
        if (request.customerRef() != null) {
            params.setCustomer(request.customerRef());
        }
        try {
            limiter.acquirePermission();
            return client.v1()
                    .checkout()
                    .sessions()
                    .create(
                            params.build(),
                            RequestOptions.builder()
                                    .setIdempotencyKey(request.idempotencyKey())
                                    .build())
                    .getUrl();
        } catch (StripeException e) {
            throw new IllegalStateException("Stripe did not open a payment page: " + e.getMessage(), e);
        }
    }

    @Override
    public Optional<GatewayResult> lookup(String idempotencyKey) {
        try {
            limiter.acquirePermission();
            StripeSearchResult<PaymentIntent> found = client.v1()
                    .paymentIntents()
                    .search(PaymentIntentSearchParams.builder()
                            .setQuery("metadata['attempt_key']:'" + idempotencyKey.replace("'", "") + "'")
                            .build());
            return found.getData().stream().findFirst().map(StripeGateway::result);
        } catch (StripeException e) {
            throw new IllegalStateException("Stripe search failed: " + e.getMessage(), e);
        }
    }

    @Override
    public String refund(String chargeRef, Money amount, String idempotencyKey, String reason) {
        try {
            limiter.acquirePermission();
            Refund refund = client.v1()
                    .refunds()
                    .create(
                            RefundCreateParams.builder()
                                    .setPaymentIntent(chargeRef)
                                    .setAmount(minorUnits(amount))
                                    .putMetadata("reason", reason)
                                    .build(),
                            RequestOptions.builder()
                                    .setIdempotencyKey(idempotencyKey)
                                    .build());
            return refund.getId();
        } catch (StripeException e) {
            throw new IllegalStateException("Stripe refused the refund: " + e.getMessage(), e);
        }
    }

    /** A card as the gateway describes it (never its number). */
    public record Card(String paymentMethodRef, String brand, String last4, Integer expMonth, Integer expYear) {}

    /**
     * Creates the customer at Stripe (only its id, e-mail and name go there) and returns its id; the
     * idempotency key is derived from our customer id, so a retry or a second click makes no second
     * customer within Stripe's key window.
     */
    public String createCustomer(long customerId, String email, String name) {
        requireClient();
        try {
            limiter.acquirePermission();
            return client.v1()
                    .customers()
                    .create(
                            com.stripe.param.CustomerCreateParams.builder()
                                    .setEmail(email)
                                    .setName(name)
                                    .putMetadata("customer_id", String.valueOf(customerId))
                                    .build(),
                            RequestOptions.builder()
                                    .setIdempotencyKey("ezs-cus-" + customerId)
                                    .build())
                    .getId();
        } catch (StripeException e) {
            throw new IllegalStateException("Stripe did not create the customer: " + e.getMessage(), e);
        }
    }

    /**
     * A Checkout Session in setup mode: the customer enters a card on Stripe's page, Stripe saves it
     * to {@code customerRef} and sends setup_intent.succeeded (whose metadata names our customer);
     * returns the page's URL. Nothing is charged.
     */
    public String setupCheckout(
            String customerRef, long customerId, String idempotencyKey, String successUrl, String cancelUrl) {
        requireClient();
        com.stripe.param.checkout.SessionCreateParams params = com.stripe.param.checkout.SessionCreateParams.builder()
                .setMode(com.stripe.param.checkout.SessionCreateParams.Mode.SETUP)
                .addPaymentMethodType(com.stripe.param.checkout.SessionCreateParams.PaymentMethodType.CARD)
                .setCustomer(customerRef)
                .setClientReferenceId(String.valueOf(customerId))
                .setSuccessUrl(successUrl)
                .setCancelUrl(cancelUrl)
                .setSetupIntentData(com.stripe.param.checkout.SessionCreateParams.SetupIntentData.builder()
                        .setDescription("Card for EZSCALE invoices")
                        .putMetadata("customer_id", String.valueOf(customerId))
                        .putMetadata("purpose", "save_card")
                        .build())
                .putMetadata("customer_id", String.valueOf(customerId))
                .build();
        try {
            limiter.acquirePermission();
            return client.v1()
                    .checkout()
                    .sessions()
                    .create(
                            params,
                            RequestOptions.builder()
                                    .setIdempotencyKey(idempotencyKey)
                                    .build())
                    .getUrl();
        } catch (StripeException e) {
            throw new IllegalStateException("Stripe did not open the card page: " + e.getMessage(), e);
        }
    }

    /** The card behind a payment method, as Stripe describes it. */
    public Card card(String paymentMethodRef) {
        requireClient();
        try {
            limiter.acquirePermission();
            com.stripe.model.PaymentMethod pm = client.v1().paymentMethods().retrieve(paymentMethodRef);
            com.stripe.model.PaymentMethod.Card card = pm.getCard();
            return card == null
                    ? new Card(pm.getId(), pm.getType(), null, null, null)
                    : new Card(
                            pm.getId(),
                            card.getBrand(),
                            card.getLast4(),
                            card.getExpMonth() == null
                                    ? null
                                    : card.getExpMonth().intValue(),
                            card.getExpYear() == null ? null : card.getExpYear().intValue());
        } catch (StripeException e) {
            throw new IllegalStateException("Stripe did not describe " + paymentMethodRef + ": " + e.getMessage(), e);
        }
    }

    /** Detaches a payment method from its customer: Stripe can no longer charge it. */
    public void detach(String paymentMethodRef) {
        requireClient();
        try {
            limiter.acquirePermission();
            client.v1().paymentMethods().detach(paymentMethodRef);
        } catch (InvalidRequestException e) {
            if (!"payment_method_unexpected_state".equals(e.getCode())) {
                throw new IllegalStateException("Stripe did not remove the card: " + e.getMessage(), e);
            }
            // already detached: what was asked for holds
        } catch (StripeException e) {
            throw new IllegalStateException("Stripe did not remove the card: " + e.getMessage(), e);
        }
    }

    private void requireClient() {
        if (client == null) {
            throw new IllegalStateException("Stripe is not configured (ezscale.stripe.api-key)");
        }
    }
}
