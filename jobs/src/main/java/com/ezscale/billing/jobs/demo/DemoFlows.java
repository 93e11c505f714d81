package com.ezscale.billing.jobs.demo;

import com.ezscale.billing.catalog.Plan;
import com.ezscale.billing.ingest.flow.SyntheticFlows;
import com.ezscale.billing.subscription.IpAssignment;
import com.ezscale.billing.subscription.Subscription;
import com.ezscale.billing.subscription.SubscriptionStatus;
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
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.zip.GZIPOutputStream;

/**
 * ElastiFlow-like CODEX records for the demo's services over the day before {@code now}: mostly
 * internet traffic to and from the services' addresses, some between two customers, about 2% that
 * no service owns (the leak report) and about 1% malformed (dead letters); and steady traffic
 * since the start of last month that takes a few services over their commit or quota. Written as
 * gzip NDJSON and imported through the file path, like an export would be.
 */
public final class DemoFlows {

    private DemoFlows() {}

    /** Plans whose first few active services get steady traffic above their commit or quota (bytes per 5 minutes). */
    private static final Map<String, Long> BUSY_PLANS = Map.of(
            "ded-epyc", 3_000_000_000L, // ~80 Mbps against a 50 Mbps commit
            "ded-e3", 750_000_000L, // ~20 Mbps against 10
            "vps-1g", 225_000_000L); // ~6 Mbps: ~1,900 GB a month against 1,000

    private static final int BUSY_SERVICES_PER_PLAN = 4;

    /**
     * Writes the demo's flows: {@code records} mixed flows over the last day, plus steady traffic
     * since the start of last month to the first services of {@link #BUSY_PLANS}.
     */
    public static Path write(long seed, DemoData data, Instant now, int records, Path directory) throws IOException {
        List<IpAssignment> assignments = data.ipAssignments();
        List<String> owned = assignments.stream().map(DemoFlows::hostIn).toList();
        List<String> busyHosts = new ArrayList<>();
        List<Long> busyBytes = new ArrayList<>();
        for (Plan plan : data.plans()) {
            Long bytes = BUSY_PLANS.get(plan.code());
            if (bytes == null) {
                continue;
            }
            Set<Long> services = data.subscriptions().stream()
                    .filter(sub -> sub.planId() == plan.id() && sub.status() == SubscriptionStatus.ACTIVE)
                    .map(Subscription::id)
                    .limit(BUSY_SERVICES_PER_PLAN)
                    .collect(Collectors.toSet());
            assignments.stream()
                    .filter(a ->
                            services.contains(a.subscriptionId()) && a.prefix().family() == 4)
                    .forEach(a -> {
                        busyHosts.add(hostIn(a));
                        busyBytes.add(bytes);
                    });
        }
        Instant steadyFrom = YearMonth.from(LocalDate.ofInstant(now, ZoneOffset.UTC))
                .minusMonths(1)
                .atDay(1)
                .atStartOfDay(ZoneOffset.UTC)
                .toInstant();
        Files.createDirectories(directory);
        Path file = directory.resolve("demo-flows-" + now.getEpochSecond() + ".ndjson.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file));
                Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8)) {
            SyntheticFlows.generate(
                    seed,
                    owned,
                    now.minusSeconds(86_400),
                    now.minusSeconds(60),
                    records,
                    new SyntheticFlows.Mix(1, 2, 5),
                    line -> line(writer, line));
            SyntheticFlows.steady(
                    seed + 1,
                    busyHosts,
                    busyBytes.stream().mapToLong(Long::longValue).toArray(),
                    steadyFrom,
                    now.minusSeconds(60),
                    line -> line(writer, line));
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
