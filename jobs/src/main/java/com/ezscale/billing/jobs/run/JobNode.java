package com.ezscale.billing.jobs.run;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * This JVM as a runner of jobs: a row in {@code job_node} that beats every
 * {@code ezscale.jobs.heartbeat-every} (in the database's clock, so nodes' clocks need not agree),
 * and the claim on every execution it starts ({@code job_execution_owner}, written before the job's
 * first step). The row appears with the first job and is deleted when the context closes, so an
 * execution left STARTED by a node that stopped or died is recognised ({@link OwnerLiveness}).
 */
@Component
public class JobNode implements JobExecutionListener, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(JobNode.class);

    private final JdbcTemplate jdbc;
    private final RecoveryProperties properties;
    private final String nodeId = UUID.randomUUID().toString();
    private final String host = hostName();
    private final String scope = processScope();
    private final long pid = ProcessHandle.current().pid();
    private final Instant processStart = processStart(ProcessHandle.current());
    private ScheduledExecutorService heartbeat;
    private final Set<Long> runningHere = ConcurrentHashMap.newKeySet();
    private volatile boolean closing;

    public JobNode(JdbcTemplate jdbc, RecoveryProperties properties) {
        this.jdbc = jdbc;
        this.properties = properties;
    }

    public String id() {
        return nodeId;
    }

    /** The processes this node can see: the Linux boot and pid namespace it runs in (null elsewhere: heartbeats only). */
    public String scope() {
        return scope;
    }

    public String describe() {
        return host + " pid " + pid;
    }

    /**
     * How far two JVMs' readings of one process's start may differ. On Linux a start instant is the process's
     * start in clock ticks after boot plus the boot time, read from {@code /proc/stat}'s {@code btime}, whole
     * seconds that the kernel derives from the wall clock: it moves by a second when the clock has been slewed
     * across a second's boundary between two readings. Compared exactly, a live owner could then look like a
     * process gone and its running execution be taken from it. A pid reused by another process started within
     * the same two seconds cannot own an execution that has been running.
     */
    static final Duration SAME_START = Duration.ofSeconds(2);

    /** Whether a process with this pid and start time runs where this node can see it. */
    public boolean alive(long otherPid, Instant otherStart) {
        Optional<ProcessHandle> handle = ProcessHandle.of(otherPid);
        if (handle.isEmpty() || !handle.get().isAlive()) {
            return false;
        }
        Instant start = processStart(handle.get());
        return otherStart == null
                || start == null
                || Duration.between(start, otherStart).abs().compareTo(SAME_START) <= 0;
    }

    /** The executions this JVM runs now (between their beforeJob and afterJob). */
    public Set<Long> runningHere() {
        return Set.copyOf(runningHere);
    }

    /** From now on this node starts no job (it is shutting down). */
    public void close() {
        closing = true;
    }

    public boolean closing() {
        return closing;
    }

    @Override
    public void afterJob(JobExecution execution) {
        runningHere.remove(execution.getId());
    }

    @Override
    public void beforeJob(JobExecution execution) {
        runningHere.add(execution.getId());
        join();
        jdbc.update(
                "INSERT INTO job_execution_owner (job_execution_id, node_id, owned_at) VALUES (?, ?, UTC_TIMESTAMP(6)) "
                        + "ON DUPLICATE KEY UPDATE node_id = VALUES(node_id), owned_at = VALUES(owned_at)",
                execution.getId(),
                nodeId);
    }

    /** Registers this node and starts its heartbeat (once). */
    public synchronized void join() {
        if (heartbeat != null) {
            return;
        }
        beat();
        heartbeat = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "ezscale-job-node-heartbeat");
            t.setDaemon(true);
            return t;
        });
        long every = properties.heartbeatEvery().toMillis();
        heartbeat.scheduleWithFixedDelay(
                () -> {
                    try {
                        beat();
                    } catch (RuntimeException e) {
                        log.warn("job node heartbeat failed: {}", e.getMessage());
                    }
                },
                every,
                every,
                TimeUnit.MILLISECONDS);
    }

    private void beat() {
        jdbc.update(
                "INSERT INTO job_node (node_id, host, scope, pid, process_start, started_at, heartbeat_at) "
                        + "VALUES (?, ?, ?, ?, ?, UTC_TIMESTAMP(6), UTC_TIMESTAMP(6)) ON DUPLICATE KEY UPDATE heartbeat_at = UTC_TIMESTAMP(6)",
                nodeId,
                host,
                scope,
                pid,
                processStart == null ? null : Timestamp.from(processStart));
    }

    @Override
    public synchronized void destroy() {
        if (heartbeat == null) {
            return;
        }
        heartbeat.shutdownNow();
        try {
            jdbc.update("DELETE FROM job_node WHERE node_id = ?", nodeId);
        } catch (RuntimeException e) {
            log.warn("could not sign off job node {}: {}", nodeId, e.getMessage());
        }
        heartbeat = null;
    }

    private static Instant processStart(ProcessHandle process) {
        // to the millisecond: what the database keeps of it and what /proc gives again on the next look
        return process.info()
                .startInstant()
                .map(i -> i.truncatedTo(ChronoUnit.MILLIS))
                .orElse(null);
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static String processScope() {
        try {
            String boot =
                    Files.readString(Path.of("/proc/sys/kernel/random/boot_id")).strip();
            String pidNamespace =
                    Files.readSymbolicLink(Path.of("/proc/self/ns/pid")).toString();
            return boot + "/" + pidNamespace;
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return null;
        }
    }
}
