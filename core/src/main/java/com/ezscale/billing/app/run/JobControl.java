package com.ezscale.billing.app.run;

import com.ezscale.billing.audit.AuditOrigin;
import com.ezscale.billing.audit.db.AuditMapper;
import com.ezscale.billing.rules.BillingRuleViolation;
import com.ezscale.billing.run.JobRequests;
import com.ezscale.billing.run.db.JobRequestRow;
import com.ezscale.billing.run.db.RunMapper;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Job runs, restarts and stops asked for in the portal, which runs no job itself: each request is
 * a {@code job_request} row and a one-shot trigger in the jobs nodes' Quartz JDBC store, written in
 * one transaction; whichever {@code serve} node is free fires it (see
 * {@link com.ezscale.billing.run.JobRequests}). Audited.
 */
@Service
public class JobControl {

    private static final JobKey ON_DEMAND = JobKey.jobKey(JobRequests.NAME, JobRequests.GROUP);

    private final ObjectProvider<Scheduler> schedulers;
    private final RunMapper runs;
    private final AuditMapper audit;
    private final Clock clock;
    private final long offeredForNanos;
    private final long requestsForNanos;
    private volatile boolean onDemandSeen;

    /** The scheduler is the application's Quartz client (the portal's, never started; a serve node's). */
    @Autowired
    public JobControl(ObjectProvider<Scheduler> schedulers, RunMapper runs, AuditMapper audit, Clock clock) {
        this(schedulers, runs, audit, clock, OFFERED_FOR_NANOS, REQUESTS_FOR_NANOS);
    }

    /** As the application's, with the offered jobs and the recent requests re-read after the given times (tests). */
    JobControl(
            ObjectProvider<Scheduler> schedulers,
            RunMapper runs,
            AuditMapper audit,
            Clock clock,
            long offeredForNanos,
            long requestsForNanos) {
        this.offeredForNanos = offeredForNanos;
        this.requestsForNanos = requestsForNanos;
        this.schedulers = schedulers;
        this.runs = runs;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * The jobs an admin runs for a day (the report job is run from the finance reports page), as the executions
     * page offers them: a list read in the last {@link #OFFERED_FOR_NANOS} is shown again (it changes when a serve
     * node of another release starts; one of the page's three reads). A request is checked against a fresh read.
     */
    public List<String> dayJobs() {
        Offered last = offered;
        long now = System.nanoTime();
        if (last != null && now - last.readAt() < offeredForNanos) {
            return last.jobs();
        }
        List<String> jobs = dayJobs(jobs());
        if (!jobs.isEmpty()) { // none yet: asked again next time (the first serve node is starting)
            offered = new Offered(jobs, now);
        }
        return jobs;
    }

    private static List<String> dayJobs(List<String> jobs) {
        return jobs.stream().filter(j -> !j.equals(JobRequests.FINANCE_REPORT)).toList();
    }

    static final long OFFERED_FOR_NANOS = 5_000_000_000L;

    private volatile Offered offered;

    private record Offered(List<String> jobs, long readAt) {}

    /** The jobs the serve nodes said they can run; empty while none has registered the on-demand job. */
    public List<String> jobs() {
        return onDemandRegistered() ? runs.selectRunnableJobs() : List.of();
    }

    /**
     * Whether a serve node has registered the on-demand job in the store. Once seen it is
     * remembered (a serve node registers it at start and nothing removes it): the executions page
     * asks on every load, and the store's read was a fifth of that page's controller time.
     */
    private boolean onDemandRegistered() {
        if (onDemandSeen) {
            return true;
        }
        try {
            // checkExists reads the store without loading the job's class (which lives on the jobs nodes only)
            onDemandSeen = scheduler().checkExists(ON_DEMAND);
            return onDemandSeen;
        } catch (SchedulerException e) {
            throw new IllegalStateException("cannot read the job store: " + e.getMessage(), e);
        }
    }

    @Transactional
    public long run(String job, LocalDate asOf, String actor) {
        List<String> known = dayJobs(jobs());
        if (known.isEmpty()) {
            throw new BillingRuleViolation("no serve node has registered yet: start `serve` on a jobs node first");
        }
        if (JobRequests.FINANCE_REPORT.equals(job)) {
            throw new BillingRuleViolation("job: a report is asked for on the finance reports page");
        }
        if (job == null || !known.contains(job)) {
            throw new BillingRuleViolation("job: '" + job + "' is not one of " + String.join(", ", known));
        }
        if (asOf == null) {
            throw new BillingRuleViolation("as of: a date is needed (YYYY-MM-DD)");
        }
        return request(JobRequests.Action.RUN, job, asOf, null, null, actor);
    }

    /** A run of {@code job} for one customer (e.g. invoiceRun issuing a draft just approved). */
    @Transactional
    public long runForCustomer(String job, LocalDate asOf, long customerId, String actor) {
        if (jobs().isEmpty()) {
            throw new BillingRuleViolation("no serve node has registered yet: start `serve` on a jobs node first");
        }
        return request(JobRequests.Action.RUN, job, asOf, null, customerId, actor);
    }

    /**
     * A finance report written by a serve node as the {@code financeReport} job (its progress on the
     * executions page, its file kept in the database for any portal node to serve). The report's
     * name, range and format are checked here; what only the data can refuse (a missing exchange
     * rate) fails the execution, naming it.
     */
    @Transactional
    public long runReport(
            String report,
            LocalDate from,
            LocalDate to,
            LocalDate asOf,
            String currency,
            String format,
            java.util.Collection<String> reports,
            String actor) {
        if (!jobs().contains(JobRequests.FINANCE_REPORT)) {
            throw new BillingRuleViolation(
                    "no serve node runs " + JobRequests.FINANCE_REPORT + " yet: start `serve` on a jobs node first");
        }
        if (report == null || !reports.contains(report)) {
            throw new BillingRuleViolation("report: '" + report + "' is not one of " + String.join(", ", reports));
        }
        if (!"xlsx".equals(format) && !"pdf".equals(format)) {
            throw new BillingRuleViolation("format: xlsx or pdf");
        }
        if (asOf == null) {
            throw new BillingRuleViolation("as of: a date is needed (YYYY-MM-DD)");
        }
        if (from != null && to != null && from.isAfter(to)) {
            throw new BillingRuleViolation("from: " + from + " is after to " + to);
        }
        if (currency != null && !currency.matches("[A-Z]{3}")) {
            throw new BillingRuleViolation(
                    "currency: a three-letter ISO 4217 code such as EUR, not '" + currency + "'");
        }
        java.util.Map<String, String> parameters = new java.util.TreeMap<>();
        parameters.put("report", report);
        parameters.put("format", format);
        if (from != null) {
            parameters.put("from", from.toString());
        }
        if (to != null) {
            parameters.put("to", to.toString());
        }
        if (currency != null) {
            parameters.put("currency", currency);
        }
        return request(
                JobRequests.Action.RUN,
                JobRequests.FINANCE_REPORT,
                asOf,
                null,
                null,
                actor,
                JobRequests.parameters(parameters));
    }

    @Transactional
    public long restart(long executionId, String actor) {
        requireExecution(executionId);
        return request(
                JobRequests.Action.RESTART, runs.selectRun(executionId).jobName(), null, executionId, null, actor);
    }

    @Transactional
    public long stop(long executionId, String actor) {
        requireExecution(executionId);
        return request(JobRequests.Action.STOP, runs.selectRun(executionId).jobName(), null, executionId, null, actor);
    }

    /**
     * The newest requests and what became of them. A list read in the last {@link #REQUESTS_FOR_NANOS} for the same
     * limit is shown again (the executions page asks on every load: one of its reads); a request made through this
     * node is shown at once, one made on another portal node or a status a serve node wrote within that second.
     */
    public List<JobRequestRow> recentRequests(int limit) {
        Recent last = recent;
        long now = System.nanoTime();
        if (last != null && last.limit() == limit && now - last.readAt() < requestsForNanos) {
            return last.rows();
        }
        List<JobRequestRow> rows = List.copyOf(runs.selectJobRequests(limit));
        recent = new Recent(limit, rows, now);
        return rows;
    }

    static final long REQUESTS_FOR_NANOS = 1_000_000_000L;

    private volatile Recent recent;

    private record Recent(int limit, List<JobRequestRow> rows, long readAt) {}

    /**
     * A request made through this node is on the next page read, not a second later: the list is forgotten now, and
     * again once the request's transaction ends (committed: a page read in between could not see the row yet and
     * would keep the list without it; rolled back: a list read inside it would keep a request that never was).
     */
    private void forgetRecent() {
        recent = null;
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    recent = null;
                }
            });
        }
    }

    private Scheduler scheduler() {
        return JobStore.scheduler(schedulers);
    }

    private void requireExecution(long executionId) {
        if (runs.selectRun(executionId) == null) {
            throw new BillingRuleViolation("no job execution " + executionId);
        }
        if (jobs().isEmpty()) {
            throw new BillingRuleViolation("no serve node has registered yet: start `serve` on a jobs node first");
        }
    }

    private long request(
            JobRequests.Action action, String job, LocalDate asOf, Long executionId, Long customerId, String actor) {
        return request(action, job, asOf, executionId, customerId, actor, null);
    }

    private long request(
            JobRequests.Action action,
            String job,
            LocalDate asOf,
            Long executionId,
            Long customerId,
            String actor,
            String parameters) {
        runs.insertJobRequest(new JobRequestRow(
                0,
                action.name(),
                job,
                asOf,
                executionId,
                customerId,
                actor,
                AuditOrigin.current(),
                clock.instant(),
                "REQUESTED",
                null,
                null,
                null,
                parameters));
        long id = runs.selectLastInsertId();
        forgetRecent();
        Trigger trigger = TriggerBuilder.newTrigger()
                .withIdentity("request-" + id, JobRequests.GROUP)
                .forJob(ON_DEMAND)
                .usingJobData(JobRequests.REQUEST, id)
                .startNow()
                .build();
        try {
            scheduler().scheduleJob(trigger);
        } catch (SchedulerException e) {
            throw new IllegalStateException("cannot store the request's trigger: " + e.getMessage(), e);
        }
        audit.insert(
                clock.instant(),
                actor,
                "job.request",
                job,
                action + (asOf == null ? "" : " asOf=" + asOf)
                        + (executionId == null ? "" : " execution=" + executionId)
                        + (customerId == null ? "" : " customer=" + customerId)
                        + (parameters == null ? "" : " " + parameters.strip().replace('\n', ' '))
                        + " (request " + id + ")");
        return id;
    }
}
