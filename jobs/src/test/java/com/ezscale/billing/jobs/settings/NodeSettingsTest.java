package com.ezscale.billing.jobs.settings;

import static org.assertj.core.api.Assertions.assertThat;

import com.ezscale.billing.app.BillingProperties;
import com.ezscale.billing.app.account.WebhookProperties;
import com.ezscale.billing.app.collection.crypto.CoinbaseProperties;
import com.ezscale.billing.app.collection.paypal.PayPalProperties;
import com.ezscale.billing.app.collection.stripe.StripeProperties;
import com.ezscale.billing.app.panel.PanelProperties;
import com.ezscale.billing.ingest.IngestProperties;
import com.ezscale.billing.jobs.collection.CollectionProperties;
import com.ezscale.billing.jobs.run.RecoveryProperties;
import com.ezscale.billing.jobs.schedule.ScheduleProperties;
import com.ezscale.billing.persistence.replica.ReplicaProperties;
import com.ezscale.billing.reports.pdf.DocumentProperties;
import com.ezscale.billing.testing.StartupFailures;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.ConfigDataApplicationContextInitializer;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.context.annotation.Configuration;

/**
 * Every {@code ezscale.*} settings group of a jobs node is checked when the node starts: the shipped
 * {@code conf/application.yml} binds as it is; a misspelt key under any group, or a value out of
 * range, stops the node with the key named.
 */
class NodeSettingsTest {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties({
        BillingProperties.class,
        CollectionProperties.class,
        ScheduleProperties.class,
        RecoveryProperties.class,
        WebhookProperties.class,
        PanelProperties.class,
        IngestProperties.class,
        DocumentProperties.class,
        ReplicaProperties.class,
        StripeProperties.class,
        PayPalProperties.class,
        CoinbaseProperties.class
    })
    static class Settings {}

    final ApplicationContextRunner node = new ApplicationContextRunner()
            .withInitializer(new ConfigDataApplicationContextInitializer())
            .withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
            .withUserConfiguration(Settings.class);

    @Test
    void theShippedConfigurationBindsAsItIs() {
        node.run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean(BillingProperties.class).chunkSize()).isEqualTo(500);
            assertThat(context.getBean(ScheduleProperties.class).nightlyCron()).isEqualTo("0 0 2 * * ?");
            assertThat(context.getBean(DocumentProperties.class).renderPage()).isEqualTo(50);
            assertThat(context.getBean(ReplicaProperties.class).enabled()).isFalse();
            assertThat(context.getBean(PanelProperties.class).endpoints())
                    .as("read from conf/application.yml")
                    .containsKeys("virtfusion", "pterodactyl", "synergycp", "enhance");
        });
    }

    @Test
    void aMisspeltKeyUnderAnyGroupStopsTheNodeNamingIt() {
        for (String key : List.of(
                "ezscale.billing.invoice-day-before",
                "ezscale.collection.late-fee-percentage",
                "ezscale.schedule.nightly-corn",
                "ezscale.jobs.heartbeat",
                "ezscale.webhooks.allow-https",
                "ezscale.panels.timeout-seconds",
                "ezscale.ingest.kafka.topics",
                "ezscale.documents.render-thread",
                "ezscale.db.replica.max-lag-seconds")) {
            node.withPropertyValues(key + "=1")
                    .run(context -> assertThat(StartupFailures.messages(context.getStartupFailure()))
                            .as(key)
                            .contains(key));
        }
    }

    @Test
    void aValueOutOfRangeStopsTheNodeNamingIt() {
        record Bad(String setting, String named, String says) {}
        for (Bad bad : List.of(
                new Bad("ezscale.billing.chunk-size=0", "chunkSize", "greater than or equal to 1"),
                new Bad("ezscale.collection.late-fee-percent=150", "lateFeePercent", "less than or equal to 100"),
                new Bad("ezscale.schedule.nightly-cron=every night", "ezscale.schedule.nightly-cron", "cron"),
                new Bad("ezscale.schedule.time-zone=Mars/Olympus", "ezscale.schedule.time-zone", "not a time zone"),
                new Bad("ezscale.schedule.outbox-every-seconds=0", "outboxEverySeconds", "greater than or equal to 1"),
                new Bad("ezscale.jobs.owner-lost-after=PT5S", "ezscale.jobs.owner-lost-after", "at least twice"),
                new Bad("ezscale.ingest.kafka.consumers=0", "ezscale.ingest.kafka.consumers", "at least 1"),
                new Bad("ezscale.documents.render-threads=0", "renderThreads", "greater than or equal to 1"),
                new Bad("ezscale.webhooks.timeout-seconds=0", "timeoutSeconds", "greater than or equal to 1"),
                new Bad("ezscale.db.replica.max-lag=PT1S", "ezscale.db.replica.max-lag", "longer than"))) {
            node.withPropertyValues(bad.setting())
                    .run(context -> assertThat(StartupFailures.messages(context.getStartupFailure()))
                            .as(bad.setting())
                            .contains(bad.named())
                            .contains(bad.says()));
        }
    }
}
