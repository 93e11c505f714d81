package com.ezscale.billing.jobs.cli;

import com.ezscale.billing.jobs.run.JobRunner;
import com.ezscale.billing.jobs.run.RunReport;
import com.ezscale.billing.run.db.RunMapper;
import java.util.Map;
import java.util.concurrent.Callable;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(
        name = "restart",
        mixinStandardHelpOptions = true,
        description = "Restart a failed or stopped execution where it stopped (same parameters).")
class RestartCommand implements Callable<Integer> {
    @CommandLine.ParentCommand
    Main main;

    @Parameters(index = "0", paramLabel = "EXECUTION_ID")
    long executionId;

    @Override
    public Integer call() {
        try (ConfigurableApplicationContext context = Contexts.oneShot(main, Map.of())) {
            JobExecution execution = CommandProgress.around(
                    context, () -> context.getBean(JobRunner.class).restart(executionId, Contexts.actor()));
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
