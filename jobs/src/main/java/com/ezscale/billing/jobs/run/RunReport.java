package com.ezscale.billing.jobs.run;

import com.ezscale.billing.run.db.ParkedCustomer;
import com.ezscale.billing.run.db.RunSummary;
import com.ezscale.billing.usage.db.IngestWindowRow;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.step.StepExecution;

/** Plain-text views of job executions for the command line. */
public final class RunReport {

    private RunReport() {}

    public static String execution(JobExecution execution, List<ParkedCustomer> parked) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(
                "%s execution %d: %s (asOf %s) in %s%n",
                execution.getJobInstance().getJobName(),
                execution.getId(),
                execution.getStatus(),
                asOf(execution),
                duration(execution)));
        for (StepExecution step : execution.getStepExecutions()) {
            out.append(String.format(
                    "  %-18s %-10s read %d, written %d, filtered %d, commits %d, rollbacks %d%n",
                    step.getStepName(),
                    step.getStatus(),
                    step.getReadCount(),
                    step.getWriteCount(),
                    step.getFilterCount(),
                    step.getCommitCount(),
                    step.getRollbackCount()));
            for (String key : new String[] {"summary", "outbox"}) {
                if (step.getExecutionContext().containsKey(key)) {
                    out.append(
                            String.format("    %s%n", step.getExecutionContext().getString(key)));
                }
            }
        }
        for (ParkedCustomer p : parked) {
            out.append(String.format("  parked customer %d: %s%n", p.customerId(), p.reason()));
        }
        if (execution.getStatus() != BatchStatus.COMPLETED) {
            out.append("  ").append(failureReason(execution)).append(System.lineSeparator());
        }
        return out.toString();
    }

    /** The first line of the first failure, for a one-line error. */
    /** The business date an execution runs for ("-" for a job without one). */
    public static String asOf(JobExecution execution) {
        var asOf = execution.getJobParameters().getParameter("asOf");
        return asOf == null ? "-" : String.valueOf(asOf.value());
    }

    public static String failureReason(JobExecution execution) {
        List<Throwable> failures = execution.getAllFailureExceptions();
        if (failures.isEmpty()) {
            return execution.getJobInstance().getJobName() + " ended " + execution.getStatus();
        }
        // a partitioned step's manager fails with a plain summary ("Partition handler returned an unsuccessful
        // step"); the reason is its failed range's own
        Throwable root = failures.stream()
                .filter(f -> f.getClass() != org.springframework.batch.core.job.JobExecutionException.class)
                .findFirst()
                .orElse(failures.get(0));
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return execution.getJobInstance().getJobName() + " execution " + execution.getId() + " " + execution.getStatus()
                + ": " + message.lines().findFirst().orElse("");
    }

    public static String runs(List<RunSummary> runs) {
        StringBuilder out = new StringBuilder(String.format(
                "%-6s %-12s %-10s %-11s %-20s %9s %8s %8s %8s %7s%n",
                "id", "job", "status", "asOf", "started (UTC)", "duration", "read", "written", "filtered", "parked"));
        for (RunSummary r : runs) {
            String duration = r.startTime() == null || r.endTime() == null
                    ? "-"
                    : format(Duration.between(r.startTime(), r.endTime()));
            out.append(String.format(
                    "%-6d %-12s %-10s %-11s %-20s %9s %8d %8d %8d %7d%n",
                    r.executionId(),
                    r.jobName(),
                    r.status(),
                    r.asOf() == null ? "-" : r.asOf(),
                    r.startTime() == null ? "-" : r.startTime().withNano(0),
                    duration,
                    r.readCount(),
                    r.writeCount(),
                    r.filterCount(),
                    r.parked()));
            if (!"COMPLETED".equals(r.status())
                    && r.exitMessage() != null
                    && !r.exitMessage().isBlank()) {
                out.append("       ")
                        .append(r.exitMessage().lines().findFirst().orElse(""))
                        .append(System.lineSeparator());
            }
        }
        return out.toString();
    }

    public static String ingestWindows(List<IngestWindowRow> windows) {
        StringBuilder out = new StringBuilder(String.format(
                "%-6s %-20s %9s %10s %12s %8s %9s %14s  %s%n",
                "ingest",
                "finished (UTC)",
                "records",
                "attributed",
                "unattributed",
                "ignored",
                "dead",
                "bytes",
                "what"));
        for (IngestWindowRow w : windows) {
            out.append(String.format(
                    "%-6s %-20s %9d %10d %12d %8d %9d %14d  %s%n",
                    w.source(),
                    w.finishedAt().truncatedTo(ChronoUnit.SECONDS).toString().replace("Z", ""),
                    w.records(),
                    w.attributed(),
                    w.unattributed(),
                    w.ignored(),
                    w.deadLetters(),
                    w.bytes(),
                    w.label()));
        }
        return out.toString();
    }

    private static String duration(JobExecution e) {
        return e.getStartTime() == null || e.getEndTime() == null
                ? "-"
                : format(Duration.between(e.getStartTime(), e.getEndTime()));
    }

    private static String format(Duration d) {
        return String.format("%d.%03ds", d.toSeconds(), d.toMillisPart());
    }
}
