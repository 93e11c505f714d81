package com.ezscale.billing.jobs.run;

import com.ezscale.billing.app.outbox.OutboxWriter;
import com.ezscale.billing.audit.db.AuditMapper;
import com.ezscale.billing.jobs.outbox.OutboxProcessor;
import com.ezscale.billing.jobs.run.OwnerLiveness.Owner;
import com.ezscale.billing.jobs.run.OwnerLiveness.Verdict;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Finds job executions left STARTED by a process that is gone ({@link OwnerLiveness}), marks them
 * FAILED with the reason (Spring Batch's {@link JobOperator#recover}), audits it and alerts the
 * admins; the execution then resumes where its last chunk committed, at the next trigger of its day
 * (a scheduled run) or with {@code restart}. Every start of a job sweeps first, and a {@code serve}
 * node sweeps every minute.
 */
@Component
public class ExecutionRecovery {

    private static final Logger log = LoggerFactory.getLogger(ExecutionRecovery.class);
    static final String ACTOR = "job-recovery";

    /** An owner as the database has it now, with the beat to tell a live remote owner from a dead one. */
    private record Seen(Owner owner, Timestamp heartbeatAt) {}

    private final JdbcTemplate jdbc;
    private final JobRepository repository;
    private final JobOperator operator;
    private final JobNode node;
    private final RecoveryProperties properties;
    private final AuditMapper audit;
    private final OutboxWriter outbox;
    private final ObjectProvider<OutboxProcessor> outboxProcessor;
    private final Clock clock;

    public ExecutionRecovery(
            JdbcTemplate jdbc,
            JobRepository repository,
            JobOperator operator,
            JobNode node,
            RecoveryProperties properties,
            AuditMapper audit,
            OutboxWriter outbox,
            ObjectProvider<OutboxProcessor> outboxProcessor,
            Clock clock) {
        this.jdbc = jdbc;
        this.repository = repository;
        this.operator = operator;
        this.node = node;
        this.properties = properties;
        this.audit = audit;
        this.outbox = outbox;
        this.outboxProcessor = outboxProcessor;
        this.clock = clock;
    }

    /** Marks every execution whose owner is known to be gone FAILED (no waiting); returns them. */
    public List<JobExecution> recoverOrphans() {
        // nodes that died long ago (their executions were recovered then): their rows go, their claims stay as history
        jdbc.update("DELETE FROM job_node WHERE heartbeat_at < UTC_TIMESTAMP(6) - INTERVAL 1 DAY");
        List<JobExecution> recovered = new ArrayList<>();
        for (long id : jdbc.queryForList(
                "SELECT JOB_EXECUTION_ID FROM BATCH_JOB_EXECUTION WHERE STATUS IN ('STARTING', 'STARTED', 'STOPPING') "
                        + "ORDER BY JOB_EXECUTION_ID",
                Long.class)) {
            JobExecution execution = repository.getJobExecution(id);
            if (execution != null && execution.isRunning()) {
                Seen seen = seen(id);
                if (verdict(execution, seen) == Verdict.GONE && recover(execution, seen)) {
                    recovered.add(execution);
                }
            }
        }
        return recovered;
    }

    /**
     * For an execution that blocks a start or a restart: finds out whether its owner is alive,
     * waiting up to {@code owner-lost-after} when only a heartbeat can tell (a remote owner counts
     * as alive once its heartbeat is seen to move); recovers it if the owner is gone. True if it was
     * recovered (it is FAILED now and can be restarted).
     */
    public boolean recoverIfOrphaned(JobExecution execution) {
        long id = execution.getId();
        Duration step = properties.heartbeatEvery().dividedBy(2);
        long deadline = System.nanoTime()
                + properties.ownerLostAfter().plus(properties.heartbeatEvery()).toNanos();
        Seen first = seen(id);
        while (true) {
            JobExecution current = repository.getJobExecution(id);
            if (current == null || !current.isRunning()) {
                return false; // it ended meanwhile
            }
            Seen now = seen(id);
            Verdict verdict = verdict(current, now);
            if (verdict == Verdict.GONE) {
                return recover(current, now);
            }
            boolean certain = verdict == Verdict.ALIVE
                    && (now.owner().nodeId().equals(node.id())
                            || (node.scope() != null
                                    && node.scope().equals(now.owner().scope()))
                            || (first.heartbeatAt() != null
                                    && now.heartbeatAt() != null
                                    && now.heartbeatAt().after(first.heartbeatAt())));
            if (certain || System.nanoTime() > deadline) {
                return false;
            }
            try {
                Thread.sleep(Math.max(50, step.toMillis()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
    }

    /** Who runs it, as the database says: "node host pid N (heartbeat Xs ago)". */
    public String ownerOf(JobExecution execution) {
        Owner owner = seen(execution.getId()).owner();
        if (owner == null) {
            return "an unknown process";
        }
        return "node " + owner.host() + " pid " + owner.pid()
                + (owner.sinceHeartbeat() == null
                        ? " (signed off)"
                        : " (heartbeat " + owner.sinceHeartbeat().toSeconds() + " s ago)");
    }

    private Verdict verdict(JobExecution execution, Seen seen) {
        // Spring Batch stamps its times with the JVM's local clock
        LocalDateTime created =
                execution.getCreateTime() != null ? execution.getCreateTime() : execution.getStartTime();
        Duration age = created == null
                ? Duration.ZERO
                : Duration.between(created, LocalDateTime.now(clock.withZone(ZoneId.systemDefault())));
        return OwnerLiveness.judge(
                seen.owner(), age, node.id(), node.scope(), node::alive, properties.ownerLostAfter());
    }

    private Seen seen(long executionId) {
        List<Seen> rows = jdbc.query(
                """
                SELECT o.node_id, n.host, n.scope, n.pid, n.process_start, n.heartbeat_at,
                       TIMESTAMPDIFF(MICROSECOND, n.heartbeat_at, UTC_TIMESTAMP(6)) AS since_micros
                  FROM job_execution_owner o
                  LEFT JOIN job_node n ON n.node_id = o.node_id
                 WHERE o.job_execution_id = ?""",
                (rs, i) -> {
                    Timestamp start = rs.getTimestamp("process_start");
                    Timestamp beat = rs.getTimestamp("heartbeat_at");
                    long since = rs.getLong("since_micros");
                    Duration sinceHeartbeat = beat == null ? null : Duration.ofNanos(Math.max(0, since) * 1000);
                    return new Seen(
                            new Owner(
                                    rs.getString("node_id"),
                                    rs.getString("host") == null ? "?" : rs.getString("host"),
                                    rs.getString("scope"),
                                    rs.getLong("pid"),
                                    start == null ? null : start.toInstant(),
                                    sinceHeartbeat),
                            beat);
                },
                executionId);
        return rows.isEmpty() ? new Seen(null, null) : rows.get(0);
    }

    /** Marks it FAILED with the reason, audits, alerts; false if another node did it first. */
    private boolean recover(JobExecution execution, Seen seen) {
        Owner owner = seen.owner();
        String reason = owner == null
                ? "the process that created it never claimed it and is gone"
                : "its process (" + owner.host() + " pid " + owner.pid() + ") is gone"
                        + (owner.sinceHeartbeat() == null
                                ? " (signed off)"
                                : ", last heartbeat " + owner.sinceHeartbeat().toSeconds() + " s ago");
        String job = execution.getJobInstance().getJobName();
        String asOf = RunReport.asOf(execution);
        execution.setExitStatus(ExitStatus.FAILED.addExitDescription("left " + execution.getStatus() + ": " + reason));
        for (StepExecution step : execution.getStepExecutions()) {
            if (step.getStatus().isRunning()) {
                step.setExitStatus(ExitStatus.FAILED.addExitDescription("left " + step.getStatus() + ": " + reason));
            }
        }
        try {
            operator.recover(execution);
        } catch (OptimisticLockingFailureException e) {
            log.info("execution {} was recovered by another node", execution.getId());
            return false;
        }
        Instant now = clock.instant();
        String detail = "execution " + execution.getId() + " (asOf " + asOf + ") was left " + "running: " + reason
                + "; marked FAILED";
        audit.insert(now, ACTOR, "job.recover", job, detail);
        log.warn("{} {}", job, detail);
        try {
            outbox.alert(
                    "ALERT:JOB_ORPHANED:" + execution.getId(),
                    "job " + job + " was interrupted",
                    "Job " + job + " " + detail
                            + ".\nIt resumes where its last chunk committed at the next trigger of that day (a scheduled run), "
                            + "or now with: restart " + execution.getId());
            outboxProcessor.ifAvailable(OutboxProcessor::processAlerts);
        } catch (RuntimeException e) {
            log.error("could not alert the admins about recovered execution {}: {}", execution.getId(), e.getMessage());
        }
        return true;
    }
}
