package com.ezscale.billing.app.collection;

import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import java.time.Duration;
import java.util.function.Predicate;

/**
 * How a gateway adapter paces its calls, the same for Stripe and PayPal: a client-side limiter at
 * the account's requests per second (a call waits for its turn, up to five minutes), and the
 * gateway's own "too many requests" (429) waited out with a growing, jittered pause and the same
 * request sent again (same idempotency key), a few times.
 */
public final class GatewayPacing {

    private GatewayPacing() {}

    /** The account's rate, shared by every call of the adapter. */
    public static RateLimiter accountRate(String gateway, int requestsPerSecond) {
        return RateLimiter.of(
                gateway,
                RateLimiterConfig.custom()
                        .limitForPeriod(Math.max(1, requestsPerSecond))
                        .limitRefreshPeriod(Duration.ofSeconds(1))
                        .timeoutDuration(Duration.ofMinutes(5))
                        .build());
    }

    /**
     * Tries of a request the gateway answers 429, the first included: the pauses between them (from
     * about 250 ms, growing by half each time, at most 2 s, each jittered by half) add up to 6 to 17 s,
     * so that a request of the adapter's {@code concurrency} racing the others for an account's
     * per-second slots is not starved out of its turn (with 6 tries and no cap, one of 8 concurrent
     * charges against 3 a second could lose every race in under 2 s).
     */
    private static final int RATE_LIMIT_ATTEMPTS = 10;

    /** The gateway's 429 ({@code rateLimited} tells it from other failures) waited out, {@link #RATE_LIMIT_ATTEMPTS} tries in all. */
    public static Retry rateLimitRetry(String gateway, Predicate<Throwable> rateLimited) {
        return Retry.of(
                gateway + "-429",
                RetryConfig.custom()
                        .maxAttempts(RATE_LIMIT_ATTEMPTS)
                        .intervalFunction(IntervalFunction.ofExponentialRandomBackoff(
                                Duration.ofMillis(250), 1.5, 0.5, Duration.ofSeconds(2)))
                        .retryOnException(rateLimited)
                        .build());
    }
}
