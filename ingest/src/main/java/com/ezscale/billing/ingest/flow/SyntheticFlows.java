package com.ezscale.billing.ingest.flow;

import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * A seeded generator of ElastiFlow-like CODEX records (~450 bytes each) for the demo and the
 * benchmarks: internet traffic to and from the given customer addresses, some between two
 * customers, some that no service owns (the leak report) and some malformed (dead letters), in time
 * order over {@code [from, to)}, all from the exporter 192.0.2.1.
 */
public final class SyntheticFlows {

    /** Shares of the records, in percent. */
    public record Mix(int malformed, int unattributed, int betweenCustomers) {}

    private static final String[] PROTOCOLS = {"TCP", "UDP", "TCP", "TCP", "ICMP"};

    private SyntheticFlows() {}

    public static void generate(
            long seed, List<String> customerIps, Instant from, Instant to, int count, Mix mix, Consumer<String> out) {
        SplittableRandom random = new SplittableRandom(seed);
        long span = to.toEpochMilli() - from.toEpochMilli();
        for (int i = 0; i < count; i++) {
            Instant at = Instant.ofEpochMilli(from.toEpochMilli() + span * i / count);
            int kind = random.nextInt(100);
            if (kind < mix.malformed()) {
                out.accept(
                        random.nextBoolean()
                                ? "{\"@timestamp\":\"" + at + "\",\"flow.bytes\":-" + random.nextInt(1000) + "}"
                                : "{\"@timestamp\":\"" + at
                                        + "\",\"flow.bytes\":\"n/a\",\"flow.src.ip.addr\":\"10.0.0.1\"}");
                continue;
            }
            String internet = "198.51." + random.nextInt(256) + "." + (1 + random.nextInt(254));
            String customer = customerIps.isEmpty() ? internet : customerIps.get(random.nextInt(customerIps.size()));
            String src;
            String dst;
            if (kind < mix.malformed() + mix.unattributed()) {
                src = internet;
                dst = "192.0.2." + (200 + random.nextInt(50));
            } else if (kind < mix.malformed() + mix.unattributed() + mix.betweenCustomers() && customerIps.size() > 1) {
                src = customer;
                dst = customerIps.get(random.nextInt(customerIps.size()));
            } else if (random.nextBoolean()) {
                src = internet;
                dst = customer;
            } else {
                src = customer;
                dst = internet;
            }
            long bytes = 64L + (long) (Math.pow(random.nextDouble(), 3) * 40_000_000);
            out.accept(codex(at, bytes, src, dst, random));
        }
    }

    /**
     * Steady traffic to each of {@code hosts}: one record per 5-minute bucket over {@code [from, to)}
     * of about {@code bytesPerBucket[i]} (±25%, with a daily swing), from the internet to the host.
     */
    public static void steady(
            long seed, List<String> hosts, long[] bytesPerBucket, Instant from, Instant to, Consumer<String> out) {
        SplittableRandom random = new SplittableRandom(seed);
        for (long t = from.getEpochSecond() / 300 * 300; t < to.getEpochSecond(); t += 300) {
            double daily = 0.75 + 0.25 * Math.sin(2 * Math.PI * (t % 86_400) / 86_400.0);
            for (int i = 0; i < hosts.size(); i++) {
                long bytes = (long) (bytesPerBucket[i] * daily * (0.75 + 0.5 * random.nextDouble()));
                out.accept(codex(
                        Instant.ofEpochSecond(t + random.nextInt(300)),
                        bytes,
                        "198.51.100." + (1 + random.nextInt(254)),
                        hosts.get(i),
                        random));
            }
        }
    }

    private static String codex(Instant at, long bytes, String src, String dst, SplittableRandom random) {
        return "{\"@timestamp\":\"" + at + "\",\"flow.bytes\":" + bytes + ",\"flow.packets\":" + (1 + bytes / 1200)
                + ",\"flow.src.ip.addr\":\"" + src + "\",\"flow.dst.ip.addr\":\"" + dst
                + "\",\"flow.export.ip.addr\":\"192.0.2.1\""
                + ",\"flow.in.netif.name\":\"xe-0/0/" + random.nextInt(4) + "\",\"flow.out.netif.name\":\"xe-0/0/"
                + random.nextInt(4) + "\""
                + ",\"l4.proto.name\":\"" + PROTOCOLS[random.nextInt(PROTOCOLS.length)] + "\",\"flow.src.l4.port.id\":"
                + random.nextInt(65536)
                + ",\"flow.dst.l4.port.id\":443,\"flow.tcp.flags.tags\":[\"ACK\",\"PSH\"],\"flow.export.host.name\":\"edge1.ams\""
                + ",\"flow.sampling.rate\":1,\"flow.src.as.name\":\"EXAMPLE-NET\",\"flow.dst.as.name\":\"EZSCALE\"}";
    }
}
