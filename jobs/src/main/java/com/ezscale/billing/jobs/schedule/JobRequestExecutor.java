package com.ezscale.billing.jobs.schedule;

import com.ezscale.billing.app.run.JobRequestHandler;
import com.ezscale.billing.audit.AuditOrigin;
import com.ezscale.billing.jobs.run.JobNode;
import com.ezscale.billing.jobs.run.JobRunner;
import com.ezscale.billing.run.db.JobRequestRow;
import com.ezscale.billing.run.db.RunMapper;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Runs, on a serve node, what an admin asked for in the portal ({@link com.ezscale.billing.app.run.OnDemandJob}) (a job for a day, a restart, a stop): the portal
 * stores a {@code job_request} row and a one-shot trigger; the node whose scheduler fires it
 * first claims the row (REQUESTED → STARTED, a conditional UPDATE), so a request re-fired after a
 * crash or fired on two nodes runs once. The outcome goes back to the row (DONE with the
 * execution, REFUSED with the reason, FAILED).
 */
@Component
public class JobRequestExecutor implements JobRequestHandler {

    private static final Logger log = LoggerFactory.getLogger(JobRequestExecutor.class);

    @Autowired
    private JobRunner runner;

    @Autowired
    private RunMapper runs;

    @Autowired
    private JobNode node;

    @Autowired
    private Clock clock;

    @Override
    public void handle(long id) {
        if (runs.startJobRequest(id, node.id(), clock.instant()) == 0) {
            log.info("job request {} was taken already: not run again", id);
            return;
        }
        JobRequestRow request = runs.selectJobRequest(id);
        AuditOrigin.set(request.origin());
        try {
            JobExecution execution = switch (com.ezscale.billing.run.JobRequests.Action.valueOf(request.action())) {
                case RUN ->
                    request.parameters() != null
                            ? runner.runRequested(
                                    request.jobName(),
                                    request.asOf(),
                                    com.ezscale.billing.run.JobRequests.parameters(request.parameters()),
                                    id,
                                    request.requestedBy())
                            : request.customerId() == null
                                    ? runner.run(request.jobName(), request.asOf(), request.requestedBy())
                                    : runner.runForCustomer(
                                            request.jobName(),
                                            request.asOf(),
                                            request.customerId(),
                                            request.requestedBy());
                case RESTART -> runner.restart(request.executionId(), request.requestedBy());
                case STOP -> runner.stop(request.executionId(), request.requestedBy());
            };
            runs.finishJobRequest(id, "DONE", execution.getId(), truncate(outcome(execution)), clock.instant());
        } catch (IllegalArgumentException | IllegalStateException | com.ezscale.billing.rules.BillingRuleViolation e) {
            log.warn("job request {} refused: {}", id, e.getMessage());
            runs.finishJobRequest(id, "REFUSED", null, truncate(e.getMessage()), clock.instant());
        } catch (RuntimeException e) {
            log.error("job request {} failed", id, e);
            runs.finishJobRequest(id, "FAILED", null, truncate(String.valueOf(e)), clock.instant());
        } finally {
            AuditOrigin.clear();
        }
    }

    /** The job and its status, and for a failure the root cause's message (a missing exchange rate, say). */
    static String outcome(JobExecution execution) {
        String outcome = execution.getJobInstance().getJobName() + " " + execution.getStatus();
        if (execution.getAllFailureExceptions().isEmpty()) {
            return outcome;
        }
        Throwable cause = execution.getAllFailureExceptions().get(0);
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return outcome + ": " + cause.getMessage();
    }

    private static String truncate(String message) {
        return message == null ? null : message.length() > 1000 ? message.substring(0, 1000) : message;
    }
}
