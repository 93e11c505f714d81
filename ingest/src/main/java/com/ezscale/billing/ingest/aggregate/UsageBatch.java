package com.ezscale.billing.ingest.aggregate;

import com.ezscale.billing.usage.db.DeadLetterRow;
import com.ezscale.billing.usage.db.IngestWindowRow;
import com.ezscale.billing.usage.db.UnattributedRow;
import com.ezscale.billing.usage.db.UsageSampleRow;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
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
    public record DeadLetter(String position, String reason, String raw) {
    }

    private record IpDay(ByteBuffer ip, long epochDay) {
    }

    private final Map<Long, long[]> samples = new HashMap<>();
    private final Map<IpDay, long[]> unattributed = new HashMap<>();
    private final List<DeadLetter> deadLetters = new ArrayList<>();

    private long records;
    private long attributedRecords;
    private long unattributedRecords;
    private long ignoredRecords;
    private long attributedBytes;
    private long unattributedBytes;
    private long ignoredBytes;

    void addInbound(long subscriptionId, long bucket, long bytes) {
        samples.computeIfAbsent(key(subscriptionId, bucket), k -> new long[2])[0] += bytes;
    }

    void addOutbound(long subscriptionId, long bucket, long bytes) {
        samples.computeIfAbsent(key(subscriptionId, bucket), k -> new long[2])[1] += bytes;
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
        long[] in = unattributed.computeIfAbsent(new IpDay(ByteBuffer.wrap(destination), epochDay), k -> new long[3]);
        in[0] += bytes;
        in[2]++;
        unattributed.computeIfAbsent(new IpDay(ByteBuffer.wrap(source), epochDay), k -> new long[3])[1] += bytes;
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

    public List<UsageSampleRow> sampleRows() {
        List<UsageSampleRow> rows = new ArrayList<>(samples.size());
        samples.forEach((k, v) -> rows.add(new UsageSampleRow(k >>> 32, k & 0xFFFFFFFFL, v[0], v[1])));
        return rows;
    }

    public List<UnattributedRow> unattributedRows() {
        List<UnattributedRow> rows = new ArrayList<>(unattributed.size());
        unattributed.forEach((k, v) -> rows.add(new UnattributedRow(k.ip().array(), LocalDate.ofEpochDay(k.epochDay()), v[0], v[1], v[2])));
        return rows;
    }

    public List<DeadLetterRow> deadLetterRows(String source, Instant receivedAt) {
        return deadLetters.stream().map(d -> new DeadLetterRow(source, d.position(), d.reason(), d.raw(), receivedAt)).toList();
    }

    public IngestWindowRow window(String source, String label, Instant start, Instant end, Instant finishedAt) {
        return new IngestWindowRow(source, label, start, end, records, attributedRecords, unattributedRecords, ignoredRecords,
                deadLetters.size(), attributedBytes, finishedAt);
    }
}
