package com.ezscale.billing.ingest.bench;

import com.sun.management.OperatingSystemMXBean;
import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * CPU time spent by each part of a benchmark phase, so a run on a shared 2-core machine can be
 * read as "CPU per record" of consumers, writers, the broker, the JVM's own threads (GC, JIT) and
 * the database server, not as wall-clock rates alone. Per-thread CPU comes from {@code /proc/self/task/TID/stat} (Linux; the JIT compiler and garbage
 * collector threads included), the JVM's total from the operating-system bean, and the database
 * server's from {@code /proc/PID/stat}.
 */
final class CpuMeter {

    /** Thread-name prefixes grouped under one label, in the order printed. */
    private static final Map<String, String> GROUPS = new LinkedHashMap<>();

    static {
        GROUPS.put("bench-consumer", "consumers (poll, decompress, parse, attribute, aggregate)");
        GROUPS.put("bench-pipeline", "consumers (poll, decompress, parse, attribute, aggregate)");
        GROUPS.put("kafka-ingest-writer", "writers (JDBC, transaction)");
        GROUPS.put("data-plane-kafka", "broker (request handlers, network)");
        GROUPS.put("kafka-producer-network-thread", "producer (ElastiFlow's side)");
    }

    record Snapshot(long processNanos, long databaseNanos, Map<String, Long> groupNanos, long gcCount, long gcMillis) {}

    private final OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private final long databasePid = findDatabasePid();

    Snapshot snapshot() {
        Map<String, Long> groups = new LinkedHashMap<>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
            tasks.forEach(task -> {
                String name = comm(task);
                long cpu = ticksNanos(task);
                if (name != null && cpu > 0) {
                    groups.merge(group(name), cpu, Long::sum);
                }
            });
        } catch (IOException e) {
            // not Linux: the JVM's total only
        }
        long gcCount = 0;
        long gcMillis = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            gcCount += Math.max(0, gc.getCollectionCount());
            gcMillis += Math.max(0, gc.getCollectionTime());
        }
        return new Snapshot(
                os.getProcessCpuTime(),
                databasePid > 0 ? ticksNanos(Path.of("/proc/" + databasePid)) : 0,
                groups,
                gcCount,
                gcMillis);
    }

    /** Prints CPU per record of each part between two snapshots, and the cores they kept busy. */
    void print(String phase, Snapshot before, Snapshot after, long records, double seconds) {
        System.out.printf("CPU of %s, µs per record (cores busy):%n", phase);
        Map<String, Long> delta = new LinkedHashMap<>();
        long javaThreads = 0;
        for (Map.Entry<String, Long> e : after.groupNanos().entrySet()) {
            long d = e.getValue() - before.groupNanos().getOrDefault(e.getKey(), 0L);
            if (d > 0) {
                delta.merge(e.getKey(), d, Long::sum);
                javaThreads += d;
            }
        }
        long process = after.processNanos() - before.processNanos();
        delta.put("threads that ended during the phase", Math.max(0, process - javaThreads));
        if (databasePid > 0) {
            delta.put("database server (" + databasePid + ")", after.databaseNanos() - before.databaseNanos());
        }
        long total = 0;
        for (Map.Entry<String, Long> e : delta.entrySet()) {
            total += e.getValue();
            System.out.printf(
                    "  %-60s %6.2f µs (%.2f)%n",
                    e.getKey(), e.getValue() / 1e3 / records, e.getValue() / 1e9 / seconds);
        }
        System.out.printf("  %-60s %6.2f µs (%.2f)%n", "total", total / 1e3 / records, total / 1e9 / seconds);
        System.out.printf(
                "  garbage collections: %d, %.1f s of pauses in %.1f s%n",
                after.gcCount() - before.gcCount(), (after.gcMillis() - before.gcMillis()) / 1e3, seconds);
    }

    private static String group(String name) {
        for (Map.Entry<String, String> e : GROUPS.entrySet()) {
            String prefix =
                    e.getKey().substring(0, Math.min(15, e.getKey().length())); // Linux keeps 15 characters of a name
            if (name.startsWith(prefix)) {
                return e.getValue();
            }
        }
        if (name.startsWith("C1 Compiler") || name.startsWith("C2 Compiler")) {
            return "JIT compiler threads";
        }
        if (name.startsWith("GC Thread")
                || name.startsWith("VM Thread")
                || name.startsWith("G1 ")
                || name.startsWith("ParGC")) {
            return "garbage collector and VM threads";
        }
        if (name.startsWith("kafka-coordinator") || name.startsWith("consumer_background")) {
            return "consumers' Kafka background threads";
        }
        return name.startsWith("kafka")
                        || name.startsWith("quorum")
                        || name.startsWith("broker")
                        || name.startsWith("controller")
                        || name.startsWith("group-coord")
                        || name.startsWith("data-plane")
                ? "broker (request handlers, network)"
                : "other threads";
    }

    private static String comm(Path task) {
        try {
            return Files.readString(task.resolve("comm")).trim();
        } catch (IOException e) {
            return null;
        }
    }

    /** utime + stime of a process or task from its {@code stat}, in nanoseconds (USER_HZ is 100 on Linux). */
    private static long ticksNanos(Path task) {
        try {
            String stat = Files.readString(task.resolve("stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 10_000_000L;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    private static long findDatabasePid() {
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            return procs.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit))
                    .filter(p -> {
                        try {
                            String comm = Files.readString(p.resolve("comm")).trim();
                            return comm.equals("mariadbd") || comm.equals("mysqld");
                        } catch (IOException e) {
                            return false;
                        }
                    })
                    .mapToLong(p -> Long.parseLong(p.getFileName().toString()))
                    .findFirst()
                    .orElse(-1);
        } catch (IOException e) {
            return -1;
        }
    }
}
