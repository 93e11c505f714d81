package com.ezscale.billing.ingest.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import com.ezscale.billing.app.usage.UsageCompaction;
import com.ezscale.billing.catalog.db.CatalogMapper;
import com.ezscale.billing.customer.db.CustomerMapper;
import com.ezscale.billing.ingest.IngestProperties;
import com.ezscale.billing.ingest.UsageWorld;
import com.ezscale.billing.ingest.aggregate.UsageAggregator;
import com.ezscale.billing.ingest.aggregate.UsageBatch;
import com.ezscale.billing.ingest.attribution.AttributionIndexProvider;
import com.ezscale.billing.ingest.store.IngestMetrics;
import com.ezscale.billing.ingest.store.UsageStore;
import com.ezscale.billing.subscription.db.SubscriptionMapper;
import com.ezscale.billing.testing.DatabaseTest;
import com.ezscale.billing.usage.UsageDay;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A real Kafka broker (in-process KRaft): a consumer killed right after a database commit, then
 * restarted, and two consumers rebalancing the partitions between them, both end with sums of
 * bytes per service equal to the input, exactly.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@EmbeddedKafka(
        partitions = 3,
        topics = {"flows-crash", "flows-rebalance", "flows-growth", "flows-folded"})
class KafkaIngestorTest extends DatabaseTest {

    record Expected(Map<Long, long[]> perService, long[] unattributed, int records) {}

    /** Known addresses and their owner (-1: nobody's). 203.0.113.30 is service 103's before the move. */
    static final String[][] HOSTS = {
        {"203.0.113.10", "101"},
        {"2001:db8:101:1::9", "101"},
        {"203.0.113.20", "102"},
        {"203.0.113.30", "103"},
        {"198.51.100.1", "-1"},
        {"198.51.100.2", "-1"},
        {"2001:db8:ffff::1", "-1"}
    };

    @Autowired
    EmbeddedKafkaBroker broker;

    @Autowired
    UsageAggregator aggregator;

    @Autowired
    AttributionIndexProvider attribution;

    @Autowired
    UsageStore store;

    @Autowired
    IngestMetrics metrics;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    UsageCompaction compaction;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    DataSource dataSource;

    @Autowired
    CatalogMapper catalog;

    @Autowired
    CustomerMapper customers;

    @Autowired
    SubscriptionMapper subscriptions;

    @BeforeAll
    void world() {
        UsageWorld.create(catalog, customers, subscriptions);
    }

    @Test
    void aConsumerKilledRightAfterACommitAndRestartedCountsEveryByteOnce() throws Exception {
        Map<Long, long[]> before = sums();
        Expected input = produce("flows-crash", 3000, 1);

        AtomicInteger commits = new AtomicInteger();
        AtomicReference<Throwable> died = new AtomicReference<>();
        Thread first = new Thread(ingestor("flows-crash", "crash-group", batch -> {
            if (commits.incrementAndGet()
                    == 1) { // the first batch (later ones grow while one is written: 600 to 2,400 records)
                throw new IllegalStateException("killed between the database commit and anything after it");
            }
        }));
        first.setUncaughtExceptionHandler((t, e) -> died.set(e));
        first.start();
        first.join(60_000);
        assertThat(died.get()).hasMessageContaining("killed");
        assertThat(storedOffsets("crash-group")).isBetween(1L, 2999L);

        KafkaIngestor second = ingestor("flows-crash", "crash-group", batch -> {});
        Thread thread = new Thread(second);
        thread.start();
        awaitOffsets("crash-group", input.records());
        second.stop();
        thread.join(30_000);

        assertSumsGrewBy(before, input);
    }

    /**
     * Flows of a day five days back (late): the first batch is stored as samples and the consumer
     * dies before Kafka hears of it; the day is then folded into day rows; the restarted consumer is
     * handed the first batch again (skipped: the database holds its offsets) and the rest, which is
     * added to the day rows in the transactions that receive it. Every byte counts once and nothing
     * is left in rows for the folded day.
     */
    @Test
    void aBatchReplayedAfterItsDayWasFoldedCountsOnceAndTheRestJoinsTheDayRows() throws Exception {
        Map<Long, long[]> before = sums();
        LocalDate day = LocalDate.now(ZoneOffset.UTC).minusDays(5);
        Expected input = produce("flows-folded", 3000, 7, day.atTime(10, 0).toInstant(ZoneOffset.UTC));

        AtomicInteger commits = new AtomicInteger();
        AtomicReference<Throwable> died = new AtomicReference<>();
        Thread first = new Thread(ingestor("flows-folded", "folded-group", batch -> {
            if (commits.incrementAndGet() == 1) {
                throw new IllegalStateException("killed between the database commit and anything after it");
            }
        }));
        first.setUncaughtExceptionHandler((t, e) -> died.set(e));
        first.start();
        first.join(60_000);
        assertThat(died.get()).hasMessageContaining("killed");
        long firstBatch = storedOffsets("folded-group");
        assertThat(firstBatch).isBetween(1L, 2999L);

        LocalDate foldBefore = UsageCompaction.foldBefore(LocalDate.now(ZoneOffset.UTC));
        transactions.execute(status -> compaction.fold(List.of(101L, 102L, 103L), foldBefore));
        assertThat(jdbc.queryForList("SELECT subscription_id FROM usage_day WHERE day = ? ORDER BY 1", Long.class, day))
                .as("the day folded (103's flows keep to the day it still had the address)")
                .containsExactly(101L, 102L);

        KafkaIngestor second = ingestor("flows-folded", "folded-group", batch -> {});
        Thread thread = new Thread(second);
        thread.start();
        awaitOffsets("folded-group", input.records());
        second.stop();
        thread.join(30_000);

        assertSumsGrewBy(before, input);
        assertThat(jdbc.queryForObject(
                        "SELECT COUNT(*) FROM usage_sample WHERE subscription_id IN (101, 102, 103) AND bucket < ?",
                        Long.class,
                        UsageDay.firstBucket(foldBefore.toEpochDay())))
                .as("samples left for the folded days")
                .isZero();
    }

    @Test
    void twoConsumersRebalancingCountEveryByteOnce() throws Exception {
        Map<Long, long[]> before = sums();
        // the two consumers share one writer, as a node's consumers do (their batches written together, fenced one by
        // one)
        KafkaBatchWriter writer =
                new KafkaBatchWriter("rebalance-group", "flows-rebalance", store, Clock.systemUTC(), 300);
        KafkaIngestor a = ingestor("flows-rebalance", "rebalance-group", batch -> {}, writer);
        Thread threadA = new Thread(a);
        threadA.start();
        Expected firstHalf = produce("flows-rebalance", 2000, 2);
        Thread.sleep(500);
        KafkaIngestor b = ingestor("flows-rebalance", "rebalance-group", batch -> {}, writer);
        Thread threadB = new Thread(b);
        threadB.start();
        Expected secondHalf = produce("flows-rebalance", 2000, 3);
        awaitOffsets("rebalance-group", firstHalf.records() + secondHalf.records());
        a.stop();
        b.stop();
        threadA.join(30_000);
        threadB.join(30_000);
        writer.close();

        Map<Long, long[]> combined = new HashMap<>(firstHalf.perService());
        secondHalf
                .perService()
                .forEach((k, v) -> combined.merge(k, v, (x, y) -> new long[] {x[0] + y[0], x[1] + y[1]}));
        assertSumsGrewBy(
                before,
                new Expected(
                        combined,
                        new long[] {firstHalf.unattributed()[0] + secondHalf.unattributed()[0]},
                        firstHalf.records() + secondHalf.records()));
        assertThat(jdbc.queryForObject(
                        "SELECT SUM(records) FROM ingest_window WHERE source = 'kafka' AND label LIKE 'flows-rebalance%'",
                        Long.class))
                .isEqualTo(firstHalf.records() + secondHalf.records());
    }

    /**
     * While its batch before waits for the database (a transaction holds the group's offset rows),
     * a consumer goes on reading into the next batch past batch-records (600) instead of waiting;
     * once the lock goes, everything commits once.
     */
    @Test
    void aBatchKeepsGrowingWhileTheOneBeforeIsWritten() throws Exception {
        Map<Long, long[]> before = sums();
        for (int partition = 0; partition < 3; partition++) { // the group has read nothing yet: its offsets stored at 0
            jdbc.update(
                    "INSERT INTO ingest_kafka_offset (consumer_group, topic, partition_no, next_offset, updated_at) "
                            + "VALUES ('growth-group', 'flows-growth', ?, 0, NOW())",
                    partition);
        }
        Expected input = produce("flows-growth", 3000, 4);
        KafkaIngestor ingestor = ingestor("flows-growth", "growth-group", batch -> {});
        Thread thread = new Thread(ingestor);
        try (Connection lock = dataSource.getConnection()) {
            lock.setAutoCommit(false);
            try (PreparedStatement s = lock.prepareStatement(
                    "SELECT * FROM ingest_kafka_offset WHERE consumer_group = 'growth-group' FOR UPDATE")) {
                s.executeQuery().close();
            }
            thread.start();
            KafkaBatchWriterTest.awaitLockWait(jdbc, "the first batch");
            Thread.sleep(2000); // the consumer reads the rest meanwhile
            lock.commit();
        }
        awaitOffsets("growth-group", input.records());
        ingestor.stop();
        thread.join(30_000);

        assertSumsGrewBy(before, input);
        List<Long> batches = jdbc.queryForList(
                "SELECT records FROM ingest_window WHERE label LIKE 'flows-growth%' ORDER BY id", Long.class);
        assertThat(batches.stream().mapToLong(Long::longValue).sum()).isEqualTo(input.records());
        assertThat(batches.get(0))
                .as("the first batch, handed over by 600 records (polls of up to 250)")
                .isLessThanOrEqualTo(849L);
        assertThat(batches.get(1)).as("the next grew while the first waited").isGreaterThan(849L);
    }

    private KafkaIngestor ingestor(String topic, String group, Consumer<UsageBatch> afterCommit) {
        return ingestor(topic, group, afterCommit, null);
    }

    private KafkaIngestor ingestor(
            String topic, String group, Consumer<UsageBatch> afterCommit, KafkaBatchWriter writer) {
        IngestProperties.Kafka config = new IngestProperties.Kafka(
                true, true, broker.getBrokersAsString(), topic, group, 250, 100, 600, 300, 1);
        return new KafkaIngestor(
                config, aggregator, attribution, store, metrics, Clock.systemUTC(), afterCommit, writer);
    }

    private Expected produce(String topic, int count, long seed) {
        return produce(topic, count, seed, Instant.now().minus(2, ChronoUnit.HOURS));
    }

    /** {@code count} flows within the hour after {@code base}. */
    private Expected produce(String topic, int count, long seed, Instant base) {
        Random random = new Random(seed);
        Map<Long, long[]> perService = new HashMap<>();
        long[] unattributed = new long[1];
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString());
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props)) {
            for (int i = 0; i < count; i++) {
                String[] src = HOSTS[random.nextInt(HOSTS.length)];
                String[] dst = HOSTS[random.nextInt(HOSTS.length)];
                long bytes = 40 + random.nextInt(1_500_000);
                Instant at = base.plusMillis(random.nextInt(3_600_000));
                if (at.isAfter(UsageWorld.MOVE) && (src[1].equals("103") || dst[1].equals("103"))) {
                    at = UsageWorld.MOVE.minusSeconds(60); // keep 203.0.113.30 with service 103 in this test's input
                }
                long s = Long.parseLong(src[1]);
                long d = Long.parseLong(dst[1]);
                if (s < 0 && d < 0) {
                    unattributed[0] += bytes;
                }
                if (d > 0) {
                    perService.computeIfAbsent(d, k -> new long[2])[0] += bytes;
                }
                if (s > 0) {
                    perService.computeIfAbsent(s, k -> new long[2])[1] += bytes;
                }
                producer.send(
                        new ProducerRecord<>(topic, Integer.toString(i), UsageWorld.flow(at, bytes, src[0], dst[0])));
            }
            producer.flush();
        }
        return new Expected(perService, unattributed, count);
    }

    private void assertSumsGrewBy(Map<Long, long[]> before, Expected input) {
        Map<Long, long[]> after = sums();
        for (long service : List.of(101L, 102L, 103L)) {
            long[] was = before.getOrDefault(service, new long[2]);
            long[] now = after.getOrDefault(service, new long[2]);
            long[] added = input.perService().getOrDefault(service, new long[2]);
            assertThat(now[0] - was[0]).as("bytes in of service %d", service).isEqualTo(added[0]);
            assertThat(now[1] - was[1]).as("bytes out of service %d", service).isEqualTo(added[1]);
        }
    }

    private Map<Long, long[]> sums() {
        Map<Long, long[]> sums = new HashMap<>();
        jdbc.query(
                "SELECT subscription_id, SUM(bytes_in), SUM(bytes_out) FROM (SELECT subscription_id, bytes_in, bytes_out"
                        + " FROM usage_sample UNION ALL SELECT subscription_id, bytes_in, bytes_out FROM usage_day) u"
                        + " GROUP BY subscription_id",
                rs -> {
                    sums.put(rs.getLong(1), new long[] {rs.getLong(2), rs.getLong(3)});
                });
        return sums;
    }

    private long storedOffsets(String group) {
        return jdbc.queryForObject(
                "SELECT COALESCE(SUM(next_offset), 0) FROM ingest_kafka_offset WHERE consumer_group = ?",
                Long.class,
                group);
    }

    private void awaitOffsets(String group, long total) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 60_000;
        while (storedOffsets(group) < total && System.currentTimeMillis() < deadline) {
            Thread.sleep(100);
        }
        assertThat(storedOffsets(group)).isEqualTo(total);
    }
}
