package com.ezscale.billing.ingest.flow;

import com.ezscale.billing.subscription.IpPrefix;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * Parses one ElastiFlow JSON record (a Kafka message, an NDJSON line, an Elasticsearch hit's
 * source). Tolerant of fields it does not know; strict on the ones billing reads: a missing or
 * malformed timestamp, byte count or address, negative or absurd counts, or a time more than a day
 * ahead of {@code now} or older than the retention window are refused with the reason. Fields may
 * be flat dotted keys (CODEX) or nested objects (ECS documents); both are read.
 */
public final class FlowRecordParser {

    /** More than 100 Gbit/s sustained over a whole bucket from one flow record is not a real flow. */
    static final long MAX_BYTES_PER_RECORD = 100_000_000_000L / 8 * UsageBuckets.SECONDS;

    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private final ElastiFlowSchema schema;
    private final Duration retention;

    public FlowRecordParser(ElastiFlowSchema schema, Duration retention) {
        this.schema = schema;
        this.retention = retention;
    }

    public FlowRecord parse(String json, Instant now) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JacksonException e) {
            throw new BadFlowRecord("not JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new BadFlowRecord("not a JSON object");
        }
        Instant timestamp = timestamp(root, now);
        long bytes = count(root, schema.bytes, true);
        long packets = count(root, schema.packets, false);
        return new FlowRecord(timestamp, bytes, packets, address(root, schema.sourceIp), address(root, schema.destinationIp),
                address(root, ElastiFlowSchema.EXPORTER), text(root, schema.ingressInterface), text(root, schema.egressInterface));
    }

    private Instant timestamp(JsonNode root, Instant now) {
        JsonNode node = field(root, ElastiFlowSchema.TIMESTAMP);
        if (node == null || node.isNull()) {
            throw new BadFlowRecord("missing " + ElastiFlowSchema.TIMESTAMP);
        }
        Instant timestamp;
        try {
            timestamp = node.isNumber() ? Instant.ofEpochMilli(node.longValue()) : Instant.parse(node.asString());
        } catch (DateTimeParseException e) {
            throw new BadFlowRecord("bad " + ElastiFlowSchema.TIMESTAMP + " '" + node.asString() + "'");
        }
        if (timestamp.isAfter(now.plus(Duration.ofDays(1)))) {
            throw new BadFlowRecord(ElastiFlowSchema.TIMESTAMP + " " + timestamp + " is more than a day in the future");
        }
        if (timestamp.isBefore(now.minus(retention))) {
            throw new BadFlowRecord(ElastiFlowSchema.TIMESTAMP + " " + timestamp + " is older than the retention window");
        }
        return timestamp;
    }

    private static long count(JsonNode root, String name, boolean required) {
        JsonNode node = field(root, name);
        if (node == null || node.isNull()) {
            if (required) {
                throw new BadFlowRecord("missing " + name);
            }
            return 0;
        }
        if (!node.isIntegralNumber() && !(node.isString() && node.asString().matches("-?\\d+"))) {
            throw new BadFlowRecord(name + " is not a whole number: " + node);
        }
        long value;
        try {
            value = node.isIntegralNumber() ? node.longValue() : Long.parseLong(node.asString());
        } catch (NumberFormatException e) {
            throw new BadFlowRecord(name + " out of range: " + node);
        }
        if (value < 0) {
            throw new BadFlowRecord(name + " is negative: " + value);
        }
        if (name.endsWith("bytes") && value > MAX_BYTES_PER_RECORD) {
            throw new BadFlowRecord(name + " is absurd: " + value + " bytes in one record");
        }
        return value;
    }

    private static byte[] address(JsonNode root, String name) {
        JsonNode node = field(root, name);
        if (node == null || node.isNull() || node.asString().isBlank()) {
            throw new BadFlowRecord("missing " + name);
        }
        try {
            IpPrefix prefix = IpPrefix.parse(node.asString());
            if (prefix.prefixLength() != prefix.network().length * 8) {
                throw new BadFlowRecord(name + " is a prefix, not an address: " + node.asString());
            }
            return prefix.network();
        } catch (IllegalArgumentException e) {
            throw new BadFlowRecord(name + ": " + e.getMessage());
        }
    }

    private static String text(JsonNode root, String name) {
        JsonNode node = field(root, name);
        return node == null || node.isNull() ? null : node.asString();
    }

    /** A flat dotted key first (CODEX), else the nested path (ECS documents). */
    private static JsonNode field(JsonNode root, String dotted) {
        JsonNode flat = root.get(dotted);
        if (flat != null) {
            return flat;
        }
        JsonNode node = root;
        for (String part : dotted.split("\\.")) {
            node = node == null ? null : node.get(part);
        }
        return node;
    }
}
