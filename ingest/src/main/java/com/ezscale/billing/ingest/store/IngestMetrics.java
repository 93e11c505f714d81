package com.ezscale.billing.ingest.store;

import com.ezscale.billing.ingest.aggregate.UsageBatch;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/** Micrometer counters: records by source and outcome (read, attributed, unattributed, ignored, dead-lettered). */
@Component
public class IngestMetrics {

    private final MeterRegistry registry;
    private final java.util.Map<String, java.util.concurrent.atomic.AtomicLong> kafkaLag =
            new java.util.concurrent.ConcurrentHashMap<>();

    public IngestMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public MeterRegistry registry() {
        return registry;
    }

    /**
     * This node's lag on a partition ({@code ezscale.ingest.kafka.lag{topic,partition}}). The gauge
     * belongs to the node, not to a consumer: a member that restarts, or a partition that comes
     * back, moves the same gauge; a partition revoked from the node reads 0 here (its new owner
     * reports it), so a sum over nodes counts each partition once.
     */
    public void kafkaLag(String topic, int partition, long lag) {
        kafkaLag.computeIfAbsent(topic + "-" + partition, k -> {
                    java.util.concurrent.atomic.AtomicLong value = new java.util.concurrent.atomic.AtomicLong();
                    io.micrometer.core.instrument.Gauge.builder(
                                    "ezscale.ingest.kafka.lag", value, java.util.concurrent.atomic.AtomicLong::get)
                            .tag("topic", topic)
                            .tag("partition", Integer.toString(partition))
                            .register(registry);
                    return value;
                })
                .set(lag);
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
