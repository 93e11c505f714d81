package com.ezscale.billing.app.collection;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.resilience4j.core.functions.Either;
import io.github.resilience4j.retry.Retry;
import org.junit.jupiter.api.Test;

class GatewayPacingTest {

    @Test
    void a429IsWaitedOutForSeveralSecondsOfTheAccountsSlotsSoConcurrentChargesAreNotStarved() {
        Retry retry = GatewayPacing.rateLimitRetry("test", e -> e instanceof IllegalStateException);
        assertThat(retry.getRetryConfig().getMaxAttempts()).isEqualTo(10);
        long shortest = Long.MAX_VALUE;
        long longest = 0;
        long longestPause = 0;
        for (int sample = 0; sample < 2_000; sample++) {
            long total = 0;
            for (int attempt = 1; attempt < retry.getRetryConfig().getMaxAttempts(); attempt++) {
                long pause = retry.getRetryConfig()
                        .getIntervalBiFunction()
                        .apply(attempt, Either.left(new IllegalStateException("429")));
                longestPause = Math.max(longestPause, pause);
                total += pause;
            }
            shortest = Math.min(shortest, total);
            longest = Math.max(longest, total);
        }
        // a request that keeps losing spans at least five of the account's one-second windows, and a run never
        // hangs on one for long
        assertThat(shortest).isGreaterThan(5_000);
        assertThat(longest).isLessThan(17_500);
        assertThat(longestPause).isLessThanOrEqualTo(2_000);
    }
}
