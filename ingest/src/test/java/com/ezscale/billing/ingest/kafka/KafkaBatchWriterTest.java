package com.ezscale.billing.ingest.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import com.ezscale.billing.ingest.aggregate.UsageAggregator;
import com.ezscale.billing.ingest.aggregate.UsageBatch;
import com.ezscale.billing.ingest.attribution.ExporterPolicy;
import com.ezscale.billing.ingest.attribution.IpAttributionIndex;
import com.ezscale.billing.ingest.flow.ElastiFlowSchema;
import com.ezscale.billing.ingest.flow.FlowRecordParser;
import com.ezscale.billing.ingest.store.UsageStore;
import com.ezscale.billing.subscription.IpAssignment;
import com.ezscale.billing.subscription.IpPrefix;
import com.ezscale.billing.testing.DatabaseTest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The node's writer takes the batches that queued while it was writing into one transaction,
 * summing their rows; a batch whose partition another consumer moved is fenced alone and the
 * others still commit.
 */
class KafkaBatchWriterTest extends DatabaseTest {

    private static final String GROUP = "writer-group";
    private static final String TOPIC = "writer-topic";
    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
    private static final IpAttributionIndex INDEX = new IpAttributionIndex(List.of(
            new IpAssignment(0, 501, IpPrefix.parse("203.0.113.51"), Instant.parse("2026-01-01T00:00:00Z"), null),
            new IpAssignment(0, 502, IpPrefix.parse("203.0.113.52"), Instant.parse("2026-01-01T00:00:00Z"), null)));

    @Autowired
    UsageStore store;

    @Autowired
    DataSource dataSource;

    @Autowired
    JdbcTemplate jdbc;

    private final UsageAggregator aggregator = new UsageAggregator(
            new FlowRecordParser(ElastiFlowSchema.CODEX, Duration.ofDays(760)), new ExporterPolicy(List.of()));

    @Test
    void batchesQueuedWhileOneIsWrittenCommitTogetherAndAFencedOneAlone() throws Exception {
        TopicPartition p0 = new TopicPartition(TOPIC, 0);
        TopicPartition p1 = new TopicPartition(TOPIC, 1);
        TopicPartition p2 = new TopicPartition(TOPIC, 2);
        TopicPartition p3 = new TopicPartition(TOPIC, 3);
        jdbc.update(
                "INSERT INTO ingest_kafka_offset (consumer_group, topic, partition_no, next_offset, updated_at) VALUES "
                        + "(?, ?, 0, 100, NOW()), (?, ?, 1, 70, NOW())",
                GROUP,
                TOPIC,
                GROUP,
                TOPIC);

        try (KafkaBatchWriter writer = new KafkaBatchWriter(GROUP, TOPIC, store, Clock.systemUTC())) {
            CompletableFuture<KafkaBatchWriter.Request> first;
            CompletableFuture<KafkaBatchWriter.Request> a;
            CompletableFuture<KafkaBatchWriter.Request> b;
            CompletableFuture<KafkaBatchWriter.Request> c;
            try (Connection lock =
                    dataSource.getConnection()) { // another transaction holds the offset rows: the writer waits
                lock.setAutoCommit(false);
                try (PreparedStatement s = lock.prepareStatement(
                        "SELECT * FROM ingest_kafka_offset WHERE consumer_group = ? FOR UPDATE")) {
                    s.setString(1, GROUP);
                    s.executeQuery().close();
                }
                // the first batch: a new partition 2, 1,000 bytes to service 501
                first = writer.submit(this, batch(1000, 0), Map.of(p2, new long[] {0, 9}), Map.of(), "first");
                awaitLockWait(jdbc, first);
                // queued meanwhile: a is where partition 0 is stored (100); b expects partition 1 at 50, another
                // consumer moved it to 70
                a = writer.submit(this, batch(200, 30), Map.of(p0, new long[] {100, 199}), Map.of(p0, 100L), "a");
                b = writer.submit(this, batch(7, 7), Map.of(p1, new long[] {50, 59}), Map.of(p1, 50L), "b");
                // and c, a first read of partition 3: a and c are summed into one set of rows
                c = writer.submit(this, batch(4, 5), Map.of(p3, new long[] {0, 4}), Map.of(), "c");
                Thread.sleep(200);
                lock.commit();
            }
            assertThat(first.get(30, TimeUnit.SECONDS).label()).isEqualTo("first");
            assertThat(a.get(30, TimeUnit.SECONDS).label()).isEqualTo("a");
            assertThat(b.get(30, TimeUnit.SECONDS)).as("fenced").isNull();
            assertThat(c.get(30, TimeUnit.SECONDS).label()).isEqualTo("c");
        }

        assertThat(jdbc.queryForList(
                        "SELECT partition_no, next_offset FROM ingest_kafka_offset WHERE consumer_group = ? ORDER BY partition_no",
                        GROUP))
                .extracting(r -> ((Number) r.get("partition_no")).intValue() + "@" + r.get("next_offset"))
                .containsExactly("0@200", "1@70", "2@10", "3@5");
        assertThat(jdbc.queryForObject(
                        "SELECT SUM(bytes_in) FROM usage_sample WHERE subscription_id = 501", Long.class))
                .isEqualTo(1204L);
        assertThat(jdbc.queryForObject(
                        "SELECT SUM(bytes_out) FROM usage_sample WHERE subscription_id = 502", Long.class))
                .isEqualTo(35L);
        assertThat(jdbc.queryForObject(
                        "SELECT COUNT(*) FROM usage_sample WHERE subscription_id IN (501, 502)", Long.class))
                .as("one row per service and bucket")
                .isEqualTo(2L);
        // a and c written in one transaction with nothing of b's; each committed batch kept its own window
        assertThat(jdbc.queryForList(
                        "SELECT label FROM ingest_window WHERE source = 'kafka' ORDER BY label", String.class))
                .containsExactly("a", "c", "first");
    }

    private UsageBatch batch(long bytesTo501, long bytesFrom502) {
        UsageBatch batch = new UsageBatch();
        aggregator.accept(flow(bytesTo501, "198.51.100.1", "203.0.113.51"), "t:1", NOW, INDEX, batch);
        if (bytesFrom502 > 0) {
            aggregator.accept(flow(bytesFrom502, "203.0.113.52", "198.51.100.1"), "t:2", NOW, INDEX, batch);
        }
        return batch;
    }

    private static String flow(long bytes, String src, String dst) {
        return "{\"@timestamp\":\"2026-11-25T11:01:00Z\",\"flow.bytes\":" + bytes + ",\"flow.src.ip.addr\":\"" + src
                + "\",\"flow.dst.ip.addr\":\"" + dst + "\",\"flow.export.ip.addr\":\"192.0.2.1\"}";
    }

    /** Until a writer's session is inside its locking read of the offsets (waiting for a test's lock). */
    static void awaitLockWait(JdbcTemplate jdbc, Object context) throws InterruptedException {
        String waiting =
                "SELECT COUNT(*) FROM information_schema.PROCESSLIST WHERE COMMAND = 'Query' AND INFO LIKE '%FROM ingest_kafka_offset%FOR UPDATE%'"
                        + " AND INFO NOT LIKE '%PROCESSLIST%'";
        long deadline = System.currentTimeMillis() + 30_000;
        while (jdbc.queryForObject(waiting, Integer.class) == 0 && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
        assertThat(jdbc.queryForObject(waiting, Integer.class))
                .as("the writer waits for the lock (%s)", context)
                .isPositive();
    }
}
