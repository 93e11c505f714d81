package com.ezscale.billing.app.collection.crypto;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code ezscale.crypto.*}: Coinbase Commerce's API key and the webhook's shared secret, from the
 * environment (EZSCALE_COINBASE_API_KEY, EZSCALE_COINBASE_WEBHOOK_SECRET; empty: no crypto
 * payments), the API base (a local stub in tests), the client's timeout, how long before its expiry
 * a charge is no longer handed out (a new one is made), and how old a webhook event may be
 * (Coinbase retries a failed delivery for up to three days).
 */
@ConfigurationProperties("ezscale.crypto")
public record CoinbaseProperties(
        String apiKey,
        String webhookSecret,
        @DefaultValue("https://api.commerce.coinbase.com") String apiBase,
        @DefaultValue("PT30S") Duration timeout,
        @DefaultValue("PT10M") Duration renewBefore,
        @DefaultValue("P3D") Duration webhookMaxAge) {

    public boolean configured() {
        return apiKey != null && !apiKey.isBlank();
    }
}
