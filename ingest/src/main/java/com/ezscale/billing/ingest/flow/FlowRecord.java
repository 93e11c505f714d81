package com.ezscale.billing.ingest.flow;

import java.time.Instant;
import java.util.Objects;

/**
 * One ElastiFlow flow record, normalised: what billing reads of it. Addresses are the raw 4 or
 * 16 bytes; {@code bytes} is already scaled by the sampling rate (ElastiFlow does that).
 */
public record FlowRecord(
        Instant timestamp,
        long bytes,
        long packets,
        byte[] sourceIp,
        byte[] destinationIp,
        byte[] exporterIp,
        String ingressInterface,
        String egressInterface) {

    public FlowRecord {
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(sourceIp, "sourceIp");
        Objects.requireNonNull(destinationIp, "destinationIp");
        Objects.requireNonNull(exporterIp, "exporterIp");
    }

    /** The start (epoch seconds) of the 5-minute UTC bucket the flow falls in. */
    public long bucket() {
        return UsageBuckets.bucketStart(timestamp);
    }
}
