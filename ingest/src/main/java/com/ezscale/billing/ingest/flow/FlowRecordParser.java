package com.ezscale.billing.ingest.flow;

import com.ezscale.billing.subscription.IpPrefix;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.core.util.JsonRecyclerPools;

/**
 * Parses one ElastiFlow JSON record (a Kafka message, an NDJSON line, an Elasticsearch hit's
 * source) in one streaming pass that keeps only the fields billing reads. Tolerant of fields it
 * does not know; strict on the ones billing reads: a missing or malformed timestamp, byte count or
 * address, negative or absurd counts, or a time more than a day ahead of {@code now} or older than
 * the retention window are refused with the reason. Fields may be flat dotted keys (CODEX) or
 * nested objects (ECS documents); both are read.
 */
public final class FlowRecordParser {

    /** More than 100 Gbit/s sustained over a whole bucket from one flow record is not a real flow. */
    static final long MAX_BYTES_PER_RECORD = 100_000_000_000L / 8 * UsageBuckets.SECONDS;

    /**
     * Each consumer thread keeps its parser buffers to itself (the default pool is shared between
     * threads through a concurrent deque, which cost ~5 % of a consumer's time per record).
     */
    private static final JsonFactory JSON = JsonFactory.builder()
            .recyclerPool(JsonRecyclerPools.threadLocalPool())
            .build();

    private static final Object NULL = new Object();
    private static final Object COMPLEX = new Object();

    private static final int TIMESTAMP = 0;
    private static final int BYTES = 1;
    private static final int PACKETS = 2;
    private static final int SOURCE = 3;
    private static final int DESTINATION = 4;
    private static final int EXPORTER = 5;
    private static final int INGRESS = 6;
    private static final int EGRESS = 7;

    private final ElastiFlowSchema schema;
    private final Duration retention;
    private final Map<String, Integer> slots = new HashMap<>();
    private final Set<String> prefixes = new HashSet<>();
    private final String[] names = new String[8];

    public FlowRecordParser(ElastiFlowSchema schema, Duration retention) {
        this.schema = schema;
        this.retention = retention;
        String[] fields = {
            ElastiFlowSchema.TIMESTAMP,
            schema.bytes,
            schema.packets,
            schema.sourceIp,
            schema.destinationIp,
            ElastiFlowSchema.EXPORTER,
            schema.ingressInterface,
            schema.egressInterface
        };
        for (int i = 0; i < fields.length; i++) {
            slots.put(fields[i], i);
            names[i] = fields[i];
            for (int dot = fields[i].indexOf('.'); dot > 0; dot = fields[i].indexOf('.', dot + 1)) {
                prefixes.add(fields[i].substring(0, dot));
            }
        }
    }

    public FlowRecord parse(String json, Instant now) {
        return parse(json.getBytes(StandardCharsets.UTF_8), now);
    }

    public FlowRecord parse(byte[] json, Instant now) {
        return parse(json, 0, json.length, now);
    }

    /** The record in {@code json[offset, offset + length)} (a Kafka value in its fetch buffer). */
    public FlowRecord parse(byte[] json, int offset, int length, Instant now) {
        Object[] values = new Object[8];
        try (JsonParser parser = JSON.createParser(json, offset, length)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new BadFlowRecord("not a JSON object");
            }
            readObject(parser, null, values);
            if (parser.nextToken() != null) {
                // never the first value alone: the rest would be counted nowhere
                throw new BadFlowRecord("more than one JSON value: another follows the record");
            }
        } catch (JacksonException e) {
            throw new BadFlowRecord("not JSON: " + e.getOriginalMessage());
        }
        Instant timestamp = timestamp(values[TIMESTAMP], now);
        long bytes = count(values[BYTES], BYTES, true);
        long packets = count(values[PACKETS], PACKETS, false);
        return new FlowRecord(
                timestamp,
                bytes,
                packets,
                address(values[SOURCE], SOURCE),
                address(values[DESTINATION], DESTINATION),
                address(values[EXPORTER], EXPORTER),
                text(values[INGRESS]),
                text(values[EGRESS]));
    }

    private void readObject(JsonParser parser, String prefix, Object[] values) {
        JsonToken token;
        while ((token = parser.nextToken()) == JsonToken.PROPERTY_NAME) {
            String name = prefix == null ? parser.currentName() : prefix + "." + parser.currentName();
            JsonToken value = parser.nextToken();
            Integer slot = slots.get(name);
            if (value == JsonToken.START_OBJECT) {
                if (slot != null) {
                    values[slot] = COMPLEX;
                    parser.skipChildren();
                } else if (prefixes.contains(name)) {
                    readObject(parser, name, values);
                } else {
                    parser.skipChildren();
                }
            } else if (value == JsonToken.START_ARRAY) {
                if (slot != null) {
                    values[slot] = COMPLEX;
                }
                parser.skipChildren();
            } else if (slot != null) {
                values[slot] = switch (value) {
                    case VALUE_STRING -> fromCharacters(parser, slot);
                    case VALUE_NUMBER_INT ->
                        parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER
                                ? new BadNumber(parser.getString())
                                : (Object) parser.getLongValue();
                    case VALUE_NUMBER_FLOAT -> new BadNumber(parser.getString());
                    case VALUE_NULL -> NULL;
                    default -> COMPLEX;
                };
            }
        }
        if (token != JsonToken.END_OBJECT) {
            throw new BadFlowRecord("not JSON: unexpected " + token);
        }
    }

    private record BadNumber(String text) {}

    /**
     * A string value read from the parser's own character buffer where the common form allows it
     * (an IPv4 address as its 4 bytes, a {@code ...Z} timestamp as its instant), so the hot path
     * builds no string for them; anything else as a string, judged later.
     */
    private static Object fromCharacters(JsonParser parser, int slot) {
        if (slot == SOURCE || slot == DESTINATION || slot == EXPORTER) {
            byte[] v4 = ipv4(parser.getStringCharacters(), parser.getStringOffset(), parser.getStringLength());
            if (v4 != null) {
                return v4;
            }
        } else if (slot == TIMESTAMP) {
            Instant instant =
                    utcInstant(parser.getStringCharacters(), parser.getStringOffset(), parser.getStringLength());
            if (instant != null) {
                return instant;
            }
        }
        return parser.getString();
    }

    private Instant timestamp(Object value, Instant now) {
        if (value == null || value == NULL) {
            throw new BadFlowRecord("missing " + ElastiFlowSchema.TIMESTAMP);
        }
        Instant timestamp;
        if (value instanceof Instant read) {
            timestamp = read;
        } else if (value instanceof Long millis) {
            timestamp = Instant.ofEpochMilli(millis);
        } else if (value instanceof String text) {
            timestamp = instant(text);
            if (timestamp == null) {
                throw new BadFlowRecord("bad " + ElastiFlowSchema.TIMESTAMP + " '" + text + "'");
            }
        } else {
            throw new BadFlowRecord("bad " + ElastiFlowSchema.TIMESTAMP + " '" + describe(value) + "'");
        }
        if (timestamp.isAfter(now.plus(Duration.ofDays(1)))) {
            throw new BadFlowRecord(ElastiFlowSchema.TIMESTAMP + " " + timestamp + " is more than a day in the future");
        }
        if (timestamp.isBefore(now.minus(retention))) {
            throw new BadFlowRecord(
                    ElastiFlowSchema.TIMESTAMP + " " + timestamp + " is older than the retention window");
        }
        return timestamp;
    }

    private long count(Object value, int slot, boolean required) {
        String name = names[slot];
        if (value == null || value == NULL) {
            if (required) {
                throw new BadFlowRecord("missing " + name);
            }
            return 0;
        }
        long count;
        if (value instanceof Long l) {
            count = l;
        } else if (value instanceof String s && s.matches("-?\\d+")) {
            try {
                count = Long.parseLong(s);
            } catch (NumberFormatException e) {
                throw new BadFlowRecord(name + " out of range: \"" + s + "\"");
            }
        } else {
            throw new BadFlowRecord(name + " is not a whole number: " + describe(value));
        }
        if (count < 0) {
            throw new BadFlowRecord(name + " is negative: " + count);
        }
        if (slot == BYTES && count > MAX_BYTES_PER_RECORD) {
            throw new BadFlowRecord(name + " is absurd: " + count + " bytes in one record");
        }
        return count;
    }

    private byte[] address(Object value, int slot) {
        if (value instanceof byte[] v4) {
            return v4;
        }
        String name = names[slot];
        if (value == null || value == NULL || (value instanceof String s && s.isBlank())) {
            throw new BadFlowRecord("missing " + name);
        }
        if (!(value instanceof String text)) {
            throw new BadFlowRecord(name + ": " + describe(value) + " is not an IPv4 or IPv6 address");
        }
        byte[] v4 = ipv4(text);
        if (v4 != null) {
            return v4;
        }
        try {
            IpPrefix prefix = IpPrefix.parse(text);
            if (prefix.prefixLength() != prefix.network().length * 8) {
                throw new BadFlowRecord(name + " is a prefix, not an address: " + text);
            }
            return prefix.network();
        } catch (IllegalArgumentException e) {
            throw new BadFlowRecord(name + ": " + e.getMessage());
        }
    }

    private static String text(Object value) {
        return value instanceof String s ? s : null;
    }

    private static String describe(Object value) {
        if (value instanceof String s) {
            return "\"" + s + "\"";
        }
        if (value instanceof BadNumber n) {
            return n.text();
        }
        return value == COMPLEX ? "an object or array" : String.valueOf(value);
    }

    /** A dotted-quad IPv4 literal, or null (anything else goes the slow, thorough way). */
    static byte[] ipv4(String s) {
        return ipv4(s.toCharArray(), 0, s.length());
    }

    private static byte[] ipv4(char[] s, int offset, int length) {
        if (length < 7 || length > 15) {
            return null;
        }
        byte[] out = new byte[4];
        int part = 0;
        int value = 0;
        int digits = 0;
        for (int i = offset; i < offset + length; i++) {
            char c = s[i];
            if (c >= '0' && c <= '9') {
                if (digits > 0 && value == 0) {
                    return null; // leading zero
                }
                value = value * 10 + (c - '0');
                if (++digits > 3 || value > 255) {
                    return null;
                }
            } else if (c == '.' && digits > 0 && part < 3) {
                out[part++] = (byte) value;
                value = 0;
                digits = 0;
            } else {
                return null;
            }
        }
        if (part != 3 || digits == 0) {
            return null;
        }
        out[3] = (byte) value;
        return out;
    }

    /** {@code yyyy-MM-ddTHH:mm:ss[.fraction]Z} without a formatter; other ISO forms through {@link Instant#parse}; null if neither. */
    static Instant instant(String s) {
        Instant fast = utcInstant(s.toCharArray(), 0, s.length());
        if (fast != null) {
            return fast;
        }
        try {
            return Instant.parse(s);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** {@code yyyy-MM-ddTHH:mm:ss[.fraction]Z} in {@code s[offset, offset + n)}, or null if it is not in that form. */
    private static Instant utcInstant(char[] s, int offset, int n) {
        if (n >= 20
                && s[offset + n - 1] == 'Z'
                && s[offset + 4] == '-'
                && s[offset + 7] == '-'
                && s[offset + 10] == 'T'
                && s[offset + 13] == ':'
                && s[offset + 16] == ':') {
            int year = digits(s, offset, 4);
            int month = digits(s, offset + 5, 2);
            int day = digits(s, offset + 8, 2);
            int hour = digits(s, offset + 11, 2);
            int minute = digits(s, offset + 14, 2);
            int second = digits(s, offset + 17, 2);
            int nanos = 0;
            boolean ok = year >= 0
                    && month >= 1
                    && month <= 12
                    && day >= 1
                    && day <= 31
                    && hour >= 0
                    && hour < 24
                    && minute >= 0
                    && minute < 60
                    && second >= 0
                    && second < 60;
            if (ok && n > 20) {
                if (s[offset + 19] != '.' || n - 21 > 9 || n - 21 < 1) {
                    ok = false;
                } else {
                    int fraction = digits(s, offset + 20, n - 21);
                    ok = fraction >= 0;
                    nanos = fraction;
                    for (int i = n - 21; i < 9 && ok; i++) {
                        nanos *= 10;
                    }
                }
            } else if (n != 20) {
                ok = false;
            }
            if (ok && day <= LocalDate.of(year, month, 1).lengthOfMonth()) {
                long epochDay = LocalDate.of(year, month, day).toEpochDay();
                return Instant.ofEpochSecond(epochDay * 86_400 + hour * 3600L + minute * 60L + second, nanos);
            }
        }
        return null;
    }

    private static int digits(char[] s, int from, int count) {
        int value = 0;
        for (int i = from; i < from + count; i++) {
            char c = s[i];
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }
}
