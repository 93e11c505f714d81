package com.ezscale.billing.app.collection.paypal;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code ezscale.paypal.*}: the REST app's client id and secret from the environment
 * (EZSCALE_PAYPAL_CLIENT_ID, EZSCALE_PAYPAL_CLIENT_SECRET; empty: PayPal customers are not charged
 * and collect says so), the environment (SANDBOX or PRODUCTION), an API base that replaces the
 * environment's host (a local stub in tests; empty in production), the webhook id PayPal gave the
 * portal's endpoint (its signatures are verified against it), the client's timeout and retries
 * (each retry carries the same PayPal-Request-Id), the requests per second the account allows,
 * how many charges run at once, how old a webhook's transmission may be, and where PayPal's
 * approval page lives (the portal's save button redirects there: its CSP allows it). Checked at
 * start-up: a bad value or an unknown key under {@code ezscale.paypal} stops the node, naming it.
 */
@ConfigurationProperties(prefix = "ezscale.paypal", ignoreUnknownFields = false)
@Validated
public record PayPalProperties(
        String clientId,
        String clientSecret,

        @DefaultValue("PRODUCTION") @Pattern(regexp = "(?i)PRODUCTION|SANDBOX", message = "is PRODUCTION or SANDBOX")
        String environment,

        String apiBase,
        String webhookId,
        @DefaultValue("PT30S") @DurationMin(seconds = 1) Duration timeout,
        @DefaultValue("2") @Min(0) @Max(10) int retries,
        @DefaultValue("30") @Min(1) int requestsPerSecond,
        @DefaultValue("4") @Min(1) @Max(64) int concurrency,
        @DefaultValue("PT5M") @DurationMin(seconds = 1) Duration webhookTolerance,

        @DefaultValue("https://www.paypal.com")
        @Pattern(regexp = "https?://[^\\s/]+", message = "is an origin, e.g. https://www.paypal.com")
        String approvalOrigin) {

    /** The API's origin: the configured base, else the environment's host. */
    public String origin() {
        if (apiBase != null && !apiBase.isBlank()) {
            return apiBase.replaceAll("/$", "");
        }
        return "SANDBOX".equalsIgnoreCase(environment)
                ? "https://api-m.sandbox.paypal.com"
                : "https://api-m.paypal.com";
    }
}
