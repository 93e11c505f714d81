package com.ezscale.billing.jobs.collection;

import com.ezscale.billing.jobs.batch.BatchConfiguration;
import com.ezscale.billing.jobs.batch.BusinessDate;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

/** {@code collect(asOf)}: the janitor settles what is unknown, then the due attempts are charged ({@link Collector}). */
@Configuration(proxyBeanMethods = false)
public class CollectJobConfig {

    public static final String COLLECT = "collect";
    public static final String JANITOR_STEP = "settleUnknownPayments";
    public static final String COLLECT_STEP = "chargeCards";

    @Bean
    Job collect(JobRepository jobRepository, Step settleUnknownPayments, Step chargeCards) {
        return new JobBuilder(COLLECT, jobRepository)
                .start(settleUnknownPayments)
                .next(chargeCards)
                .build();
    }

    @Bean
    Step settleUnknownPayments(BatchConfiguration.Steps steps, Collector collector) {
        return steps.asOf(JANITOR_STEP, collector::settleUnknown);
    }

    /** The charges; the pass's summary is kept with the step ({@code runs} prints it). */
    @Bean
    Step chargeCards(
            JobRepository jobRepository,
            PlatformTransactionManager transactionManager,
            BusinessDate day,
            Collector collector) {
        return new StepBuilder(COLLECT_STEP, jobRepository)
                .tasklet(
                        (contribution, context) -> {
                            Collector.Summary summary = collector.collect(day.asOf(), day.customerId());
                            contribution.incrementWriteCount(summary.charged());
                            context.getStepContext()
                                    .getStepExecution()
                                    .getExecutionContext()
                                    .putString("summary", summary.toString());
                            context.getStepContext()
                                    .getStepExecution()
                                    .setExitStatus(ExitStatus.COMPLETED.addExitDescription(summary.toString()));
                            return RepeatStatus.FINISHED;
                        },
                        transactionManager)
                .build();
    }
}
