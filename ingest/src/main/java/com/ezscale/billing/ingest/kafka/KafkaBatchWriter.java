package com.ezscale.billing.ingest.kafka;

import com.ezscale.billing.ingest.aggregate.UsageBatch;
import com.ezscale.billing.ingest.store.UsageStore;
import com.ezscale.billing.usage.db.KafkaOffsetRow;
import com.ezscale.billing.usage.db.UsageMapper;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;

/**
 * The one database writer of a node's Kafka consumers (one group, one topic). Batches handed over
 * while a transaction is being written wait, and the next transaction takes all of them (having
 * waited a moment for a batch of every consumer gathering one): their
 * samples and unattributed rows are summed first (the consumers of a node mostly add to the same
 * (service, bucket) rows, so each row is written once instead of once per consumer), each batch
 * keeps its own ingest window, and every partition's offset moves in the same transaction.
 * <p>
 * Each batch's offsets move only from where its consumer found them (checked under the offset
 * rows' lock): a batch whose partition another consumer moved is fenced, answered {@code false},
 * and the transaction is written again without it, so the other batches commit.
 */
public final class KafkaBatchWriter implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(KafkaBatchWriter.class);

    /** One consumer's batch: its offsets per partition and where that consumer found them. */
    record Request(
            Object consumer,
            UsageBatch batch,
            Map<TopicPartition, long[]> ranges,
            Map<TopicPartition, Long> expected,
            String label,
            CompletableFuture<Request> written) {}

    private final String groupId;
    private final String topic;
    private final UsageStore store;
    private final Clock clock;
    /** Tells the writer's thread to stop (queued after the last batch). */
    private static final Request CLOSE = new Request(null, null, Map.of(), Map.of(), "", new CompletableFuture<>());

    private final BlockingQueue<Request> queue = new LinkedBlockingQueue<>();
    private final Set<Object> consumers = ConcurrentHashMap.newKeySet();
    private final long gatherNanos;
    private final Thread thread;
    private volatile boolean open = true;

    /** A writer that takes each batch as it comes (no waiting for the other consumers). */
    public KafkaBatchWriter(String groupId, String topic, UsageStore store, Clock clock) {
        this(groupId, topic, store, clock, 0);
    }

    /**
     * A writer that, having taken a batch, waits up to {@code gatherMillis} for the batch of each
     * other consumer that is gathering one (see {@link #gathering}), so that one transaction
     * carries one batch of every busy consumer (their rows summed) instead of the consumers taking
     * turns; a consumer with nothing gathered (no partitions, an idle topic) is not waited for.
     */
    public KafkaBatchWriter(String groupId, String topic, UsageStore store, Clock clock, long gatherMillis) {
        this.gatherNanos = gatherMillis * 1_000_000L;
        this.groupId = groupId;
        this.topic = topic;
        this.store = store;
        this.clock = clock;
        this.thread = new Thread(this::loop, "kafka-ingest-writer");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    /**
     * Queues a batch; the future completes with the request once committed, with {@code null} if
     * the batch was fenced (another consumer moved one of its partitions), exceptionally if the
     * transaction failed.
     */
    CompletableFuture<Request> submit(
            Object consumer,
            UsageBatch batch,
            Map<TopicPartition, long[]> ranges,
            Map<TopicPartition, Long> expected,
            String label) {
        Request request = new Request(consumer, batch, ranges, expected, label, new CompletableFuture<>());
        if (!open) {
            request.written().completeExceptionally(new IllegalStateException("the Kafka batch writer is closed"));
        } else {
            queue.add(request);
        }
        return request.written();
    }

    /**
     * Whether {@code consumer} is gathering a batch now (it will hand it over): the writer waits
     * for the batches of the consumers that are (see the constructor).
     */
    void gathering(Object consumer, boolean gathering) {
        if (gathering) {
            consumers.add(consumer);
        } else {
            consumers.remove(consumer);
        }
    }

    private void loop() {
        boolean closing = false;
        while (!closing) {
            List<Request> requests = new ArrayList<>();
            try {
                requests.add(queue.take());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            queue.drainTo(requests);
            try {
                gatherTheOthers(requests);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                closing = true;
            }
            closing |= requests.remove(CLOSE);
            if (!requests.isEmpty()) {
                write(requests);
            }
        }
        List<Request> left = new ArrayList<>();
        queue.drainTo(left);
        left.forEach(
                r -> r.written().completeExceptionally(new IllegalStateException("the Kafka batch writer closed")));
    }

    /** Waits (up to the gathering time) until every consumer gathering a batch has one among {@code requests}. */
    private void gatherTheOthers(List<Request> requests) throws InterruptedException {
        long deadline = System.nanoTime() + gatherNanos;
        while (!requests.contains(CLOSE) && !fromEveryConsumer(requests)) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return;
            }
            Request next = queue.poll(
                    Math.min(left, 5_000_000L), TimeUnit.NANOSECONDS); // looks again at who is gathering every 5 ms
            if (next != null) {
                requests.add(next);
                queue.drainTo(requests);
            }
        }
    }

    private boolean fromEveryConsumer(List<Request> requests) {
        Set<Object> waiting = new HashSet<>(consumers);
        requests.forEach(r -> waiting.remove(r.consumer()));
        return waiting.isEmpty();
    }

    /** One transaction for all the requests; a fenced one is answered and the rest written again without it. */
    private void write(List<Request> requests) {
        List<Request> live = new ArrayList<>(requests);
        while (!live.isEmpty()) {
            try {
                Instant now = clock.instant();
                store.inTransaction(mapper -> {
                    moveOffsets(mapper, live, now);
                    store.writeRows(
                            mapper,
                            live.size() == 1
                                    ? live.get(0).batch()
                                    : UsageBatch.sum(
                                            live.stream().map(Request::batch).toList()),
                            KafkaIngestor.SOURCE);
                    for (Request r : live) {
                        store.writeWindow(mapper, r.batch(), KafkaIngestor.SOURCE, r.label(), null, null);
                    }
                    return null;
                });
                live.forEach(r -> r.written().complete(r));
                return;
            } catch (Fenced fenced) {
                log.warn(
                        "dropped a batch another consumer already counted ({}); its consumer seeks to the stored offsets",
                        fenced.getMessage());
                fenced.request.written().complete(null);
                live.remove(fenced.request);
            } catch (DuplicateKeyException raced) {
                // a first offset row inserted by another consumer at the same time: which batch raced is unknown, all
                // go back
                log.warn(
                        "dropped {} batch(es) racing another consumer for a first offset ({}); they seek to the stored offsets",
                        live.size(),
                        raced.getMostSpecificCause().getMessage());
                live.forEach(r -> r.written().complete(null));
                return;
            } catch (RuntimeException
                    | Error failed) { // NOPMD: even an Error must reach the consumers (they stop and start again)
                live.forEach(r -> r.written().completeExceptionally(failed));
                return;
            }
        }
    }

    private void moveOffsets(UsageMapper mapper, List<Request> requests, Instant now) {
        Map<Integer, Long> stored = new HashMap<>();
        for (KafkaOffsetRow row : mapper.selectOffsetsForUpdate(groupId, topic)) {
            stored.put(row.partitionNo(), row.nextOffset());
        }
        for (Request r : requests) {
            r.ranges().forEach((partition, range) -> {
                Long at = stored.get(partition.partition());
                Long mine = r.expected().get(partition);
                if (!Objects.equals(at, mine)) {
                    throw new Fenced(r, partition + " is stored at " + at + ", this consumer expected " + mine);
                }
            });
        }
        for (Request r : requests) {
            r.ranges().forEach((partition, range) -> {
                KafkaOffsetRow next = new KafkaOffsetRow(groupId, topic, partition.partition(), range[1] + 1);
                Long at = stored.get(partition.partition());
                if (at == null) {
                    mapper.insertOffset(next, now);
                } else {
                    mapper.advanceOffset(next, at, now);
                }
                stored.put(partition.partition(), range[1] + 1);
            });
        }
    }

    /** Stops taking batches: those queued before are written, the thread ends. */
    @Override
    public void close() {
        open = false;
        queue.add(CLOSE);
        try {
            thread.join(60_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static final class Fenced extends RuntimeException {

        private final transient Request request;

        Fenced(Request request, String message) {
            super(message, null, false, false);
            this.request = request;
        }
    }
}
