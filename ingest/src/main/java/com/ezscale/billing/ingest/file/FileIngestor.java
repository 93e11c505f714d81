package com.ezscale.billing.ingest.file;

import com.ezscale.billing.ingest.aggregate.UsageAggregator;
import com.ezscale.billing.ingest.aggregate.UsageBatch;
import com.ezscale.billing.ingest.attribution.AttributionIndexProvider;
import com.ezscale.billing.ingest.attribution.IpAttributionIndex;
import com.ezscale.billing.ingest.flow.NdjsonLine;
import com.ezscale.billing.ingest.store.IngestMetrics;
import com.ezscale.billing.ingest.store.UsageStore;
import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.function.LongConsumer;
import java.util.zip.GZIPInputStream;
import org.springframework.stereotype.Component;

/**
 * Imports an NDJSON export of ElastiFlow records, plain or gzip (detected by its magic bytes).
 * The file's SHA-256 is recorded in the same transaction as its usage, so importing the same
 * content twice, under any name, changes nothing. A bad line is dead-lettered with its line
 * number; the good lines are ingested. A line holding several records (two exports joined without
 * a final newline) has each of them read ({@link NdjsonLine}), dead-lettered as
 * {@code <sha256>:<line>:<n>} if bad.
 */
@Component
public class FileIngestor {

    public static final String SOURCE = "file";

    /** What an import did. */
    public record Result(Path path, String sha256, boolean alreadyImported, UsageBatch usage) {}

    private final UsageAggregator aggregator;
    private final AttributionIndexProvider attribution;
    private final UsageStore store;
    private final IngestMetrics metrics;
    private final Clock clock;

    public FileIngestor(
            UsageAggregator aggregator,
            AttributionIndexProvider attribution,
            UsageStore store,
            IngestMetrics metrics,
            Clock clock) {
        this.aggregator = aggregator;
        this.attribution = attribution;
        this.store = store;
        this.metrics = metrics;
        this.clock = clock;
    }

    public Result ingest(Path path) throws IOException {
        return ingest(path, bytes -> {});
    }

    /** As {@link #ingest(Path)}, telling {@code bytesRead} how far into the file (as stored, gzip or not) it has read. */
    public Result ingest(Path path, LongConsumer bytesRead) throws IOException {
        String sha256 = sha256(path);
        if (store.inTransaction(mapper -> mapper.fileImported(sha256))) {
            return new Result(path, sha256, true, new UsageBatch());
        }
        IpAttributionIndex index = attribution.refreshNow();
        Instant now = clock.instant();
        UsageBatch usage = new UsageBatch();
        try (BufferedReader lines =
                new BufferedReader(new InputStreamReader(open(path, bytesRead), StandardCharsets.UTF_8))) {
            String line;
            long number = 0;
            while ((line = lines.readLine()) != null) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
                List<NdjsonLine.Span> records = NdjsonLine.values(bytes);
                String position = sha256 + ":" + number;
                for (int i = 0; i < records.size(); i++) {
                    NdjsonLine.Span span = records.get(i);
                    aggregator.accept(
                            bytes,
                            span.offset(),
                            span.length(),
                            records.size() == 1 ? position : position + ":" + (i + 1),
                            -1,
                            now,
                            index,
                            usage);
                }
            }
        }
        boolean written = store.inTransaction(mapper -> {
            if (mapper.fileImported(sha256)) {
                return false;
            }
            store.write(mapper, usage, SOURCE, path.getFileName().toString(), null, null);
            mapper.insertFile(sha256, path.toAbsolutePath().toString(), usage.records(), usage.deadLetterCount(), now);
            return true;
        });
        if (written) {
            metrics.committed(SOURCE, usage);
        }
        return new Result(path, sha256, !written, usage);
    }

    private static InputStream open(Path path, LongConsumer bytesRead) throws IOException {
        InputStream in = new BufferedInputStream(new FilterInputStream(Files.newInputStream(path)) {
            private long read;

            @Override
            public int read() throws IOException {
                int b = super.read();
                if (b >= 0) {
                    bytesRead.accept(++read);
                }
                return b;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                int n = super.read(buffer, offset, length);
                if (n > 0) {
                    read += n;
                    bytesRead.accept(read);
                }
                return n;
            }
        });
        in.mark(2);
        int b1 = in.read();
        int b2 = in.read();
        in.reset();
        return b1 == 0x1f && b2 == 0x8b ? new GZIPInputStream(in, 1 << 16) : in;
    }

    private static String sha256(Path path) throws IOException {
        try (DigestInputStream in =
                new DigestInputStream(Files.newInputStream(path), MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(in.getMessageDigest().digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
