package com.ezscale.billing.app.collection.crypto;

import jakarta.validation.constraints.Pattern;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code ezscale.crypto.*}: Coinbase Commerce's API key and the webhook's shared secret, from the
 * environment (EZSCALE_COINBASE_API_KEY, EZSCALE_COINBASE_WEBHOOK_SECRET; empty: no crypto
 * payments), the API base (a local stub in tests), the client's timeout, how long before its expiry
 * a charge is no longer handed out (a new one is made), and how old a webhook event may be
 * (Coinbase retries a failed delivery for up to three days). Checked at start-up: a bad value or an
 * unknown key under {@code ezscale.crypto} stops the node, naming it.
 */
@ConfigurationProperties(prefix = "ezscale.crypto", ignoreUnknownFields = false)
@Validated
public record CoinbaseProperties(
        String apiKey,
        String webhookSecret,

        @DefaultValue("https://api.commerce.coinbase.com")
        @Pattern(regexp = "https?://\\S+", message = "is an http(s) URL")
        String apiBase,

        @DefaultValue("PT30S") @DurationMin(seconds = 1) Duration timeout,
        @DefaultValue("PT10M") @DurationMin(seconds = 0) Duration renewBefore,
        @DefaultValue("P3D") @DurationMin(minutes = 1) Duration webhookMaxAge) {

    public boolean configured() {
        return apiKey != null && !apiKey.isBlank();
    }
}
