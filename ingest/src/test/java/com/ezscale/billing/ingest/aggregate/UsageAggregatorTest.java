package com.ezscale.billing.ingest.aggregate;

import static org.assertj.core.api.Assertions.assertThat;

import com.ezscale.billing.ingest.attribution.ExporterPolicy;
import com.ezscale.billing.ingest.attribution.IpAttributionIndex;
import com.ezscale.billing.ingest.flow.ElastiFlowSchema;
import com.ezscale.billing.ingest.flow.FlowRecordParser;
import com.ezscale.billing.subscription.IpAssignment;
import com.ezscale.billing.subscription.IpPrefix;
import com.ezscale.billing.usage.UsageSample;
import com.ezscale.billing.usage.db.UnattributedRow;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;

class UsageAggregatorTest {

    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
    private static final IpAttributionIndex INDEX = new IpAttributionIndex(List.of(
            new IpAssignment(0, 10, IpPrefix.parse("203.0.113.10"), Instant.parse("2026-01-01T00:00:00Z"), null),
            new IpAssignment(0, 20, IpPrefix.parse("2001:db8:20::/48"), Instant.parse("2026-01-01T00:00:00Z"), null)));
    private static final ExporterPolicy EDGE = new ExporterPolicy(List.of(
            new ExporterPolicy.Exporter("192.0.2.1", 1, Set.of()),
            new ExporterPolicy.Exporter("192.0.2.2", 10, Set.of("xe-0/0/0"))));

    private final UsageAggregator aggregator =
            new UsageAggregator(new FlowRecordParser(ElastiFlowSchema.CODEX, Duration.ofDays(760)), EDGE);

    @Test
    void everyRecordAndEveryByteEndsUpInExactlyOnePlace() {
        UsageBatch batch = new UsageBatch();
        String[] records = {
            flow("2026-11-25T11:01:00Z", 1000, "198.51.100.1", "203.0.113.10", "192.0.2.1", "ge-1"), // inbound to 10
            flow("2026-11-25T11:02:00Z", 500, "203.0.113.10", "2001:db8:20::5", "192.0.2.1", "ge-1"), // 10 out, 20 in
            flow("2026-11-25T11:03:00Z", 70, "2001:db8:20::5", "198.51.100.1", "192.0.2.2", "xe-0/0/0"), // 20 out ×10
            flow("2026-11-25T11:04:00Z", 300, "198.51.100.1", "198.51.100.2", "192.0.2.1", "ge-1"), // nobody's
            flow(
                    "2026-11-25T11:04:30Z",
                    999,
                    "198.51.100.1",
                    "203.0.113.10",
                    "192.0.2.9",
                    "ge-1"), // not an edge exporter
            flow(
                    "2026-11-25T11:04:40Z",
                    999,
                    "198.51.100.1",
                    "203.0.113.10",
                    "192.0.2.2",
                    "ge-7"), // edge, wrong interface
            "{\"@timestamp\":\"2026-11-25T11:05:00Z\",\"flow.bytes\":-1}", // impossible
            "garbage",
        };
        for (int i = 0; i < records.length; i++) {
            aggregator.accept(records[i], "test:" + (i + 1), NOW, INDEX, batch);
        }
        assertThat(batch.records()).isEqualTo(records.length);
        assertThat(batch.attributedRecords()
                        + batch.unattributedRecords()
                        + batch.ignoredRecords()
                        + batch.deadLetterCount())
                .isEqualTo(records.length);
        assertThat(batch.attributedRecords()).isEqualTo(3);
        assertThat(batch.unattributedRecords()).isEqualTo(1);
        assertThat(batch.ignoredRecords()).isEqualTo(2);
        assertThat(batch.attributedBytes()).isEqualTo(1000 + 500 + 700);
        assertThat(batch.unattributedBytes()).isEqualTo(300);
        assertThat(batch.ignoredBytes()).isEqualTo(1998);
        assertThat(batch.deadLetters())
                .extracting(UsageBatch.DeadLetter::position, UsageBatch.DeadLetter::reason)
                .containsExactly(
                        Tuple.tuple("test:7", "flow.bytes is negative: -1"),
                        Tuple.tuple(
                                "test:8",
                                "not JSON: Unrecognized token 'garbage': was expecting (JSON String, Number, Array, Object or token 'null', 'true' or 'false')"));

        long bucket = Instant.parse("2026-11-25T11:00:00Z").getEpochSecond() / 300;
        assertThat(batch.sampleRows())
                .containsExactlyInAnyOrder(
                        new UsageSample(10, bucket, 1000, 500), new UsageSample(20, bucket, 500, 700));
        assertThat(batch.unattributedRows())
                .hasSize(2)
                .allSatisfy(r -> assertThat(r.day()).isEqualTo(LocalDate.parse("2026-11-25")));
        assertThat(batch.unattributedRows().stream().mapToLong(r -> r.bytesIn()).sum())
                .isEqualTo(300);
    }

    /**
     * Rows leave a batch in primary-key order whatever order they came in: two consumers writing
     * the same rows then lock them in the same order and cannot deadlock each other. IPv4 and IPv6,
     * several days, a key only outbound, and the Kafka path (a value inside a larger buffer).
     */
    @Test
    void rowsLeaveInPrimaryKeyOrderWithTheirSums() {
        UsageBatch batch = new UsageBatch();
        String[] records = {
            flow("2026-11-25T11:06:00Z", 7, "198.51.100.9", "203.0.113.10", "192.0.2.1", "ge-1"), // 10 in, bucket +1
            flow("2026-11-25T11:01:00Z", 5, "2001:db8:20::5", "198.51.100.1", "192.0.2.1", "ge-1"), // 20 out only
            flow("2026-11-25T11:01:30Z", 3, "198.51.100.1", "203.0.113.10", "192.0.2.1", "ge-1"), // 10 in
            flow(
                    "2026-11-24T23:59:00Z",
                    11,
                    "2001:db8:ff::1",
                    "198.51.100.200",
                    "192.0.2.1",
                    "ge-1"), // nobody's, day before
            flow("2026-11-25T11:02:00Z", 13, "198.51.100.200", "198.51.100.3", "192.0.2.1", "ge-1"), // nobody's
            flow("2026-11-25T11:03:00Z", 17, "10.0.0.1", "198.51.100.3", "192.0.2.1", "ge-1"), // nobody's
        };
        for (int i = 0; i < records.length; i++) {
            byte[] value = records[i].getBytes(StandardCharsets.UTF_8);
            byte[] fetched = new byte[value.length + 10]; // as Kafka hands it over: inside a larger buffer
            System.arraycopy(value, 0, fetched, 5, value.length);
            aggregator.accept(fetched, 5, value.length, "p0@", i, NOW, INDEX, batch);
        }
        long bucket = Instant.parse("2026-11-25T11:00:00Z").getEpochSecond() / 300;
        assertThat(batch.sampleRows())
                .containsExactly(
                        new UsageSample(10, bucket, 3, 0),
                        new UsageSample(10, bucket + 1, 7, 0),
                        new UsageSample(20, bucket, 0, 5));
        assertThat(batch.unattributedRows())
                .extracting(
                        r -> new IpPrefix(r.ip(), r.ip().length * 8),
                        r -> r.day().toString(),
                        UnattributedRow::bytesIn,
                        UnattributedRow::bytesOut,
                        UnattributedRow::flows)
                .containsExactly(
                        Tuple.tuple(IpPrefix.parse("10.0.0.1"), "2026-11-25", 0L, 17L, 0L), // bytes 0A…
                        Tuple.tuple(IpPrefix.parse("2001:db8:ff::1"), "2026-11-24", 0L, 11L, 0L), // 20…
                        Tuple.tuple(IpPrefix.parse("198.51.100.3"), "2026-11-25", 30L, 0L, 2L), // C6…
                        Tuple.tuple(IpPrefix.parse("198.51.100.200"), "2026-11-24", 11L, 0L, 1L),
                        Tuple.tuple(IpPrefix.parse("198.51.100.200"), "2026-11-25", 0L, 13L, 0L));
        assertThat(batch.records()).isEqualTo(records.length);
    }

    static String flow(String at, long bytes, String src, String dst, String exporter, String inIf) {
        return "{\"@timestamp\":\"" + at + "\",\"flow.bytes\":" + bytes + ",\"flow.packets\":1,\"flow.src.ip.addr\":\""
                + src + "\",\"flow.dst.ip.addr\":\"" + dst + "\",\"flow.export.ip.addr\":\"" + exporter
                + "\",\"flow.in.netif.name\":\"" + inIf + "\"}";
    }
}
