package com.ezscale.billing.jobs.reports;

import com.ezscale.billing.jobs.batch.BatchConfiguration;
import com.ezscale.billing.jobs.batch.BusinessDate;
import com.ezscale.billing.reports.finance.FinanceReports;
import com.ezscale.billing.reports.finance.MonthlyPack;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * {@code snapshotMrr(asOf)}, a step of {@code nightly} and a job of its own: the day's MRR per
 * customer and currency, stored once (a rerun of the day writes nothing), so the MRR report's
 * history survives later corrections of the book. {@code monthlyPack(asOf)}, likewise: on the 1st,
 * the month before's finance pack written to files and recorded.
 */
@Configuration(proxyBeanMethods = false)
public class ReportsJobConfig {

    public static final String SNAPSHOT_MRR = "snapshotMrr";
    public static final String SNAPSHOT_STEP = SNAPSHOT_MRR;
    public static final String MONTHLY_PACK = "monthlyPack";
    public static final String PACK_STEP = "renderMonthlyPack";

    @Bean
    Job snapshotMrr(JobRepository jobRepository, Step snapshotMrrStep) {
        return new JobBuilder(SNAPSHOT_MRR, jobRepository)
                .start(snapshotMrrStep)
                .build();
    }

    @Bean
    Step snapshotMrrStep(BatchConfiguration.Steps steps, FinanceReports reports) {
        return steps.asOf(SNAPSHOT_STEP, reports::snapshotMrr);
    }

    @Bean
    Job monthlyPack(JobRepository jobRepository, Step renderMonthlyPackStep) {
        return new JobBuilder(MONTHLY_PACK, jobRepository)
                .start(renderMonthlyPackStep)
                .build();
    }

    /** On the 1st, the month before's finance pack into {@code ezscale.reports.pack-dir} (see {@link MonthlyPack}). */
    @Bean
    Step renderMonthlyPackStep(
            JobRepository jobRepository,
            PlatformTransactionManager transactionManager,
            BusinessDate businessDate,
            MonthlyPack pack) {
        return new StepBuilder(PACK_STEP, jobRepository)
                .tasklet(
                        (contribution, context) -> {
                            contribution.incrementWriteCount(pack.render(
                                    businessDate.asOf(),
                                    contribution.getStepExecution().getJobExecutionId()));
                            return RepeatStatus.FINISHED;
                        },
                        transactionManager)
                .build();
    }
}
