package com.ezscale.billing.ingest.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FlowRecordParserTest {

    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
    private static final Duration RETENTION = Duration.ofDays(31 * 25);
    private final FlowRecordParser codex = new FlowRecordParser(ElastiFlowSchema.CODEX, RETENTION);
    private final FlowRecordParser ecs = new FlowRecordParser(ElastiFlowSchema.ECS, RETENTION);

    @Test
    void readsTheCodexFieldsAndIgnoresUnknownOnes() throws Exception {
        FlowRecord r = codex.parse("""
                {"@timestamp":"2026-11-25T11:58:17.250Z","flow.bytes":15000,"flow.packets":12,
                 "flow.src.ip.addr":"203.0.113.7","flow.dst.ip.addr":"2001:db8::1","flow.export.ip.addr":"192.0.2.1",
                 "flow.in.netif.name":"xe-0/0/1","flow.out.netif.name":"xe-0/0/2","flow.tcp.flags":"SYN","l4.proto.name":"TCP"}""", NOW);
        assertThat(r.timestamp()).isEqualTo(Instant.parse("2026-11-25T11:58:17.250Z"));
        assertThat(r.bytes()).isEqualTo(15000);
        assertThat(r.packets()).isEqualTo(12);
        assertThat(r.sourceIp()).isEqualTo(InetAddress.getByName("203.0.113.7").getAddress());
        assertThat(r.destinationIp())
                .isEqualTo(InetAddress.getByName("2001:db8::1").getAddress());
        assertThat(r.exporterIp()).isEqualTo(InetAddress.getByName("192.0.2.1").getAddress());
        assertThat(r.ingressInterface()).isEqualTo("xe-0/0/1");
        assertThat(r.bucket()).isEqualTo(Instant.parse("2026-11-25T11:55:00Z").getEpochSecond());
    }

    @Test
    void readsEcsDocumentsNestedOrDotted() {
        FlowRecord nested = ecs.parse("""
                {"@timestamp":"2026-11-25T10:00:00Z","network":{"bytes":"4096","packets":3},
                 "source":{"ip":"198.51.100.9"},"destination":{"ip":"203.0.113.7"},"flow.export.ip.addr":"192.0.2.1"}""", NOW);
        assertThat(nested.bytes()).isEqualTo(4096);
        FlowRecord dotted = ecs.parse("""
                {"@timestamp":1795600800000,"network.bytes":10,"source.ip":"198.51.100.9","destination.ip":"203.0.113.7",
                 "flow.export.ip.addr":"192.0.2.1"}""", NOW);
        assertThat(dotted.timestamp()).isEqualTo(Instant.ofEpochMilli(1795600800000L));
        assertThat(dotted.packets()).isZero();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "not json                   | {oops                                                                         | not JSON",
                "an array                   | [1,2]                                                                         | not a JSON object",
                "no timestamp               | {\"flow.bytes\":1}                                                            | missing @timestamp",
                "bad timestamp              | {\"@timestamp\":\"yesterday\"}                                                | bad @timestamp 'yesterday'",
                "two days ahead             | {\"@timestamp\":\"2026-11-27T12:00:01Z\"}                                     | more than a day in the future",
                "older than retention       | {\"@timestamp\":\"2020-01-01T00:00:00Z\"}                                     | older than the retention window",
                "no bytes                   | {\"@timestamp\":\"2026-11-25T11:00:00Z\"}                                     | missing flow.bytes",
                "negative bytes             | {\"@timestamp\":\"2026-11-25T11:00:00Z\",\"flow.bytes\":-5}                   | flow.bytes is negative: -5",
                "fractional bytes           | {\"@timestamp\":\"2026-11-25T11:00:00Z\",\"flow.bytes\":1.5}                  | flow.bytes is not a whole number",
                "absurd bytes               | {\"@timestamp\":\"2026-11-25T11:00:00Z\",\"flow.bytes\":9000000000000000}     | flow.bytes is absurd",
                "no source                  | {\"@timestamp\":\"2026-11-25T11:00:00Z\",\"flow.bytes\":5}                    | missing flow.src.ip.addr",
                "a second record after it   | {\"a\":1}{\"b\":2}                                                         | more than one JSON value",
                "text after it              | {\"a\":1} trailing                                                           | not JSON",
                "bad destination            | {\"@timestamp\":\"2026-11-25T11:00:00Z\",\"flow.bytes\":5,\"flow.src.ip.addr\":\"10.0.0.1\",\"flow.dst.ip.addr\":\"10.0.0.300\"} | flow.dst.ip.addr: '10.0.0.300' is not an IPv4 or IPv6 address",
            })
    void refusesWhatCannotBeBilledWithTheReason(String name, String json, String reason) {
        assertThatThrownBy(() -> codex.parse(json, NOW))
                .isInstanceOf(BadFlowRecord.class)
                .hasMessageContaining(reason);
    }

    @ParameterizedTest(name = "{0} is in the bucket starting {1}")
    @CsvSource({
        "2026-11-25T00:00:00Z,     2026-11-25T00:00:00Z",
        "2026-11-25T00:04:59.999Z, 2026-11-25T00:00:00Z",
        "2026-11-25T00:05:00Z,     2026-11-25T00:05:00Z",
        "1969-12-31T23:59:59Z,     1969-12-31T23:55:00Z",
    })
    void bucketsAreFiveMinutesAlignedToTheEpoch(Instant at, Instant bucket) {
        assertThat(UsageBuckets.bucketStart(at)).isEqualTo(bucket.getEpochSecond());
    }

    @ParameterizedTest(name = "fast IPv4 path: ''{0}'' -> {1}")
    @CsvSource({
        "203.0.113.7,     203.0.113.7",
        "0.0.0.0,         0.0.0.0",
        "255.255.255.255, 255.255.255.255",
        "010.0.0.1,       ",
        "256.1.1.1,       ",
        "1.2.3,           ",
        "1.2.3.4.5,       ",
        "1..2.3,          ",
        "2001:db8::1,     ",
    })
    void theFastIpv4PathAcceptsOnlyDottedQuads(String text, String expected) throws Exception {
        byte[] parsed = FlowRecordParser.ipv4(text);
        if (expected == null) {
            assertThat(parsed).isNull();
        } else {
            assertThat(parsed).isEqualTo(InetAddress.getByName(expected).getAddress());
        }
    }

    @ParameterizedTest(name = "timestamp ''{0}''")
    @CsvSource({
        "2026-11-25T11:58:17Z",
        "2026-11-25T11:58:17.250Z",
        "2026-11-25T11:58:17.123456789Z",
        "2024-02-29T23:59:59.9Z",
        "2026-11-25T12:58:17+01:00",
    })
    void timestampsParseAsJavaDoes(String text) {
        assertThat(FlowRecordParser.instant(text))
                .isEqualTo(OffsetDateTime.parse(text).toInstant());
    }

    @ParameterizedTest(name = "bad timestamp ''{0}''")
    @CsvSource({
        "2026-02-30T00:00:00Z",
        "2026-13-01T00:00:00Z",
        "2026-11-25T25:00:00Z",
        "2026-11-25 11:58:17Z",
        "yesterday"
    })
    void impossibleTimestampsAreRefused(String text) {
        assertThat(FlowRecordParser.instant(text)).isNull();
    }
}
