package com.ezscale.billing.app.collection.stripe;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code ezscale.stripe.*}: the secret key from the environment (EZSCALE_STRIPE_API_KEY; empty:
 * card charges are skipped), the API base (a local stub in tests), the webhook signing secret, the
 * client's retries (same idempotency key), the requests per second the account allows, how many
 * charges run at once, and how old a webhook's signature may be. Checked at start-up: a bad value or
 * an unknown key under {@code ezscale.stripe} stops the node, naming it.
 */
@ConfigurationProperties(prefix = "ezscale.stripe", ignoreUnknownFields = false)
@Validated
public record StripeProperties(
        String apiKey,

        @DefaultValue("https://api.stripe.com") @Pattern(regexp = "https?://\\S+", message = "is an http(s) URL")
        String apiBase,

        String webhookSecret,
        @DefaultValue("2") @Min(0) @Max(10) int maxNetworkRetries,
        @DefaultValue("PT30S") @DurationMin(seconds = 1) Duration timeout,
        @DefaultValue("100") @Min(1) int requestsPerSecond,
        @DefaultValue("8") @Min(1) @Max(64) int concurrency,
        @DefaultValue("PT10M") @DurationMin(seconds = 1) Duration janitorAfter,

        @DefaultValue("https://checkout.stripe.com")
        @Pattern(regexp = "https?://[^\\s/]+", message = "is an origin, e.g. https://checkout.stripe.com")
        String checkoutOrigin,

        @DefaultValue("300") @Min(1) long webhookToleranceSeconds) {}
