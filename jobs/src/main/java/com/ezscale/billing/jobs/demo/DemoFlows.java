package com.ezscale.billing.jobs.demo;

import com.ezscale.billing.subscription.IpAssignment;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;
import java.util.zip.GZIPOutputStream;

/**
 * ElastiFlow-like CODEX records for the demo's services over the day before {@code now}: mostly
 * internet traffic to and from the services' addresses, some between two customers, about 2% that
 * no service owns (the leak report) and about 1% malformed (dead letters). Written as gzip NDJSON
 * and imported through the file path, like an export would be.
 */
public final class DemoFlows {

    private static final String[] PROTOCOLS = {"TCP", "UDP", "TCP", "TCP", "ICMP"};

    private DemoFlows() {
    }

    public static Path write(long seed, List<IpAssignment> assignments, Instant now, int records, Path directory) throws IOException {
        SplittableRandom random = new SplittableRandom(seed);
        List<String> owned = assignments.stream().map(DemoFlows::hostIn).toList();
        Files.createDirectories(directory);
        Path file = directory.resolve("demo-flows-" + now.getEpochSecond() + ".ndjson.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file));
             Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8)) {
            for (int i = 0; i < records; i++) {
                Instant at = now.minusSeconds(60 + random.nextInt(86_000));
                int kind = random.nextInt(100);
                if (kind == 0) {
                    writer.write("{\"@timestamp\":\"" + at + "\",\"flow.bytes\":-" + random.nextInt(1000) + "}\n");
                    continue;
                }
                String internet = "198.51.100." + (1 + random.nextInt(254));
                String customer = owned.isEmpty() ? internet : owned.get(random.nextInt(owned.size()));
                String src;
                String dst;
                if (kind < 3) {
                    src = internet;
                    dst = "192.0.2." + (200 + random.nextInt(50)); // nobody's: the leak report
                } else if (kind < 8 && owned.size() > 1) {
                    src = customer;
                    dst = owned.get(random.nextInt(owned.size()));
                } else if (random.nextBoolean()) {
                    src = internet;
                    dst = customer;
                } else {
                    src = customer;
                    dst = internet;
                }
                long bytes = 64L + (long) (Math.pow(random.nextDouble(), 3) * 40_000_000);
                writer.write("{\"@timestamp\":\"" + at + "\",\"flow.bytes\":" + bytes + ",\"flow.packets\":" + (1 + bytes / 1200)
                        + ",\"flow.src.ip.addr\":\"" + src + "\",\"flow.dst.ip.addr\":\"" + dst
                        + "\",\"flow.export.ip.addr\":\"192.0.2.1\",\"flow.in.netif.name\":\"xe-0/0/0\",\"flow.out.netif.name\":\"xe-0/0/1\""
                        + ",\"l4.proto.name\":\"" + PROTOCOLS[random.nextInt(PROTOCOLS.length)] + "\",\"flow.src.l4.port.id\":"
                        + random.nextInt(65536) + ",\"flow.dst.l4.port.id\":443}\n");
            }
        }
        return file;
    }

    /** An address inside the assignment (the first host of a prefix). */
    private static String hostIn(IpAssignment assignment) {
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
