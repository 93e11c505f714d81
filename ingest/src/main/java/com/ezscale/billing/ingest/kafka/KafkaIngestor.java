package com.ezscale.billing.ingest.kafka;

import com.ezscale.billing.ingest.IngestProperties;
import com.ezscale.billing.ingest.aggregate.UsageAggregator;
import com.ezscale.billing.ingest.aggregate.UsageBatch;
import com.ezscale.billing.ingest.attribution.AttributionIndexProvider;
import com.ezscale.billing.ingest.attribution.IpAttributionIndex;
import com.ezscale.billing.ingest.store.IngestMetrics;
import com.ezscale.billing.ingest.store.UsageStore;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteBufferDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Consumes ElastiFlow's topic in a consumer group and gathers its polls into batches, each
 * committed in one database transaction with the samples it adds, its unattributed traffic and
 * dead letters, and the next offset of every partition it read. Offsets live in our database, not
 * in Kafka: on assignment the consumer seeks to them, so a crash at any point neither loses nor
 * double-counts a byte. Each offset moves only from where this consumer found it (checked under a
 * row lock), which fences a consumer that lost its partition in a rebalance. The
 * {@link KafkaBatchWriter} (the node's, shared by its consumers) commits a batch while the
 * consumer thread polls and aggregates the next (at most one in flight per consumer, in order);
 * the next batch keeps growing while the writer is busy (see {@link #readyToSubmit}).
 */
public class KafkaIngestor implements Runnable {

    public static final String SOURCE = "kafka";

    private static final Logger log = LoggerFactory.getLogger(KafkaIngestor.class);

    static {
        useNativeLz4();
    }

    /**
     * lz4-java uses its JNI decompressor only when its classes were loaded by the system class
     * loader; under Spring Boot's launcher (or Maven's exec) the Kafka client then decompresses
     * lz4 batches in pure Java, ~8 % of a consumer's time. Loading the bundled native library
     * explicitly makes {@code LZ4Factory.fastestInstance()} (what Kafka calls) the native one; on a
     * platform without it the Java decompressor stays.
     */
    private static void useNativeLz4() {
        try { // by name: lz4-java is Kafka's runtime dependency, at Kafka's version
            Class.forName("net.jpountz.util.Native").getMethod("load").invoke(null);
            log.info(
                    "lz4: {}",
                    Class.forName("net.jpountz.lz4.LZ4Factory")
                            .getMethod("fastestInstance")
                            .invoke(null));
        } catch (
                Throwable
                        unavailable) { // NOPMD: any failure to load a native library leaves the Java implementation in
            // place
            log.info(
                    "lz4: the native library could not be loaded ({}); Kafka decompresses lz4 in Java",
                    unavailable.toString());
        }
    }

    /** How far a batch may grow past its size or age while the batch before it is still being written. */
    static final int MAX_BATCH_GROWTH = 4;

    private final IngestProperties.Kafka config;
    private final UsageAggregator aggregator;
    private final AttributionIndexProvider attribution;
    private final UsageStore store;
    private final IngestMetrics metrics;
    private final Clock clock;
    private final Consumer<UsageBatch> afterCommit;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicLong aggregateNanos = new AtomicLong();
    private final AtomicLong commitNanos = new AtomicLong();
    private final Map<TopicPartition, Long> lag = new ConcurrentHashMap<>();
    /** The partitions this consumer owns now (kept by its rebalance listener: the consumer itself is not thread-safe). */
    private final Set<TopicPartition> assigned = ConcurrentHashMap.newKeySet();
    /** Where this consumer found each partition's stored offset (absent: nothing stored yet). */
    private final Map<TopicPartition, Long> expected = new ConcurrentHashMap<>();
    /** Writes batches (this consumer's, and those of the node's other consumers when shared) while the consumer thread polls. */
    private final KafkaBatchWriter writer;
    /** Whether the writer is this consumer's own (closed when it stops) rather than the node's. */
    private final boolean ownWriter;
    /** The batch being written (true when it committed, false when it was fenced); null when none. */
    private Future<Boolean> inFlight;

    private volatile KafkaConsumer<ByteBuffer, ByteBuffer> consumer;
    /**
     * The batch being gathered: each poll is aggregated into it at once (the records themselves are
     * not kept, so they die young), with the offset range read per partition. Only touched by the
     * consumer's thread, rebalance callbacks included; null when nothing is gathered.
     */
    private UsageBatch open;

    private Map<TopicPartition, long[]> openRanges;
    private int openRecords;
    private long openSince;

    /** A consumer with a writer of its own; {@code afterCommit} runs after each batch is committed (logging, tests that crash there). */
    public KafkaIngestor(
            IngestProperties.Kafka config,
            UsageAggregator aggregator,
            AttributionIndexProvider attribution,
            UsageStore store,
            IngestMetrics metrics,
            Clock clock,
            Consumer<UsageBatch> afterCommit) {
        this(config, aggregator, attribution, store, metrics, clock, afterCommit, null);
    }

    /**
     * A consumer whose batches {@code sharedWriter} writes with those of the node's other
     * consumers of the same group and topic (null: a writer of its own).
     */
    public KafkaIngestor(
            IngestProperties.Kafka config,
            UsageAggregator aggregator,
            AttributionIndexProvider attribution,
            UsageStore store,
            IngestMetrics metrics,
            Clock clock,
            Consumer<UsageBatch> afterCommit,
            KafkaBatchWriter sharedWriter) {
        this.ownWriter = sharedWriter == null;
        this.writer = ownWriter ? new KafkaBatchWriter(config.groupId(), config.topic(), store, clock) : sharedWriter;
        this.config = config;
        this.aggregator = aggregator;
        this.attribution = attribution;
        this.store = store;
        this.metrics = metrics;
        this.clock = clock;
        this.afterCommit = afterCommit;
    }

    @Override
    public void run() {
        try (KafkaConsumer<ByteBuffer, ByteBuffer> kafka = new KafkaConsumer<>(consumerProperties())) {
            consumer = kafka;
            kafka.subscribe(List.of(config.topic()), new SeekToStoredOffsets(kafka));
            while (running.get()) {
                if (inFlight != null && inFlight.isDone()) {
                    awaitInFlight(kafka); // surfaces a failed write at once
                }
                ConsumerRecords<ByteBuffer, ByteBuffer> records = kafka.poll(Duration.ofMillis(config.pollMillis()));
                if (!records.isEmpty()) {
                    gather(records);
                }
                if (open != null
                        && (mustSubmit()
                                || (readyToSubmit(records.isEmpty()) && (inFlight == null || inFlight.isDone())))) {
                    submit(kafka);
                }
                updateLag(kafka);
            }
            awaitInFlight(kafka);
        } catch (WakeupException e) {
            if (running.get()) {
                throw e;
            }
            awaitQuietly();
        } finally {
            consumer = null;
            writer.gathering(this, false);
            if (ownWriter) {
                writer.close();
            }
        }
    }

    /**
     * The open batch is ready when it holds {@code batchRecords} records, is {@code batchMillis}
     * old, or the consumer caught up (an empty poll); it is handed over once this consumer's batch
     * before it has been written. Until then the consumer goes on gathering into the same batch: the same
     * (service, bucket) keys absorb the new records, so a slow database gets fewer, larger
     * transactions instead of a consumer waiting for it.
     */
    private boolean readyToSubmit(boolean caughtUp) {
        return caughtUp
                || openRecords >= config.batchRecords()
                || System.nanoTime() - openSince >= config.batchMillis() * 1_000_000L;
    }

    /**
     * Past {@link #MAX_BATCH_GROWTH} times {@code batchRecords} (or millis) the batch waits for the
     * writer: what a crash would make the group read again stays bounded.
     */
    private boolean mustSubmit() {
        return openRecords >= (long) MAX_BATCH_GROWTH * config.batchRecords()
                || System.nanoTime() - openSince >= MAX_BATCH_GROWTH * config.batchMillis() * 1_000_000L;
    }

    /** Time spent parsing, attributing and aggregating, and time batches took from hand-over to commit, in nanoseconds. */
    public long[] timings() {
        return new long[] {aggregateNanos.get(), commitNanos.get()};
    }

    /** The partitions this consumer owns ("topic-partition"), each with its last known lag (-1: not known yet). */
    public Map<String, Long> assignment() {
        Map<String, Long> owned = new java.util.TreeMap<>();
        for (TopicPartition p : assigned) {
            owned.put(p.topic() + "-" + p.partition(), lag.getOrDefault(p, -1L));
        }
        return owned;
    }

    /** Stops the loop (from another thread); the current batch finishes or rolls back. */
    public void stop() {
        running.set(false);
        KafkaConsumer<ByteBuffer, ByteBuffer> current = consumer;
        if (current != null) {
            current.wakeup();
        }
    }

    /** Aggregates one poll into the open batch, partition by partition. */
    private void gather(ConsumerRecords<ByteBuffer, ByteBuffer> records) {
        long started = System.nanoTime();
        if (open == null) {
            writer.gathering(this, true);
            open = new UsageBatch();
            openRanges = new HashMap<>();
            openRecords = 0;
            openSince = started;
        }
        IpAttributionIndex index = attribution.current();
        Instant now = clock.instant();
        for (TopicPartition partition : records.partitions()) {
            List<ConsumerRecord<ByteBuffer, ByteBuffer>> run = records.records(partition);
            long[] range = openRanges.computeIfAbsent(
                    partition, p -> new long[] {run.get(0).offset(), run.get(0).offset()});
            String label = partition + "@";
            for (ConsumerRecord<ByteBuffer, ByteBuffer> record : run) {
                ByteBuffer value = record.value();
                if (value == null) {
                    aggregator.accept(
                            new byte[0], label, record.offset(), now, index, open); // a tombstone: dead-lettered
                } else if (value.hasArray()) { // the value where the fetch decoded it: no copy
                    aggregator.accept(
                            value.array(),
                            value.arrayOffset() + value.position(),
                            value.remaining(),
                            label,
                            record.offset(),
                            now,
                            index,
                            open);
                } else {
                    byte[] copy = new byte[value.remaining()];
                    value.duplicate().get(copy);
                    aggregator.accept(copy, label, record.offset(), now, index, open);
                }
            }
            range[1] = run.get(run.size() - 1).offset();
            openRecords += run.size();
        }
        aggregateNanos.addAndGet(System.nanoTime() - started);
    }

    /** Hands the open batch to the writer (after the one in flight, which must have committed). */
    private void submit(KafkaConsumer<ByteBuffer, ByteBuffer> kafka) {
        UsageBatch batch = open;
        Map<TopicPartition, long[]> ranges = openRanges;
        open = null;
        openRanges = null;
        if (!awaitInFlight(kafka)) {
            writer.gathering(this, false);
            return; // the batch before was fenced: this one follows it and is dropped too (the consumer was sent back)
        }
        long submitted = System.nanoTime();
        // completed in the writer's thread, before the future this consumer waits on: the next batch sees the moved
        // offsets
        inFlight = writer.submit(this, batch, ranges, expected, describe(ranges))
                .thenApply(written -> {
                    if (written == null) {
                        return false; // fenced: another consumer moved one of its partitions
                    }
                    commitNanos.addAndGet(System.nanoTime() - submitted);
                    ranges.forEach((partition, range) -> expected.put(partition, range[1] + 1));
                    metrics.committed(SOURCE, batch);
                    afterCommit.accept(batch);
                    return true;
                });
        writer.gathering(this, false); // handed over: the writer need not wait for this consumer until it gathers again
    }

    /**
     * Waits for the batch being written. If it was fenced, seeks every assigned partition back to
     * its stored offset and drops what was polled since; a failed write is rethrown here.
     */
    private boolean awaitInFlight(KafkaConsumer<ByteBuffer, ByteBuffer> kafka) {
        Future<Boolean> write = inFlight;
        if (write == null) {
            return true;
        }
        inFlight = null;
        boolean committed;
        try {
            committed = write.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while a batch was being written", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
        if (!committed) {
            open = null;
            openRanges = null;
            writer.gathering(this, false);
            seekToStored(kafka, kafka.assignment());
        }
        return committed;
    }

    private void awaitQuietly() {
        Future<Boolean> write = inFlight;
        if (write != null) {
            try {
                write.get();
            } catch (Exception e) {
                log.warn("the last batch did not commit: {}", e.getMessage());
            }
        }
    }

    private void seekToStored(KafkaConsumer<ByteBuffer, ByteBuffer> kafka, Collection<TopicPartition> partitions) {
        Map<Integer, Long> stored = new HashMap<>();
        store.inTransaction(mapper -> {
            mapper.selectOffsets(config.groupId(), config.topic())
                    .forEach(r -> stored.put(r.partitionNo(), r.nextOffset()));
            return null;
        });
        for (TopicPartition partition : partitions) {
            Long offset = stored.get(partition.partition());
            if (offset == null) {
                expected.remove(partition);
            } else {
                expected.put(partition, offset);
            }
            if (offset != null) {
                kafka.seek(partition, offset);
            } else {
                kafka.seekToBeginning(List.of(partition));
            }
        }
    }

    private void updateLag(KafkaConsumer<ByteBuffer, ByteBuffer> kafka) {
        for (TopicPartition partition : kafka.assignment()) {
            kafka.currentLag(partition).ifPresent(l -> {
                lag.put(partition, l);
                metrics.kafkaLag(partition.topic(), partition.partition(), l);
            });
        }
    }

    /**
     * Drops the open batch if it holds records of these partitions (its aggregate cannot be split):
     * the other partitions it read are sent back to where the batch started on them, so nothing of
     * theirs is lost; the partitions given are read again from their stored offsets by whoever owns them.
     */
    private void dropOpen(KafkaConsumer<ByteBuffer, ByteBuffer> kafka, Collection<TopicPartition> partitions) {
        if (open == null || Collections.disjoint(openRanges.keySet(), partitions)) {
            return;
        }
        Set<TopicPartition> assigned = kafka.assignment();
        openRanges.forEach((partition, range) -> {
            if (!partitions.contains(partition) && assigned.contains(partition)) {
                kafka.seek(partition, range[0]);
            }
        });
        open = null;
        openRanges = null;
        writer.gathering(this, false);
    }

    private static String describe(Map<TopicPartition, long[]> ranges) {
        StringBuilder label = new StringBuilder();
        ranges.forEach((p, r) -> label.append(label.length() == 0 ? "" : " ")
                .append(p)
                .append('@')
                .append(r[0])
                .append('-')
                .append(r[1]));
        return label.length() > 300 ? label.substring(0, 297) + "..." : label.toString();
    }

    private Properties consumerProperties() {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, config.groupId());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, config.maxPollRecords());
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 16 * 1024 * 1024);
        props.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, 64 * 1024 * 1024);
        props.put(ConsumerConfig.RECEIVE_BUFFER_CONFIG, 4 * 1024 * 1024);
        // keys are not read; values are parsed where the fetch decoded them (ByteBufferDeserializer hands the buffer
        // over, no copy)
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteBufferDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteBufferDeserializer.class.getName());
        return props;
    }

    /** On assignment, continue from the offsets stored with the samples, never from Kafka's. */
    private final class SeekToStoredOffsets implements ConsumerRebalanceListener {

        private final KafkaConsumer<ByteBuffer, ByteBuffer> kafka;

        SeekToStoredOffsets(KafkaConsumer<ByteBuffer, ByteBuffer> kafka) {
            this.kafka = kafka;
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            awaitInFlight(kafka);
            dropOpen(kafka, partitions);
            seekToStored(kafka, partitions);
            assigned.addAll(partitions);
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            onPartitionsRevoked(partitions);
        }

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            // the batch in flight commits (its offsets are fenced if someone else moved them); records gathered but
            // not committed are dropped with the partition: its next owner reads them from the stored offset
            awaitInFlight(kafka);
            dropOpen(kafka, partitions);
            partitions.forEach(lag::remove);
            partitions.forEach(p -> metrics.kafkaLag(p.topic(), p.partition(), 0));
            assigned.removeAll(partitions);
            partitions.forEach(expected::remove);
        }
    }
}
