package com.ezscale.billing.jobs.outbox;

import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

/** {@code outbox}: carries out the outbox now (also every minute on a {@code serve} node, without a Batch instance). */
@Configuration(proxyBeanMethods = false)
public class OutboxJobConfig {

    public static final String OUTBOX = "outbox";
    public static final String OUTBOX_STEP = "processOutbox";

    @Bean
    Job outbox(JobRepository jobRepository, Step processOutbox) {
        return new JobBuilder(OUTBOX, jobRepository).start(processOutbox).build();
    }

    @Bean
    Step processOutbox(
            JobRepository jobRepository,
            PlatformTransactionManager transactionManager,
            OutboxProcessor outboxProcessor) {
        return new StepBuilder(OUTBOX_STEP, jobRepository)
                .tasklet(
                        (contribution, context) -> {
                            OutboxProcessor.Result result = outboxProcessor.processDue();
                            contribution.incrementWriteCount(result.done());
                            context.getStepContext()
                                    .getStepExecution()
                                    .getExecutionContext()
                                    .putString("outbox", result.toString());
                            return RepeatStatus.FINISHED;
                        },
                        transactionManager)
                .build();
    }
}
