package com.ezscale.billing.jobs.gdpr;

import com.ezscale.billing.app.customer.RetentionErasure;
import com.ezscale.billing.jobs.batch.BusinessDate;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * {@code eraseAfterRetention(asOf)}, the last step of {@code nightly} and a job of its own: the
 * invoices of erased customers whose tax retention period ({@code ezscale.gdpr.retention-years})
 * has ended lose their bill-to snapshot and their stored PDFs ({@link RetentionErasure}). A page of
 * invoices per transaction; the last invoice id is kept in the step's execution context, so a
 * restart goes on from there, and a rerun finds nothing left.
 */
@Configuration(proxyBeanMethods = false)
public class RetentionJobConfig {

    public static final String ERASE_AFTER_RETENTION = "eraseAfterRetention";
    public static final String RETENTION_STEP = ERASE_AFTER_RETENTION;

    @Bean
    Job eraseAfterRetention(JobRepository jobRepository, Step eraseAfterRetentionStep) {
        return new JobBuilder(ERASE_AFTER_RETENTION, jobRepository)
                .start(eraseAfterRetentionStep)
                .build();
    }

    @Bean
    Step eraseAfterRetentionStep(
            JobRepository jobRepository,
            PlatformTransactionManager transactionManager,
            BusinessDate businessDate,
            RetentionErasure retention,
            @Value("${ezscale.gdpr.retention-years:10}") int retentionYears,
            @Value("${ezscale.gdpr.erase-page:200}") int page) {
        return new StepBuilder(RETENTION_STEP, jobRepository)
                .tasklet(
                        (contribution, context) -> {
                            ExecutionContext state =
                                    context.getStepContext().getStepExecution().getExecutionContext();
                            long after = state.containsKey("afterId") ? state.getLong("afterId") : 0L;
                            RetentionErasure.Page done =
                                    retention.erasePage(businessDate.asOf(), retentionYears, after, page);
                            for (int i = 0; i < done.invoices(); i++) {
                                contribution.incrementReadCount();
                            }
                            contribution.incrementWriteCount(done.invoices());
                            state.putLong("afterId", done.lastId());
                            return done.done() ? RepeatStatus.FINISHED : RepeatStatus.CONTINUABLE;
                        },
                        transactionManager)
                .build();
    }
}
