package com.ezscale.billing.app.collection;

import static org.assertj.core.api.Assertions.assertThat;

import com.ezscale.billing.app.collection.crypto.CoinbaseProperties;
import com.ezscale.billing.app.collection.paypal.PayPalProperties;
import com.ezscale.billing.app.collection.stripe.StripeProperties;
import com.ezscale.billing.testing.StartupFailures;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * The gateways' settings are checked when a node starts: a bad value or a misspelt key under
 * {@code ezscale.stripe}, {@code ezscale.paypal} or {@code ezscale.crypto} stops it with the key
 * named; the environment variables the configuration documents are accepted as they are.
 */
class GatewayPropertiesTest {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties({StripeProperties.class, PayPalProperties.class, CoinbaseProperties.class})
    static class Gateways {}

    final ApplicationContextRunner node = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
            .withUserConfiguration(Gateways.class);

    @Test
    void theDefaultsAndTheDocumentedEnvironmentStartANode() {
        node.withInitializer(context -> context.getEnvironment()
                        .getPropertySources()
                        .addFirst(new SystemEnvironmentPropertySource(
                                "systemEnvironment",
                                Map.of(
                                        "EZSCALE_STRIPE_API_KEY", "sk_live_x",
                                        "EZSCALE_PAYPAL_CLIENT_ID", "id",
                                        "EZSCALE_PAYPAL_CLIENT_SECRET", "secret",
                                        "EZSCALE_COINBASE_API_KEY", "cc"))))
                .withPropertyValues("ezscale.paypal.environment=sandbox", "ezscale.stripe.concurrency=12")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context.getBean(PayPalProperties.class).requestsPerSecond())
                            .isEqualTo(30);
                    assertThat(context.getBean(StripeProperties.class).concurrency())
                            .isEqualTo(12);
                });
    }

    @Test
    void aBadValueStopsTheNodeNamingItsKey() {
        node.withPropertyValues("ezscale.paypal.requests-per-second=0")
                .run(context -> assertThat(StartupFailures.messages(context.getStartupFailure()))
                        .contains("ezscale.paypal")
                        .contains("requestsPerSecond")
                        .contains("must be greater than or equal to 1"));
        node.withPropertyValues("ezscale.paypal.environment=LIVE")
                .run(context -> assertThat(StartupFailures.messages(context.getStartupFailure()))
                        .contains("environment")
                        .contains("is PRODUCTION or SANDBOX"));
        node.withPropertyValues("ezscale.stripe.timeout=PT0S")
                .run(context -> assertThat(StartupFailures.messages(context.getStartupFailure()))
                        .contains("ezscale.stripe")
                        .contains("timeout"));
        node.withPropertyValues("ezscale.crypto.api-base=api.commerce.coinbase.com")
                .run(context -> assertThat(StartupFailures.messages(context.getStartupFailure()))
                        .contains("apiBase")
                        .contains("is an http(s) URL"));
    }

    @Test
    void aMisspeltKeyStopsTheNodeNamingIt() {
        node.withPropertyValues("ezscale.paypal.request-per-second=5")
                .run(context -> assertThat(StartupFailures.messages(context.getStartupFailure()))
                        .contains("ezscale.paypal.request-per-second"));
        node.withPropertyValues("ezscale.stripe.secret-key=sk_x")
                .run(context -> assertThat(StartupFailures.messages(context.getStartupFailure()))
                        .contains("ezscale.stripe.secret-key"));
    }
}
