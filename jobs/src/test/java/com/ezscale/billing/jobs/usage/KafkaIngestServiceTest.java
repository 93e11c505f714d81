package com.ezscale.billing.jobs.usage;

import static org.assertj.core.api.Assertions.assertThat;

import com.ezscale.billing.catalog.db.CatalogMapper;
import com.ezscale.billing.customer.db.CustomerMapper;
import com.ezscale.billing.ingest.UsageWorld;
import com.ezscale.billing.jobs.ops.KafkaHealthIndicator;
import com.ezscale.billing.subscription.db.SubscriptionMapper;
import com.ezscale.billing.testing.DatabaseTest;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.TestPropertySource;

/** What `serve` and `ingest-kafka` switch on: the jobs application consumes the topic continuously into samples. */
@EmbeddedKafka(partitions = 2, topics = "elastiflow-flow-codex")
@TestPropertySource(
        properties = {
            "ezscale.ingest.kafka.enabled=true",
            "ezscale.ingest.kafka.run=true",
            "ezscale.ingest.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}",
            "ezscale.ingest.kafka.batch-millis=200"
        })
class KafkaIngestServiceTest extends DatabaseTest {

    @Autowired
    EmbeddedKafkaBroker broker;

    @Autowired
    KafkaIngestService service;

    @Autowired
    KafkaHealthIndicator health;

    @Autowired
    io.micrometer.core.instrument.MeterRegistry meters;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    CatalogMapper catalog;

    @Autowired
    CustomerMapper customers;

    @Autowired
    SubscriptionMapper subscriptions;

    @Test
    void theRunningNodeConsumesFlowsIntoSamples() throws Exception {
        UsageWorld.create(catalog, customers, subscriptions);
        assertThat(service.isRunning()).isTrue();
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString());
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        Instant at = Instant.now().minusSeconds(600);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props)) {
            for (int i = 0; i < 100; i++) {
                producer.send(new ProducerRecord<>(
                        "elastiflow-flow-codex",
                        Integer.toString(i),
                        UsageWorld.flow(at, 1000, "198.51.100.1", "203.0.113.20")));
            }
        }
        long deadline = System.currentTimeMillis() + 60_000;
        while (offsets() < 100 && System.currentTimeMillis() < deadline) {
            Thread.sleep(100);
        }
        assertThat(offsets()).isEqualTo(100);
        assertThat(jdbc.queryForObject(
                        "SELECT SUM(bytes_in) FROM usage_sample WHERE subscription_id = 102", Long.class))
                .isEqualTo(100_000L);
        // ezscale.ingest.kafka.consumers (default 2): the node is two members of the group, a partition each
        // (the second member may join after the first took both partitions: the group rebalances to one each)
        try (AdminClient admin =
                AdminClient.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString()))) {
            long until = System.currentTimeMillis() + 60_000;
            ConsumerGroupDescription group;
            do {
                group = admin.describeConsumerGroups(List.of("ezscale-billing-ingest"))
                        .all()
                        .get()
                        .get("ezscale-billing-ingest");
                if (group.members().size() == 2
                        && group.members().stream()
                                .allMatch(m -> m.assignment().topicPartitions().size() == 1)) {
                    break;
                }
                Thread.sleep(200);
            } while (System.currentTimeMillis() < until);
            assertThat(group.members())
                    .hasSize(2)
                    .allSatisfy(
                            m -> assertThat(m.assignment().topicPartitions()).hasSize(1));
        }
        // the node's health says the same: two live members, a partition each, nothing left to read
        long until = System.currentTimeMillis() + 30_000;
        Health state;
        do {
            state = health.health(true);
            if (Long.valueOf(2).equals(((Number) state.getDetails().get("assignedPartitions")).longValue())
                    && Long.valueOf(0).equals(((Number) state.getDetails().get("lag")).longValue())) {
                break;
            }
            Thread.sleep(200);
        } while (System.currentTimeMillis() < until);
        assertThat(state.getStatus()).isEqualTo(Status.UP);
        assertThat(((Number) state.getDetails().get("assignedPartitions")).intValue())
                .isEqualTo(2);
        assertThat(((Number) state.getDetails().get("lag")).longValue()).isZero();
        assertThat((List<?>) state.getDetails().get("members"))
                .hasSize(2)
                .allSatisfy(m ->
                        assertThat(((KafkaIngestService.MemberState) m).alive()).isTrue());
        // and the scrape: one lag gauge per partition of the node, whichever member reads it
        assertThat(meters.find("ezscale.ingest.kafka.lag").gauges())
                .hasSize(2)
                .allSatisfy(g -> assertThat(g.value()).isZero());
    }

    private long offsets() {
        return jdbc.queryForObject("SELECT COALESCE(SUM(next_offset), 0) FROM ingest_kafka_offset", Long.class);
    }
}
