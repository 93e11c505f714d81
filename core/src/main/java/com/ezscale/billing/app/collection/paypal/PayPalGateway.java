package com.ezscale.billing.app.collection.paypal;

import com.ezscale.billing.app.collection.GatewayPacing;
import com.ezscale.billing.collection.PaymentGateway;
import com.ezscale.billing.money.Money;
import com.paypal.sdk.Environment;
import com.paypal.sdk.PaypalServerSdkClient;
import com.paypal.sdk.authentication.ClientCredentialsAuthModel;
import com.paypal.sdk.exceptions.ApiException;
import com.paypal.sdk.exceptions.ErrorException;
import com.paypal.sdk.models.AmountWithBreakdown;
import com.paypal.sdk.models.CaptureOrderInput;
import com.paypal.sdk.models.CheckoutPaymentIntent;
import com.paypal.sdk.models.CreateOrderInput;
import com.paypal.sdk.models.CreatePaymentTokenInput;
import com.paypal.sdk.models.CreateSetupTokenInput;
import com.paypal.sdk.models.LinkDescription;
import com.paypal.sdk.models.OAuthToken;
import com.paypal.sdk.models.Order;
import com.paypal.sdk.models.OrderRequest;
import com.paypal.sdk.models.OrdersCapture;
import com.paypal.sdk.models.PaymentInitiator;
import com.paypal.sdk.models.PaymentSource;
import com.paypal.sdk.models.PaymentTokenRequest;
import com.paypal.sdk.models.PaymentTokenRequestPaymentSource;
import com.paypal.sdk.models.PaymentTokenResponse;
import com.paypal.sdk.models.PaypalPaymentTokenUsageType;
import com.paypal.sdk.models.PaypalWallet;
import com.paypal.sdk.models.PaypalWalletStoredCredential;
import com.paypal.sdk.models.PurchaseUnitRequest;
import com.paypal.sdk.models.RefundCapturedPaymentInput;
import com.paypal.sdk.models.RefundRequest;
import com.paypal.sdk.models.SetupTokenRequest;
import com.paypal.sdk.models.SetupTokenRequestPaymentSource;
import com.paypal.sdk.models.SetupTokenResponse;
import com.paypal.sdk.models.StoredPaymentSourceUsageType;
import com.paypal.sdk.models.VaultExperienceContext;
import com.paypal.sdk.models.VaultPaypalWalletRequest;
import com.paypal.sdk.models.VaultTokenRequest;
import com.paypal.sdk.models.VaultTokenRequestType;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import java.io.IOException;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * PayPal through PayPal's server SDK: a customer's PayPal wallet is vaulted once (Vault v3: a setup
 * token the customer approves at PayPal, exchanged for a payment token whose id is all we keep);
 * the ladder's charges are orders created with that token and captured at once, merchant-initiated.
 * Every request carries a {@code PayPal-Request-Id} derived from the attempt (the attempt's key; the
 * capture of an order that was not captured at once, the key + "-capture"), so a retry, ours or
 * the SDK's, returns the first answer and never charges again; the purchase unit's invoice id is
 * the attempt's key too, so an account that blocks duplicate invoice ids refuses a second payment
 * for an attempt even past the request id's retention. PayPal cannot be searched by our key at
 * once (transaction search lags by hours), so the janitor settles an attempt whose answer was lost
 * by sending the same request again with the same request id ({@link #lookup} finds nothing; the
 * collector then resends), which returns the order PayPal made the first time.
 */
@Component
public class PayPalGateway implements PaymentGateway {

    public static final String NAME = "PAYPAL";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final PayPalProperties properties;
    private final PaypalServerSdkClient client;
    private final RateLimiter limiter;
    private final Retry retry;
    private final Retry rateLimited;
    private volatile Token token;

    public PayPalGateway(PayPalProperties properties) {
        this.properties = properties;
        this.client = configured(properties) ? client(properties) : null;
        // 5xx and lost answers are sent again a few times, PayPal's 429 waited out a few more, always with the same
        // PayPal-Request-Id (it cannot charge twice); the limiter keeps the account's rate
        this.retry = Retry.of(
                "paypal",
                RetryConfig.custom()
                        .maxAttempts(1 + Math.max(0, properties.retries()))
                        .intervalFunction(IntervalFunction.ofExponentialRandomBackoff(Duration.ofMillis(250), 2.0))
                        .retryOnException(PayPalGateway::transient_)
                        .build());
        this.rateLimited = GatewayPacing.rateLimitRetry(
                "paypal", e -> e instanceof ApiException api && api.getResponseCode() == 429);
        this.limiter = GatewayPacing.accountRate("paypal", properties.requestsPerSecond());
    }

    /** Worth sending again with the same request id: PayPal's 5xx, and an answer that never came. */
    static boolean transient_(Throwable e) {
        return e instanceof IOException || (e instanceof ApiException api && api.getResponseCode() >= 500);
    }

    /** A call to PayPal at the account's rate, sent again while it fails transiently or is rate-limited. */
    private <T> T send(java.util.concurrent.Callable<T> call) throws Exception {
        return retry.executeCallable(() -> rateLimited.executeCallable(() -> {
            limiter.acquirePermission();
            return call.call();
        }));
    }

    private static boolean configured(PayPalProperties p) {
        return p.clientId() != null
                && !p.clientId().isBlank()
                && p.clientSecret() != null
                && !p.clientSecret().isBlank();
    }

    private static PaypalServerSdkClient client(PayPalProperties p) {
        OkHttpClient.Builder http = new OkHttpClient.Builder()
                .connectTimeout(p.timeout())
                .readTimeout(p.timeout())
                .writeTimeout(p.timeout());
        if (p.apiBase() != null && !p.apiBase().isBlank()) {
            // the SDK knows only PayPal's two hosts: requests are sent to the configured base instead (a local stub)
            HttpUrl base = HttpUrl.get(p.origin() + "/");
            http.addInterceptor(chain -> {
                Request r = chain.request();
                HttpUrl to = r.url()
                        .newBuilder()
                        .scheme(base.scheme())
                        .host(base.host())
                        .port(base.port())
                        .build();
                return chain.proceed(r.newBuilder().url(to).build());
            });
        }
        OkHttpClient okHttp = http.build();
        return new PaypalServerSdkClient.Builder()
                .environment("SANDBOX".equalsIgnoreCase(p.environment()) ? Environment.SANDBOX : Environment.PRODUCTION)
                .clientCredentialsAuth(new ClientCredentialsAuthModel.Builder(p.clientId(), p.clientSecret()).build())
                // the client as built here (its timeouts, the redirect to a stub); the retries are ours (retry below):
                // the SDK's own retry interceptor loses track of a request the redirect rewrote
                .httpClientConfig(c -> c.httpClientInstance(okHttp, false)
                        .timeout(Math.max(1, p.timeout().toSeconds())))
                .build();
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
        return "PAYPAL";
    }

    @Override
    public int concurrency() {
        return properties.concurrency();
    }

    /** An amount as PayPal writes it: a decimal string at the currency's scale ("10.00", "1000" for JPY). */
    public static String value(Money amount) {
        return amount.amount()
                .setScale(amount.currency().getDefaultFractionDigits(), RoundingMode.UNNECESSARY)
                .toPlainString();
    }

    @Override
    public GatewayResult charge(ChargeRequest request) {
        requireClient();
        OrderRequest order = new OrderRequest.Builder(
                        CheckoutPaymentIntent.CAPTURE,
                        List.of(new PurchaseUnitRequest.Builder(new AmountWithBreakdown.Builder(
                                                request.amount().currency().getCurrencyCode(), value(request.amount()))
                                        .build())
                                .referenceId(String.valueOf(request.invoiceId()))
                                .invoiceId(request.idempotencyKey())
                                .customId(request.invoiceNumber())
                                .description("Invoice " + request.invoiceNumber())
                                .build()))
                .paymentSource(new PaymentSource.Builder()
                        .paypal(new PaypalWallet.Builder()
                                .vaultId(request.paymentMethodRef())
                                .storedCredential(new PaypalWalletStoredCredential.Builder(PaymentInitiator.MERCHANT)
                                        .usage(StoredPaymentSourceUsageType.SUBSEQUENT)
                                        .build())
                                .build())
                        .build())
                .build();
        try {
            Order created = send(() -> client.getOrdersController()
                    .createOrder(new CreateOrderInput.Builder()
                            .paypalRequestId(request.idempotencyKey())
                            .prefer("return=representation")
                            .body(order)
                            .build())
                    .getResult());
            if (capture(created) == null && created.getStatus() != null) {
                switch (created.getStatus()) {
                    case CREATED, APPROVED -> {
                        String orderId = created.getId();
                        created = send(() -> client.getOrdersController()
                                .captureOrder(new CaptureOrderInput.Builder()
                                        .id(orderId)
                                        .paypalRequestId(request.idempotencyKey() + "-capture")
                                        .prefer("return=representation")
                                        .build())
                                .getResult());
                    }
                    default -> {}
                }
            }
            return result(created);
        } catch (ErrorException e) {
            return refused(e);
        } catch (ApiException e) {
            return e.getResponseCode() == 429 || e.getResponseCode() >= 500
                    ? new GatewayResult(
                            Outcome.UNKNOWN,
                            null,
                            null,
                            "PayPal answered " + e.getResponseCode() + ": " + e.getMessage(),
                            null)
                    : new GatewayResult(Outcome.DECLINED, null, "HTTP_" + e.getResponseCode(), e.getMessage(), null);
        } catch (Exception e) {
            // no answer (a timeout, a connection lost) past the retries: the janitor resends with the same request id
            return new GatewayResult(
                    Outcome.UNKNOWN, null, null, e.getClass().getSimpleName() + ": " + e.getMessage(), null);
        }
    }

    /**
     * PayPal's error answers: 429 and 5xx past the retries leave the outcome unknown (the janitor
     * resends with the same request id); PAYER_ACTION_REQUIRED sends the customer to PayPal;
     * DUPLICATE_INVOICE_ID means PayPal already took a payment for this attempt, so the outcome
     * is unknown, never declined; any other refusal (INSTRUMENT_DECLINED, TRANSACTION_REFUSED, a
     * deleted token) declines the attempt with PayPal's issue as its code.
     */
    static GatewayResult refused(ErrorException e) {
        int code = e.getResponseCode();
        String issue = e.getDetails() == null || e.getDetails().isEmpty()
                ? e.getName()
                : e.getDetails().get(0).getIssue();
        String message = e.getMessageField() != null ? e.getMessageField() : e.getMessage();
        if (code == 429 || code >= 500) {
            return new GatewayResult(Outcome.UNKNOWN, null, null, "PayPal answered " + code + " " + issue, null);
        }
        if ("PAYER_ACTION_REQUIRED".equals(issue)) {
            return new GatewayResult(Outcome.REQUIRES_ACTION, null, issue, message, link(e.getLinks(), "payer-action"));
        }
        if ("DUPLICATE_INVOICE_ID".equals(issue)) {
            return new GatewayResult(
                    Outcome.UNKNOWN, null, null, "PayPal already has a payment for this attempt (" + issue + ")", null);
        }
        return new GatewayResult(Outcome.DECLINED, null, issue, message, null);
    }

    private static OrdersCapture capture(Order order) {
        if (order.getPurchaseUnits() == null || order.getPurchaseUnits().isEmpty()) {
            return null;
        }
        var payments = order.getPurchaseUnits().get(0).getPayments();
        return payments == null
                        || payments.getCaptures() == null
                        || payments.getCaptures().isEmpty()
                ? null
                : payments.getCaptures().get(0);
    }

    /** What PayPal kept of a capture: the paypal_fee of its seller receivable breakdown, when it gives one. */
    static Money fee(OrdersCapture capture) {
        var breakdown = capture.getSellerReceivableBreakdown();
        if (breakdown == null || breakdown.getPaypalFee() == null) {
            return null;
        }
        com.paypal.sdk.models.Money fee = breakdown.getPaypalFee();
        return Money.of(new java.math.BigDecimal(fee.getValue()), Money.currency(fee.getCurrencyCode()));
    }

    private static String link(List<LinkDescription> links, String rel) {
        return links == null
                ? null
                : links.stream()
                        .filter(l -> rel.equals(l.getRel()))
                        .map(LinkDescription::getHref)
                        .findFirst()
                        .orElse(null);
    }

    /** What an order says about its payment: the capture's status (its id is the payment's reference), else the order's. */
    static GatewayResult result(Order order) {
        OrdersCapture capture = capture(order);
        if (capture != null && capture.getStatus() != null) {
            String reason = capture.getStatusDetails() == null
                            || capture.getStatusDetails().getReason() == null
                    ? null
                    : capture.getStatusDetails().getReason().value();
            return switch (capture.getStatus()) {
                case COMPLETED, PARTIALLY_REFUNDED, REFUNDED ->
                    new GatewayResult(Outcome.SUCCEEDED, capture.getId(), null, null, null, fee(capture));
                case PENDING -> new GatewayResult(Outcome.PROCESSING, capture.getId(), null, reason, null);
                case DECLINED, FAILED ->
                    new GatewayResult(
                            Outcome.DECLINED,
                            capture.getId(),
                            capture.getStatus().value(),
                            reason == null ? "PayPal declined the payment" : reason,
                            null);
                default ->
                    new GatewayResult(
                            Outcome.UNKNOWN, capture.getId(), null, "capture status " + capture.getStatus(), null);
            };
        }
        if (order.getStatus() == null) {
            return new GatewayResult(Outcome.UNKNOWN, order.getId(), null, "order without a status", null);
        }
        return switch (order.getStatus()) {
            case PAYER_ACTION_REQUIRED ->
                new GatewayResult(
                        Outcome.REQUIRES_ACTION,
                        order.getId(),
                        "PAYER_ACTION_REQUIRED",
                        null,
                        link(order.getLinks(), "payer-action"));
            case VOIDED ->
                new GatewayResult(Outcome.DECLINED, order.getId(), "VOIDED", "PayPal voided the order", null);
            default ->
                new GatewayResult(Outcome.UNKNOWN, order.getId(), null, "order status " + order.getStatus(), null);
        };
    }

    /**
     * Nothing: PayPal cannot be searched by our key while it matters. The collector and the janitor
     * then send the charge again with the same PayPal-Request-Id, which PayPal answers with the
     * order it made the first time (or makes it, if the first request never arrived).
     */
    @Override
    public Optional<GatewayResult> lookup(String idempotencyKey) {
        requireClient();
        return Optional.empty();
    }

    @Override
    public String refund(String chargeRef, Money amount, String idempotencyKey, String reason) {
        requireClient();
        try {
            return send(() -> client.getPaymentsController()
                    .refundCapturedPayment(new RefundCapturedPaymentInput.Builder()
                            .captureId(chargeRef)
                            .paypalRequestId(idempotencyKey)
                            .prefer("return=representation")
                            .body(new RefundRequest.Builder()
                                    .amount(new com.paypal.sdk.models.Money.Builder(
                                                    amount.currency().getCurrencyCode(), value(amount))
                                            .build())
                                    .noteToPayer(
                                            reason == null || reason.length() <= 255
                                                    ? reason
                                                    : reason.substring(0, 255))
                                    .build())
                            .build())
                    .getResult()
                    .getId());
        } catch (Exception e) {
            throw new IllegalStateException("PayPal refused the refund: " + e.getMessage(), e);
        }
    }

    /** A setup token the customer approves at PayPal: its id and the approval link. */
    public record Approval(String setupTokenId, String approveUrl) {}

    /**
     * Starts vaulting a customer's PayPal wallet (merchant-initiated charges later): a setup token
     * whose approval link the customer follows; PayPal sends the browser back to {@code returnUrl}
     * with {@code approval_token_id}. The request id is derived by the caller, so a double click
     * makes one setup token.
     */
    public Approval startVault(String requestId, String returnUrl, String cancelUrl) {
        requireClient();
        try {
            SetupTokenResponse token = send(() -> client.getVaultController()
                    .createSetupToken(new CreateSetupTokenInput.Builder()
                            .paypalRequestId(requestId)
                            .body(new SetupTokenRequest.Builder(new SetupTokenRequestPaymentSource.Builder()
                                            .paypal(new VaultPaypalWalletRequest.Builder()
                                                    .description("PayPal for EZSCALE invoices")
                                                    .usageType(PaypalPaymentTokenUsageType.MERCHANT)
                                                    .permitMultiplePaymentTokens(false)
                                                    .experienceContext(new VaultExperienceContext.Builder()
                                                            .brandName("EZSCALE")
                                                            .returnUrl(returnUrl)
                                                            .cancelUrl(cancelUrl)
                                                            .build())
                                                    .build())
                                            .build())
                                    .build())
                            .build())
                    .getResult());
            String approve = link(token.getLinks(), "approve");
            if (approve == null) {
                throw new IllegalStateException("PayPal gave no approval link for setup token " + token.getId());
            }
            return new Approval(token.getId(), approve);
        } catch (Exception e) {
            throw new IllegalStateException("PayPal did not start the approval: " + e.getMessage(), e);
        }
    }

    /** A vaulted wallet: PayPal's customer id, the payment token's id, and the account's e-mail (shown, not kept). */
    public record Wallet(String customerRef, String paymentTokenRef, String email) {}

    /** Exchanges an approved setup token for a payment token (the one the ladder charges). */
    public Wallet completeVault(String setupTokenId) {
        requireClient();
        try {
            PaymentTokenResponse token = send(() -> client.getVaultController()
                    .createPaymentToken(new CreatePaymentTokenInput.Builder()
                            .paypalRequestId("ezs-vault-" + setupTokenId)
                            .body(new PaymentTokenRequest.Builder(new PaymentTokenRequestPaymentSource.Builder()
                                            .token(new VaultTokenRequest.Builder(
                                                            setupTokenId, VaultTokenRequestType.SETUP_TOKEN)
                                                    .build())
                                            .build())
                                    .build())
                            .build())
                    .getResult());
            String email =
                    token.getPaymentSource() == null || token.getPaymentSource().getPaypal() == null
                            ? null
                            : token.getPaymentSource().getPaypal().getEmailAddress();
            return new Wallet(
                    token.getCustomer() == null ? null : token.getCustomer().getId(), token.getId(), email);
        } catch (Exception e) {
            throw new IllegalStateException("PayPal did not save the wallet: " + e.getMessage(), e);
        }
    }

    /** Deletes a vaulted payment token: PayPal can no longer be charged with it (already gone counts as done). */
    public void deleteToken(String paymentTokenRef) {
        requireClient();
        try {
            send(() -> client.getVaultController().deletePaymentToken(paymentTokenRef));
        } catch (ApiException e) {
            if (e.getResponseCode() != 404) {
                throw new IllegalStateException("PayPal did not remove the wallet: " + e.getMessage(), e);
            }
        } catch (Exception e) {
            throw new IllegalStateException("PayPal did not remove the wallet: " + e.getMessage(), e);
        }
    }

    /** The transmission headers PayPal signs a webhook with. */
    public record Transmission(String id, String time, String signature, String certUrl, String authAlgo) {}

    /**
     * Asks PayPal whether it sent this webhook (its verify-webhook-signature call, against the
     * webhook id the portal's endpoint was registered with); false for any answer but SUCCESS. The
     * event is sent back to PayPal exactly as it arrived.
     */
    public boolean verifyWebhook(Transmission t, String rawEvent) {
        requireClient();
        if (properties.webhookId() == null || properties.webhookId().isBlank()) {
            throw new IllegalStateException("no PayPal webhook id (EZSCALE_PAYPAL_WEBHOOK_ID)");
        }
        RestClient rest = RestClient.builder().baseUrl(properties.origin()).build();
        try {
            String token = accessToken();
            ObjectNode body = JSON.createObjectNode()
                    .put("auth_algo", t.authAlgo())
                    .put("cert_url", t.certUrl())
                    .put("transmission_id", t.id())
                    .put("transmission_sig", t.signature())
                    .put("transmission_time", t.time())
                    .put("webhook_id", properties.webhookId());
            body.set("webhook_event", JSON.readTree(rawEvent));
            limiter.acquirePermission();
            String answer = rest.post()
                    .uri("/v1/notifications/verify-webhook-signature")
                    .headers(h -> h.setBearerAuth(token))
                    .contentType(MediaType.APPLICATION_JSON)
                    .body(JSON.writeValueAsString(body))
                    .retrieve()
                    .body(String.class);
            return answer != null
                    && "SUCCESS"
                            .equals(JSON.readTree(answer)
                                    .path("verification_status")
                                    .asString());
        } catch (Exception e) {
            throw new IllegalStateException("PayPal could not verify the webhook: " + e.getMessage(), e);
        }
    }

    /**
     * An access token for the one call the SDK lacks (verify-webhook-signature), fetched through the
     * SDK's own client-credentials flow and kept until a minute before it expires.
     */
    private String accessToken() throws Exception {
        Token current = token;
        if (current == null || System.nanoTime() > current.renewAfterNanos()) {
            OAuthToken fetched = send(() -> client.getClientCredentialsAuth().fetchToken());
            long lifetime = fetched.getExpiresIn() == null ? 0 : Math.max(0, fetched.getExpiresIn() - 60);
            current = new Token(fetched.getAccessToken(), System.nanoTime() + lifetime * 1_000_000_000L);
            token = current;
        }
        return current.accessToken();
    }

    private record Token(String accessToken, long renewAfterNanos) {}

    private void requireClient() {
        if (client == null) {
            throw new IllegalStateException(
                    "PayPal is not configured (EZSCALE_PAYPAL_CLIENT_ID, EZSCALE_PAYPAL_CLIENT_SECRET)");
        }
    }
}
