package com.ezscale.billing.ingest.aggregate;

import com.ezscale.billing.ingest.attribution.ExporterPolicy;
import com.ezscale.billing.ingest.attribution.IpAttributionIndex;
import com.ezscale.billing.ingest.flow.BadFlowRecord;
import com.ezscale.billing.ingest.flow.FlowRecord;
import com.ezscale.billing.ingest.flow.FlowRecordParser;
import com.ezscale.billing.ingest.flow.UsageBuckets;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * Puts each raw record in exactly one place: a dead letter (with the reason), ignored (not an edge
 * exporter or interface), attributed (the destination's service gets the bytes inbound and the
 * source's service gets them outbound, at the flow's instant; traffic between two customers counts
 * for both), or unattributed (neither end is a service: the leak report, per IP and day).
 */
public final class UsageAggregator {

    private final FlowRecordParser parser;
    private final ExporterPolicy exporters;

    public UsageAggregator(FlowRecordParser parser, ExporterPolicy exporters) {
        this.parser = parser;
        this.exporters = exporters;
    }

    public void accept(String raw, String position, Instant now, IpAttributionIndex index, UsageBatch batch) {
        accept(raw.getBytes(StandardCharsets.UTF_8), position, now, index, batch);
    }

    /** The same for a record's UTF-8 bytes (Kafka values), decoded to text only if it is dead-lettered. */
    public void accept(byte[] raw, String position, Instant now, IpAttributionIndex index, UsageBatch batch) {
        accept(raw, position, -1, now, index, batch);
    }

    /**
     * The same with the position as a prefix and a number (a Kafka partition and an offset), joined
     * only when the record is dead-lettered: the hot path builds no string per record.
     */
    public void accept(
            byte[] raw,
            String positionPrefix,
            long positionNumber,
            Instant now,
            IpAttributionIndex index,
            UsageBatch batch) {
        accept(raw, 0, raw.length, positionPrefix, positionNumber, now, index, batch);
    }

    /** The same for the record in {@code raw[offset, offset + length)} (a Kafka value in the buffer it was fetched into). */
    public void accept(
            byte[] raw,
            int offset,
            int length,
            String positionPrefix,
            long positionNumber,
            Instant now,
            IpAttributionIndex index,
            UsageBatch batch) {
        FlowRecord record;
        long bytes;
        int multiplier;
        try {
            record = parser.parse(raw, offset, length, now);
            multiplier = exporters.multiplier(record);
            bytes = Math.multiplyExact(record.bytes(), Math.max(1, multiplier));
        } catch (BadFlowRecord | ArithmeticException e) {
            String position = positionNumber < 0 ? positionPrefix : positionPrefix + positionNumber;
            batch.deadLetter(
                    position,
                    e instanceof ArithmeticException ? "bytes × sampling multiplier overflows" : e.getMessage(),
                    new String(raw, offset, length, StandardCharsets.UTF_8));
            return;
        }
        if (multiplier == ExporterPolicy.IGNORED) {
            batch.countIgnored(record.bytes());
            return;
        }
        long at = record.timestamp().toEpochMilli();
        long bucket = record.bucket() / UsageBuckets.SECONDS;
        long destination = index.ownerAt(record.destinationIp(), at);
        long source = index.ownerAt(record.sourceIp(), at);
        if (destination == IpAttributionIndex.NONE && source == IpAttributionIndex.NONE) {
            batch.countUnattributed(
                    record.sourceIp(), record.destinationIp(), Math.floorDiv(record.bucket(), 86_400L), bytes);
            return;
        }
        if (destination != IpAttributionIndex.NONE) {
            batch.addInbound(destination, bucket, bytes);
        }
        if (source != IpAttributionIndex.NONE) {
            batch.addOutbound(source, bucket, bytes);
        }
        batch.countAttributed(bytes);
    }
}
