package com.ezscale.billing.jobs.cli;

import com.ezscale.billing.jobs.run.JobRunner;
import com.ezscale.billing.jobs.run.RunReport;
import com.ezscale.billing.run.db.RunMapper;
import java.time.Clock;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
        name = "run",
        mixinStandardHelpOptions = true,
        description =
                "Run any job for any date, e.g. `run invoiceRun --as-of 2026-11-25`, `run esIngest --from 2026-11-01 --to 2026-11-25`. "
                        + "Jobs: " + RunCommand.JOBS + ".")
class RunCommand implements Callable<Integer> {
    @CommandLine.ParentCommand
    Main main;

    /** Every job of the jobs application (CommandLineTest holds it to the application's own list). */
    static final String JOBS =
            "nightly, invoiceRun, rateUsage, collect, dunning, renderDocuments, snapshotMrr, monthlyPack, outbox, esIngest, compactUsage, pruneUsage, eraseAfterRetention";

    @Parameters(index = "0", paramLabel = "JOB", description = "one of: " + JOBS)
    String job;

    @Option(
            names = "--as-of",
            paramLabel = "DATE",
            description = "the business date (YYYY-MM-DD); default: today (UTC). Not before the book's first day, "
                    + "nor more than ezscale.billing.future-horizon-days (400) ahead without --force-future-date")
    LocalDate asOf;

    @Option(names = "--force-future-date", description = "run for a date beyond the horizon anyway (audited)")
    boolean forceFutureDate;

    @Option(names = "--from", paramLabel = "DATE", description = "first day of a window (esIngest)")
    LocalDate from;

    @Option(names = "--to", paramLabel = "DATE", description = "day after the last of a window (esIngest; exclusive)")
    LocalDate to;

    @Override
    public Integer call() {
        try (ConfigurableApplicationContext context = Contexts.oneShot(main, Map.of())) {
            LocalDate date = asOf != null ? asOf : LocalDate.now(context.getBean(Clock.class));
            Map<String, LocalDate> window = new HashMap<>();
            if (from != null) {
                window.put("from", from);
            }
            if (to != null) {
                window.put("to", to);
            }
            JobExecution execution = CommandProgress.around(
                    context,
                    () -> context.getBean(JobRunner.class).run(job, date, window, forceFutureDate, Contexts.actor()));
            System.out.print(RunReport.execution(
                    execution, context.getBean(RunMapper.class).selectParked(execution.getId())));
            if (execution.getStatus() != BatchStatus.COMPLETED) {
                System.err.println("error: " + RunReport.failureReason(execution));
                return 1;
            }
            return 0;
        }
    }
}
