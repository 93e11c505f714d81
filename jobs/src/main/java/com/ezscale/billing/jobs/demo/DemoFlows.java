package com.ezscale.billing.jobs.demo;

import com.ezscale.billing.ingest.flow.SyntheticFlows;
import com.ezscale.billing.subscription.IpAssignment;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.zip.GZIPOutputStream;

/**
 * ElastiFlow-like CODEX records for the demo's services over the day before {@code now}: mostly
 * internet traffic to and from the services' addresses, some between two customers, about 2% that
 * no service owns (the leak report) and about 1% malformed (dead letters). Written as gzip NDJSON
 * and imported through the file path, like an export would be.
 */
public final class DemoFlows {

    private DemoFlows() {
    }

    /**
     * Writes the demo's flows: {@code records} mixed flows over the last day, plus steady traffic
     * since {@code steadyFrom} to each of {@code busyHosts} at about {@code busyBytes} per bucket.
     */
    public static Path write(long seed, List<IpAssignment> assignments, Instant now, int records, Path directory, List<String> busyHosts,
                             long[] busyBytes, Instant steadyFrom) throws IOException {
        List<String> owned = assignments.stream().map(DemoFlows::hostIn).toList();
        Files.createDirectories(directory);
        Path file = directory.resolve("demo-flows-" + now.getEpochSecond() + ".ndjson.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file));
             Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8)) {
            SyntheticFlows.generate(seed, owned, now.minusSeconds(86_400), now.minusSeconds(60), records,
                    new SyntheticFlows.Mix(1, 2, 5), line -> line(writer, line));
            SyntheticFlows.steady(seed + 1, busyHosts, busyBytes, steadyFrom, now.minusSeconds(60), line -> line(writer, line));
        }
        return file;
    }

    private static void line(Writer writer, String line) {
        try {
            writer.write(line);
            writer.write('\n');
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An address inside the assignment (the first host of a prefix). */
    public static String hostIn(IpAssignment assignment) {
        byte[] address = assignment.prefix().network().clone();
        if (assignment.prefix().prefixLength() < address.length * 8) {
            address[address.length - 1] |= 1;
        }
        try {
            return InetAddress.getByAddress(address).getHostAddress();
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
