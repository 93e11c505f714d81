package com.ezscale.billing.jobs.reports;

import com.ezscale.billing.jobs.batch.BatchConfiguration;
import com.ezscale.billing.reports.finance.FinanceReports;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * {@code snapshotMrr(asOf)}, a step of {@code nightly} and a job of its own: the day's MRR per
 * customer and currency, stored once (a rerun of the day writes nothing), so the MRR report's
 * history survives later corrections of the book.
 */
@Configuration(proxyBeanMethods = false)
public class ReportsJobConfig {

    public static final String SNAPSHOT_MRR = "snapshotMrr";
    public static final String SNAPSHOT_STEP = SNAPSHOT_MRR;

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
}
