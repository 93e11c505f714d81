package com.ezscale.billing.ingest.aggregate;

import com.carrotsearch.hppc.LongLongHashMap;
import com.carrotsearch.hppc.LongObjectHashMap;
import com.carrotsearch.hppc.cursors.LongLongCursor;
import com.carrotsearch.hppc.cursors.LongObjectCursor;
import com.ezscale.billing.usage.UsageSample;
import com.ezscale.billing.usage.db.DeadLetterRow;
import com.ezscale.billing.usage.db.IngestWindowRow;
import com.ezscale.billing.usage.db.UnattributedRow;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What a batch of records adds up to, before it is written in one transaction: bytes per
 * (service, bucket) in and out, unattributed bytes per (IP, day), dead letters, and the count of
 * records and bytes by outcome, so every record and byte is accounted for exactly once.
 */
public final class UsageBatch {

    /** A record that could not be billed from. */
    public record DeadLetter(String position, String reason, String raw) {}

    private record IpDay(ByteBuffer ip, long epochDay) {}

    /** Bytes in and out per (service, bucket) key: primitive maps, no object per record on the hot path. */
    private final LongLongHashMap bytesIn = new LongLongHashMap();

    private final LongLongHashMap bytesOut = new LongLongHashMap();
    /** Unattributed IPv4 traffic per (day, address) key: bytes in, bytes out, flows. */
    private final LongObjectHashMap<long[]> unattributedV4 = new LongObjectHashMap<>();

    private final Map<IpDay, long[]> unattributedV6 = new HashMap<>();
    private final List<DeadLetter> deadLetters = new ArrayList<>();

    private long records;
    private long attributedRecords;
    private long unattributedRecords;
    private long ignoredRecords;
    private long attributedBytes;
    private long unattributedBytes;
    private long ignoredBytes;

    void addInbound(long subscriptionId, long bucket, long bytes) {
        bytesIn.addTo(key(subscriptionId, bucket), bytes);
    }

    void addOutbound(long subscriptionId, long bucket, long bytes) {
        bytesOut.addTo(key(subscriptionId, bucket), bytes);
    }

    /**
     * The rows of several batches summed (samples and unattributed traffic per key, dead letters
     * together), for one transaction; its counts are the sums too.
     */
    public static UsageBatch sum(List<UsageBatch> batches) {
        UsageBatch total = new UsageBatch();
        for (UsageBatch b : batches) {
            for (LongLongCursor c : b.bytesIn) {
                total.bytesIn.addTo(c.key, c.value);
            }
            for (LongLongCursor c : b.bytesOut) {
                total.bytesOut.addTo(c.key, c.value);
            }
            for (LongObjectCursor<long[]> c : b.unattributedV4) {
                long[] sum = total.unattributedV4.get(c.key);
                if (sum == null) {
                    total.unattributedV4.put(c.key, c.value.clone());
                } else {
                    addTo(sum, c.value);
                }
            }
            b.unattributedV6.forEach((k, v) -> addTo(total.unattributedV6.computeIfAbsent(k, x -> new long[3]), v));
            total.deadLetters.addAll(b.deadLetters);
            total.records += b.records;
            total.attributedRecords += b.attributedRecords;
            total.unattributedRecords += b.unattributedRecords;
            total.ignoredRecords += b.ignoredRecords;
            total.attributedBytes += b.attributedBytes;
            total.unattributedBytes += b.unattributedBytes;
            total.ignoredBytes += b.ignoredBytes;
        }
        return total;
    }

    private static void addTo(long[] sum, long[] more) {
        for (int i = 0; i < sum.length; i++) {
            sum[i] += more[i];
        }
    }

    void countAttributed(long bytes) {
        records++;
        attributedRecords++;
        attributedBytes += bytes;
    }

    void countUnattributed(byte[] source, byte[] destination, long epochDay, long bytes) {
        records++;
        unattributedRecords++;
        unattributedBytes += bytes;
        long[] in = unattributed(destination, epochDay);
        in[0] += bytes;
        in[2]++;
        unattributed(source, epochDay)[1] += bytes;
    }

    private long[] unattributed(byte[] ip, long epochDay) {
        if (ip.length == 4) {
            long key = (epochDay << 32)
                    | ((ip[0] & 0xFFL) << 24)
                    | ((ip[1] & 0xFFL) << 16)
                    | ((ip[2] & 0xFFL) << 8)
                    | (ip[3] & 0xFFL);
            long[] totals = unattributedV4.get(key);
            if (totals == null) {
                totals = new long[3];
                unattributedV4.put(key, totals);
            }
            return totals;
        }
        return unattributedV6.computeIfAbsent(new IpDay(ByteBuffer.wrap(ip), epochDay), k -> new long[3]);
    }

    void countIgnored(long bytes) {
        records++;
        ignoredRecords++;
        ignoredBytes += bytes;
    }

    void deadLetter(String position, String reason, String raw) {
        records++;
        deadLetters.add(new DeadLetter(position, reason, raw));
    }

    private static long key(long subscriptionId, long bucket) {
        return (subscriptionId << 32) | bucket;
    }

    public boolean isEmpty() {
        return records == 0;
    }

    public long records() {
        return records;
    }

    public long attributedRecords() {
        return attributedRecords;
    }

    public long unattributedRecords() {
        return unattributedRecords;
    }

    public long ignoredRecords() {
        return ignoredRecords;
    }

    public long deadLetterCount() {
        return deadLetters.size();
    }

    public long attributedBytes() {
        return attributedBytes;
    }

    public long unattributedBytes() {
        return unattributedBytes;
    }

    public long ignoredBytes() {
        return ignoredBytes;
    }

    public List<DeadLetter> deadLetters() {
        return List.copyOf(deadLetters);
    }

    /**
     * The (service, bucket) rows in primary-key order: two consumers' transactions then lock the
     * rows they share in the same order (no deadlock) and InnoDB walks its index forwards.
     */
    public List<UsageSample> sampleRows() {
        long[] keys = new long[bytesIn.size() + bytesOut.size()];
        int n = 0;
        for (LongLongCursor c : bytesIn) {
            keys[n++] = c.key;
        }
        for (LongLongCursor c : bytesOut) {
            if (!bytesIn.containsKey(c.key)) {
                keys[n++] = c.key;
            }
        }
        Arrays.sort(keys, 0, n);
        List<UsageSample> rows = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            long k = keys[i];
            rows.add(new UsageSample(k >>> 32, k & 0xFFFFFFFFL, bytesIn.get(k), bytesOut.get(k)));
        }
        return rows;
    }

    /** Unattributed rows in primary-key order (address bytes, then day), for the same reasons. */
    public List<UnattributedRow> unattributedRows() {
        List<UnattributedRow> rows = new ArrayList<>(unattributedV4.size() + unattributedV6.size());
        for (LongObjectCursor<long[]> c : unattributedV4) {
            long ip = c.key & 0xFFFFFFFFL;
            byte[] address = {(byte) (ip >>> 24), (byte) (ip >>> 16), (byte) (ip >>> 8), (byte) ip};
            rows.add(new UnattributedRow(
                    address, LocalDate.ofEpochDay(c.key >>> 32), c.value[0], c.value[1], c.value[2]));
        }
        unattributedV6.forEach((k, v) ->
                rows.add(new UnattributedRow(k.ip().array(), LocalDate.ofEpochDay(k.epochDay()), v[0], v[1], v[2])));
        rows.sort(Comparator.comparing(UnattributedRow::ip, Arrays::compareUnsigned)
                .thenComparing(UnattributedRow::day));
        return rows;
    }

    public List<DeadLetterRow> deadLetterRows(String source, Instant receivedAt) {
        return deadLetters.stream()
                .map(d -> new DeadLetterRow(source, d.position(), d.reason(), d.raw(), receivedAt))
                .toList();
    }

    public IngestWindowRow window(String source, String label, Instant start, Instant end, Instant finishedAt) {
        return new IngestWindowRow(
                source,
                label,
                start,
                end,
                records,
                attributedRecords,
                unattributedRecords,
                ignoredRecords,
                deadLetters.size(),
                attributedBytes,
                finishedAt);
    }
}
