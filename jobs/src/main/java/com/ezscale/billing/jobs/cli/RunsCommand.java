package com.ezscale.billing.jobs.cli;

import com.ezscale.billing.jobs.run.RunReport;
import com.ezscale.billing.persistence.replica.ReplicaReads;
import com.ezscale.billing.run.db.ParkedCustomer;
import com.ezscale.billing.run.db.RunMapper;
import com.ezscale.billing.run.db.RunSummary;
import com.ezscale.billing.usage.db.IngestWindowRow;
import com.ezscale.billing.usage.db.UsageMapper;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
        name = "runs",
        mixinStandardHelpOptions = true,
        description = "Recent job executions (status, counts, duration, parked customers) and ingest windows.")
class RunsCommand implements Callable<Integer> {
    @CommandLine.ParentCommand
    Main main;

    @Option(names = "--limit", defaultValue = "20", description = "how many executions (default ${DEFAULT-VALUE})")
    int limit;

    @Override
    public Integer call() {
        if (limit < 1) {
            throw new IllegalArgumentException("--limit must be at least 1, not " + limit);
        }
        try (ConfigurableApplicationContext context = Contexts.oneShot(main, Map.of())) {
            RunMapper runs = context.getBean(RunMapper.class);
            // read-only: served by the read replica when one is configured and within its lag bound
            context.getBean(ReplicaReads.class).run(() -> {
                List<RunSummary> recent = runs.selectRecentRuns(limit);
                System.out.print(RunReport.runs(recent));
                for (RunSummary run : recent) {
                    for (ParkedCustomer parked : runs.selectParked(run.executionId())) {
                        System.out.printf(
                                "execution %d parked customer %d: %s%n",
                                run.executionId(), parked.customerId(), parked.reason());
                    }
                }
                List<IngestWindowRow> windows =
                        context.getBean(UsageMapper.class).selectRecentWindows(limit);
                if (!windows.isEmpty()) {
                    System.out.println();
                    System.out.print(RunReport.ingestWindows(windows));
                }
            });
            return 0;
        }
    }
}
