package com.ezscale.billing.app.collection.stripe;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code ezscale.stripe.*}: the secret key from the environment (EZSCALE_STRIPE_API_KEY; empty:
 * card charges are skipped), the API base (a local stub in tests), the webhook signing secret, the
 * client's retries (same idempotency key), the requests per second the account allows and how many
 * charges run at once.
 */
@ConfigurationProperties("ezscale.stripe")
public record StripeProperties(
        String apiKey,
        @DefaultValue("https://api.stripe.com") String apiBase,
        String webhookSecret,
        @DefaultValue("2") int maxNetworkRetries,
        @DefaultValue("PT30S") Duration timeout,
        @DefaultValue("100") int requestsPerSecond,
        @DefaultValue("8") int concurrency,
        @DefaultValue("PT10M") Duration janitorAfter,
        @DefaultValue("https://checkout.stripe.com") String checkoutOrigin) {}
