package com.ezscale.billing.jobs.usage;

import com.ezscale.billing.ingest.IngestProperties;
import com.ezscale.billing.ingest.aggregate.UsageAggregator;
import com.ezscale.billing.ingest.attribution.AttributionIndexProvider;
import com.ezscale.billing.ingest.kafka.KafkaBatchWriter;
import com.ezscale.billing.ingest.kafka.KafkaIngestor;
import com.ezscale.billing.ingest.store.IngestMetrics;
import com.ezscale.billing.ingest.store.UsageStore;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The continuous Kafka ingest of a jobs node (`serve` with ezscale.ingest.kafka.enabled=true, or
 * the dedicated `ingest-kafka` command): {@code ezscale.ingest.kafka.consumers} members of the
 * group, each on its own thread, and one writer that commits their batches together. If a member's loop dies (the database or broker went away), it
 * starts again after a pause, from the offsets stored with the samples.
 */
@Component
@ConditionalOnProperty(
        name = {"ezscale.ingest.kafka.enabled", "ezscale.ingest.kafka.run"},
        havingValue = "true")
public class KafkaIngestService implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(KafkaIngestService.class);

    private final IngestProperties properties;
    private final UsageAggregator aggregator;
    private final AttributionIndexProvider attribution;
    private final UsageStore store;
    private final IngestMetrics metrics;
    private final Clock clock;
    private volatile boolean running;
    private final List<Member> members = new ArrayList<>();
    /** The node's one database writer for its members' batches (written together, see KafkaBatchWriter). */
    private KafkaBatchWriter writer;

    /** One member of the group: its thread and the consumer it runs now. */
    private final class Member {
        private final Thread thread;
        private volatile KafkaIngestor current;

        Member(int n) {
            thread = new Thread(this::loop, "kafka-ingest-" + n);
        }

        private void loop() {
            while (running) {
                current = new KafkaIngestor(
                        properties.kafka(), aggregator, attribution, store, metrics, clock, batch -> {}, writer);
                try {
                    current.run();
                } catch (RuntimeException e) {
                    if (!running) {
                        return; // stopping: the last batch was committed or rolled back
                    }
                    log.error(
                            "Kafka ingest stopped: {}; starting again in 5 s from the stored offsets",
                            e.getMessage(),
                            e);
                    pause();
                }
            }
        }
    }

    public KafkaIngestService(
            IngestProperties properties,
            UsageAggregator aggregator,
            AttributionIndexProvider attribution,
            UsageStore store,
            IngestMetrics metrics,
            Clock clock) {
        this.properties = properties;
        this.aggregator = aggregator;
        this.attribution = attribution;
        this.store = store;
        this.metrics = metrics;
        this.clock = clock;
    }

    @Override
    public void start() {
        running = true;
        writer = new KafkaBatchWriter(
                properties.kafka().groupId(),
                properties.kafka().topic(),
                store,
                clock,
                properties.kafka().batchMillis());
        for (int i = 0; i < properties.kafka().consumers(); i++) {
            Member member = new Member(i);
            members.add(member);
            member.thread.start();
        }
        log.info(
                "consuming {} from {} as group {} with {} consumers",
                properties.kafka().topic(),
                properties.kafka().bootstrapServers(),
                properties.kafka().groupId(),
                properties.kafka().consumers());
    }

    /** A member of the group as health reports it: its thread, whether it runs, its partitions and their lag. */
    public record MemberState(String name, boolean alive, Map<String, Long> partitions) {}

    public List<MemberState> members() {
        return members.stream()
                .map(m -> new MemberState(
                        m.thread.getName(), m.thread.isAlive(), m.current == null ? Map.of() : m.current.assignment()))
                .toList();
    }

    private void pause() {
        try {
            Thread.sleep(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    @Override
    public void stop() {
        running = false;
        for (Member member : members) {
            KafkaIngestor ingestor = member.current;
            if (ingestor != null) {
                ingestor.stop();
            }
        }
        for (Member member : members) {
            try {
                member.thread.join(30_000); // the consumer wakes up, the batch in flight finishes
                if (member.thread.isAlive()) {
                    member.thread.interrupt();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        members.clear();
        if (writer != null) {
            writer.close();
            writer = null;
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
