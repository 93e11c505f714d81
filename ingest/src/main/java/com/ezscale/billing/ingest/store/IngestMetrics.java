package com.ezscale.billing.ingest.store;

import com.ezscale.billing.ingest.aggregate.UsageBatch;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/** Micrometer counters: records by source and outcome (read, attributed, unattributed, ignored, dead-lettered). */
@Component
public class IngestMetrics {

    private final MeterRegistry registry;

    public IngestMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public MeterRegistry registry() {
        return registry;
    }

    /** Counts a committed batch (never one that rolled back). */
    public void committed(String source, UsageBatch batch) {
        count(source, "read", batch.records());
        count(source, "attributed", batch.attributedRecords());
        count(source, "unattributed", batch.unattributedRecords());
        count(source, "ignored", batch.ignoredRecords());
        count(source, "dead_lettered", batch.deadLetterCount());
        Counter.builder("ezscale.ingest.bytes")
                .tag("source", source)
                .tag("outcome", "attributed")
                .register(registry)
                .increment(batch.attributedBytes());
    }

    private void count(String source, String outcome, long n) {
        Counter.builder("ezscale.ingest.records")
                .tag("source", source)
                .tag("outcome", outcome)
                .register(registry)
                .increment(n);
    }
}
