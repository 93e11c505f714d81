package com.ezscale.billing.jobs.run;

import com.ezscale.billing.app.BusinessDates;
import com.ezscale.billing.app.outbox.OutboxWriter;
import com.ezscale.billing.audit.db.AuditMapper;
import com.ezscale.billing.jobs.outbox.OutboxProcessor;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.AbstractJob;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobExecutionAlreadyRunningException;
import org.springframework.batch.core.launch.JobInstanceAlreadyCompleteException;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.dao.EmptyResultDataAccessException;
import org.springframework.stereotype.Component;

/**
 * Starts and restarts Batch jobs. Every job takes {@code asOf}. A scheduled run's identity is
 * (job, asOf), so a second trigger for the same day finds the completed instance and does nothing;
 * a manual run adds {@code requestedAt} and so is a new instance whose result, by the jobs' own
 * idempotency, is the same. Manual runs and restarts are audited.
 */
@Component
public class JobRunner {

    private static final Logger log = LoggerFactory.getLogger(JobRunner.class);

    private final JobOperator operator;
    private final JobRepository repository;
    private final Map<String, Job> jobs = new TreeMap<>();
    private final Clock clock;
    private final AuditMapper audit;
    private final OutboxWriter outbox;
    private final ObjectProvider<OutboxProcessor> outboxProcessor;
    private final BusinessDates dates;
    private final ExecutionRecovery recovery;
    private final JobNode node;

    public JobRunner(
            JobOperator operator,
            JobRepository repository,
            List<Job> jobs,
            Clock clock,
            AuditMapper audit,
            OutboxWriter outbox,
            ObjectProvider<OutboxProcessor> outboxProcessor,
            BusinessDates dates,
            JobNode node,
            ExecutionRecovery recovery) {
        this.dates = dates;
        this.recovery = recovery;
        this.node = node;
        // every execution is claimed by this node before its first step, so one left behind by a dead process is
        // recognised
        jobs.forEach(j -> {
            if (j instanceof AbstractJob job) {
                job.registerJobExecutionListener(node);
            }
        });
        this.operator = operator;
        this.repository = repository;
        jobs.forEach(j -> this.jobs.put(j.getName(), j));
        this.clock = clock;
        this.audit = audit;
        this.outbox = outbox;
        this.outboxProcessor = outboxProcessor;
    }

    /**
     * A failed execution alerts the admins (email and Discord through the outbox, sent at once),
     * once per execution.
     */
    private JobExecution alertIfFailed(JobExecution execution) {
        if (execution.getStatus() != BatchStatus.FAILED) {
            return execution;
        }
        try {
            String asOf = RunReport.asOf(execution);
            String detail = RunReport.failureReason(execution) + "\n(asOf " + asOf + ")\nRestart it with: restart "
                    + execution.getId();
            outbox.alert(
                    "ALERT:JOB_FAILED:" + execution.getId(),
                    "job " + execution.getJobInstance().getJobName() + " failed",
                    detail);
            outboxProcessor.ifAvailable(OutboxProcessor::processAlerts);
        } catch (RuntimeException e) {
            log.error("could not alert the admins about failed execution {}: {}", execution.getId(), e.getMessage());
        }
        return execution;
    }

    public Set<String> jobNames() {
        return jobs.keySet();
    }

    /** A manual run: always a new instance. */
    public JobExecution run(String jobName, LocalDate asOf, String actor) {
        return run(jobName, asOf, Map.of(), actor);
    }

    /** A manual run with extra date parameters (e.g. esIngest's {@code from} and {@code to}). */
    public JobExecution run(String jobName, LocalDate asOf, Map<String, LocalDate> dates, String actor) {
        return run(jobName, asOf, dates, false, actor);
    }

    /**
     * A manual run; its dates are checked first ({@link BusinessDates}: not before the book, not
     * beyond the horizon unless {@code forceFutureDate}); a refused run is neither started nor audited.
     */
    public JobExecution run(
            String jobName, LocalDate asOf, Map<String, LocalDate> dates, boolean forceFutureDate, String actor) {
        Job job = job(jobName);
        this.dates.asOf("--as-of", asOf, forceFutureDate);
        new TreeMap<>(dates).forEach((name, date) -> this.dates.asOf("--" + name, date, forceFutureDate));
        JobParametersBuilder params = new JobParametersBuilder()
                .addLocalDate("asOf", asOf)
                .addString("requestedAt", clock.instant().toString());
        dates.forEach(params::addLocalDate);
        audit.insert(
                clock.instant(),
                actor,
                "job.run",
                jobName,
                "asOf=" + asOf + (dates.isEmpty() ? "" : " " + new TreeMap<>(dates))
                        + (forceFutureDate ? " (future date forced)" : ""));
        return start(job, params.toJobParameters());
    }

    /**
     * A run asked for in the portal with string parameters (a report's name, range, currency,
     * format): always a new instance, carrying the request's id and who asked.
     */
    public JobExecution runRequested(
            String jobName, LocalDate asOf, Map<String, String> strings, long request, String actor) {
        Job job = anyJob(jobName);
        JobParametersBuilder params = new JobParametersBuilder()
                .addLocalDate("asOf", asOf)
                .addString("requestedAt", clock.instant().toString())
                .addLong("request", request)
                .addString("requestedBy", actor);
        new TreeMap<>(strings).forEach(params::addString);
        audit.insert(clock.instant(), actor, "job.run", jobName, "asOf=" + asOf + " " + new TreeMap<>(strings));
        return start(job, params.toJobParameters());
    }

    /** A manual run restricted to one customer (e.g. to invoice a plan change at once): a new instance. */
    public JobExecution runForCustomer(String jobName, LocalDate asOf, long customerId, String actor) {
        Job job = job(jobName);
        dates.asOf("--as-of", asOf, false);
        JobParameters params = new JobParametersBuilder()
                .addLocalDate("asOf", asOf)
                .addLong("customerId", customerId)
                .addString("requestedAt", clock.instant().toString())
                .toJobParameters();
        audit.insert(clock.instant(), actor, "job.run", jobName, "asOf=" + asOf + " customer=" + customerId);
        return start(job, params);
    }

    /**
     * A scheduled (or demo) run, keyed by (job, asOf): empty if that day already completed, or is
     * running in a live process. A day whose execution was left running by a process that is gone
     * is recovered (marked FAILED, alerted) and resumed here, where its last chunk committed; a day
     * that failed is resumed too.
     */
    public Optional<JobExecution> runForDay(String jobName, LocalDate asOf) {
        refuseWhileClosing(jobName);
        Job job = job(jobName);
        JobParameters params =
                new JobParametersBuilder().addLocalDate("asOf", asOf).toJobParameters();
        recovery.recoverOrphans();
        for (int tries = 0; ; tries++) {
            try {
                return Optional.of(finish(operator.start(job, params)));
            } catch (JobInstanceAlreadyCompleteException e) {
                log.debug("{} for {} already completed", jobName, asOf);
                return Optional.empty();
            } catch (JobExecutionAlreadyRunningException e) {
                JobExecution running = repository.getLastJobExecution(jobName, params);
                if (tries == 0 && running != null && recovery.recoverIfOrphaned(running)) {
                    continue; // resumed from where it stopped
                }
                log.info(
                        "{} for {} is running on {} (execution {}): not started again",
                        jobName,
                        asOf,
                        running == null ? "another node" : recovery.ownerOf(running),
                        running == null ? "?" : running.getId());
                return Optional.empty();
            } catch (Exception e) {
                if (transientLockFailure(e) && tries < START_TRIES - 1) {
                    backOff(jobName, tries, e);
                    continue; // the repository's transaction rolled back whole: nothing was created
                }
                throw new IllegalStateException(
                        "could not start " + jobName + " for " + asOf + ": " + e.getMessage(), e);
            }
        }
    }

    /** Resumes of an execution that failed on a lost lock, before it is left failed and alerted. */
    static final int RESUMES_AFTER_LOST_LOCK = 3;

    /**
     * An execution that failed only because the database chose one of its transactions as a deadlock's victim
     * (or it waited past the lock wait timeout) is resumed where its last chunk committed, as an admin's
     * `restart` would, up to {@link #RESUMES_AFTER_LOST_LOCK} times: the database rolled the chunk back whole
     * and asks for it again, and every job is restartable by design (unique keys, idempotency keys). Any other
     * failure, or one still failing after the resumes, is left FAILED and alerted.
     */
    private JobExecution finish(JobExecution execution) {
        JobExecution last = execution;
        for (int resumes = 0;
                resumes < RESUMES_AFTER_LOST_LOCK
                        && last.getStatus() == BatchStatus.FAILED
                        && lostLockOnly(last)
                        && !node.closing();
                resumes++) {
            String job = last.getJobInstance().getJobName();
            String reason = RunReport.failureReason(last);
            log.warn("{} lost a lock; resuming it where its last chunk committed", reason);
            audit.insert(
                    clock.instant(),
                    ExecutionRecovery.ACTOR,
                    "job.resume",
                    job,
                    "execution=" + last.getId() + " after a lost lock: "
                            + reason.substring(0, Math.min(reason.length(), 1_500)));
            backOff(job, resumes);
            try {
                last = operator.restart(last);
            } catch (Exception e) {
                log.error("could not resume {} execution {}: {}", job, last.getId(), e.getMessage());
                break;
            }
        }
        return alertIfFailed(last);
    }

    /**
     * Whether an execution's failures are lost locks and nothing else: a partitioned step's manager fails with
     * a plain {@code JobExecutionException} naming its failed partition, which is no failure of its own.
     */
    static boolean lostLockOnly(JobExecution execution) {
        List<Throwable> failures = execution.getAllFailureExceptions();
        return failures.stream().anyMatch(JobRunner::transientLockFailure)
                && failures.stream()
                        .allMatch(f -> transientLockFailure(f)
                                || f.getClass() == org.springframework.batch.core.job.JobExecutionException.class);
    }

    /** Tries of a start that lost a lock (two nodes creating job instances at once: a deadlock on MariaDB). */
    static final int START_TRIES = 4;

    /** A deadlock or lock wait timeout: the database rolled the transaction back and asks for it again. */
    static boolean transientLockFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof org.springframework.dao.PessimisticLockingFailureException
                    || t instanceof java.sql.SQLTransactionRollbackException
                    || t instanceof org.springframework.dao.TransientDataAccessException) {
                return true;
            }
        }
        return false;
    }

    private static void backOff(String jobName, int tries, Exception e) {
        log.info("starting {} lost a lock ({}); trying again", jobName, e.getMessage());
        backOff(jobName, tries);
    }

    private static void backOff(String jobName, int tries) {
        try {
            Thread.sleep(50L * (tries + 1)
                    + java.util.concurrent.ThreadLocalRandom.current().nextLong(50));
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting " + jobName, interrupted);
        }
    }

    /**
     * Restarts a failed or stopped execution where it stopped. One left running by a process that is
     * gone is recovered first; one that completed, or runs in a live process, is refused with the reason.
     */
    public JobExecution restart(long executionId, String actor) {
        JobExecution failed;
        try {
            failed = repository.getJobExecution(executionId);
        } catch (EmptyResultDataAccessException e) {
            failed = null;
        }
        if (failed == null) {
            throw new IllegalArgumentException("no job execution " + executionId + " (see `runs`)");
        }
        String job = failed.getJobInstance().getJobName();
        refuseWhileClosing(job);
        refuseRestartOf(failed);
        if (failed.isRunning() && !recovery.recoverIfOrphaned(failed)) {
            JobExecution now = repository.getJobExecution(executionId);
            if (now.isRunning()) {
                throw new IllegalStateException(
                        "execution " + executionId + " of " + job + " (asOf " + RunReport.asOf(now) + ") is running on "
                                + recovery.ownerOf(now) + "; restart it once it has stopped");
            }
        }
        failed = repository.getJobExecution(executionId);
        refuseRestartOf(failed); // it may have completed while we looked
        audit.insert(clock.instant(), actor, "job.restart", job, "execution=" + executionId);
        try {
            return finish(operator.restart(failed));
        } catch (Exception e) {
            throw new IllegalStateException("cannot restart execution " + executionId + ": " + e.getMessage(), e);
        }
    }

    /**
     * Asks a running execution to stop at its next chunk boundary (on whichever node runs it: the
     * request is a status in the job repository); it can be restarted later where it stopped.
     */
    public JobExecution stop(long executionId, String actor) {
        JobExecution running;
        try {
            running = repository.getJobExecution(executionId);
        } catch (EmptyResultDataAccessException e) {
            running = null;
        }
        if (running == null) {
            throw new IllegalArgumentException("no job execution " + executionId);
        }
        if (!running.isRunning()) {
            throw new IllegalStateException("execution " + executionId + " of "
                    + running.getJobInstance().getJobName() + " is " + running.getStatus() + ", not running");
        }
        audit.insert(
                clock.instant(), actor, "job.stop", running.getJobInstance().getJobName(), "execution=" + executionId);
        try {
            requestStop(repository, running);
        } catch (Exception e) {
            throw new IllegalStateException("cannot stop execution " + executionId + ": " + e.getMessage(), e);
        }
        return repository.getJobExecution(executionId);
    }

    /**
     * Marks a running execution STOPPING in the job repository, and nothing else: its step sees it
     * at its next chunk commit (the repository's update of a step execution reads its job's status)
     * and ends STOPPED. Not {@code JobOperator.stop}, which in Spring Batch 6 also writes the running
     * step's execution from the calling thread: the step's own next write then fails on the
     * execution's version and the step ends FAILED instead of STOPPED (seen in NightlyCrashTest).
     */
    static void requestStop(JobRepository repository, JobExecution running) {
        running.setStatus(org.springframework.batch.core.BatchStatus.STOPPING);
        repository.update(running);
    }

    private static void refuseRestartOf(JobExecution execution) {
        String what = "execution " + execution.getId() + " of "
                + execution.getJobInstance().getJobName() + " (asOf " + RunReport.asOf(execution) + ")";
        switch (execution.getStatus()) {
            case COMPLETED -> throw new IllegalStateException(what + " completed: there is nothing to restart");
            case ABANDONED -> throw new IllegalStateException(what + " was abandoned and cannot be restarted");
            default -> {}
        }
    }

    /** Executions left running by processes that are gone, marked FAILED and alerted (a serve node calls it every minute). */
    public List<JobExecution> recoverOrphans() {
        return recovery.recoverOrphans();
    }

    /** A job run for a day (by `run`, the schedules, the portal's job page): any but the report job. */
    private Job job(String name) {
        if (com.ezscale.billing.run.JobRequests.FINANCE_REPORT.equals(name)) {
            throw new IllegalArgumentException(
                    name + " writes a report asked for on the portal's reports page; from a terminal use `report`");
        }
        return anyJob(name);
    }

    private Job anyJob(String name) {
        Job job = jobs.get(name);
        if (job == null) {
            throw new IllegalArgumentException("unknown job '" + name + "'; jobs: "
                    + String.join(
                            ", ",
                            jobs.keySet().stream()
                                    .filter(j -> !j.equals(com.ezscale.billing.run.JobRequests.FINANCE_REPORT))
                                    .toList()));
        }
        return job;
    }

    /** A node shutting down starts nothing: what it was running stops at a chunk boundary (GracefulShutdown). */
    private void refuseWhileClosing(String jobName) {
        if (node.closing()) {
            throw new IllegalStateException("not starting " + jobName + ": this node is shutting down");
        }
    }

    private JobExecution start(Job job, JobParameters params) {
        refuseWhileClosing(job.getName());
        recovery.recoverOrphans();
        for (int tries = 0; ; tries++) {
            try {
                return finish(operator.start(job, params));
            } catch (Exception e) {
                if (transientLockFailure(e) && tries < START_TRIES - 1) {
                    backOff(job.getName(), tries, e);
                    continue;
                }
                throw new IllegalStateException("could not start " + job.getName() + ": " + e.getMessage(), e);
            }
        }
    }
}
