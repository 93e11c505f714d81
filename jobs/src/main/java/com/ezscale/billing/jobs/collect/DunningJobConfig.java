package com.ezscale.billing.jobs.collect;

import com.ezscale.billing.app.dunning.Unsuspension;
import com.ezscale.billing.dunning.db.DunningCandidate;
import com.ezscale.billing.dunning.db.DunningMapper;
import com.ezscale.billing.app.BillingProperties;
import com.ezscale.billing.jobs.batch.KeysetPageReader;
import com.ezscale.billing.jobs.invoice.InvoiceIssueWriter;
import com.ezscale.billing.jobs.invoice.InvoiceRunJobConfig;
import com.ezscale.billing.jobs.invoice.IssuableInvoiceReader;
import com.ezscale.billing.app.outbox.OutboxWriter;
import com.ezscale.billing.outbox.db.OutboxMapper;
import com.ezscale.billing.persistence.PersistenceConfiguration;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import org.mybatis.spring.SqlSessionTemplate;
import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * {@code dunning(asOf)}: the ladder over every issued invoice still owed (chunks of invoices), the
 * late fee invoices it drafted issued, the services of customers with nothing overdue
 * unsuspended, then the outbox carried out. Each step can be rerun for any date: the steps done
 * are in {@code dunning_step}, the side effects in the outbox under their dedupe keys.
 */
@Configuration(proxyBeanMethods = false)
public class DunningJobConfig {

    public static final String DUNNING = "dunning";
    public static final String DUNNING_STEP = "dunningLadder";
    public static final String ISSUE_LATE_FEES = "issueLateFees";
    public static final String UNSUSPEND_STEP = "unsuspend";
    public static final String OUTBOX_STEP = "processOutbox";
    public static final String OUTBOX = "outbox";

    @Bean
    Job dunning(JobRepository jobRepository, Step dunningLadder, Step issueLateFees, Step notifyIssued, Step unsuspend, Step processOutbox) {
        return new JobBuilder(DUNNING, jobRepository).start(dunningLadder).next(issueLateFees).next(notifyIssued).next(unsuspend)
                .next(processOutbox).build();
    }

    public static final String NOTIFY_ISSUED = "notifyIssued";

    @Bean
    Step notifyIssued(JobRepository jobRepository, PlatformTransactionManager transactionManager, IssuedNotices issuedNotices) {
        return asOfStep(NOTIFY_ISSUED, jobRepository, transactionManager, issuedNotices::enqueue);
    }

    /** A one-call step: {@code work} with the job's {@code asOf}, its result counted as written. */
    private static Step asOfStep(String name, JobRepository jobRepository, PlatformTransactionManager transactionManager,
                                 java.util.function.ToIntFunction<LocalDate> work) {
        return new StepBuilder(name, jobRepository).tasklet((contribution, context) -> {
            contribution.incrementWriteCount(work.applyAsInt((LocalDate) context.getStepContext().getJobParameters().get("asOf")));
            return RepeatStatus.FINISHED;
        }, transactionManager).build();
    }

    public static final String COLLECT = "collect";
    public static final String JANITOR_STEP = "settleUnknownPayments";
    public static final String COLLECT_STEP = "chargeCards";

    /** {@code collect(asOf)}: the janitor settles what is unknown, then the due attempts are charged. */
    @Bean
    Job collect(JobRepository jobRepository, Step settleUnknownPayments, Step chargeCards) {
        return new JobBuilder(COLLECT, jobRepository).start(settleUnknownPayments).next(chargeCards).build();
    }

    @Bean
    Step settleUnknownPayments(JobRepository jobRepository, PlatformTransactionManager transactionManager, Collector collector) {
        return asOfStep(JANITOR_STEP, jobRepository, transactionManager, collector::settleUnknown);
    }

    @Bean
    Step chargeCards(JobRepository jobRepository, PlatformTransactionManager transactionManager, Collector collector) {
        return new StepBuilder(COLLECT_STEP, jobRepository).tasklet((contribution, context) -> {
            LocalDate asOf = (LocalDate) context.getStepContext().getJobParameters().get("asOf");
            Object customer = context.getStepContext().getJobParameters().get("customerId");
            Collector.Summary summary = collector.collect(asOf, customer == null ? null : ((Number) customer).longValue());
            contribution.incrementWriteCount(summary.charged());
            context.getStepContext().getStepExecution().getExecutionContext().putString("summary", summary.toString());
            context.getStepContext().getStepExecution().setExitStatus(
                    org.springframework.batch.core.ExitStatus.COMPLETED.addExitDescription(summary.toString()));
            return RepeatStatus.FINISHED;
        }, transactionManager).build();
    }

    /** The outbox alone (also fired every minute by a {@code serve} node). */
    @Bean
    Job outbox(JobRepository jobRepository, Step processOutbox) {
        return new JobBuilder(OUTBOX, jobRepository).start(processOutbox).build();
    }

    @Bean
    Step dunningLadder(JobRepository jobRepository, PlatformTransactionManager transactionManager, CollectionProperties properties,
                       KeysetPageReader<DunningCandidate> dunningReader, DunningWriter dunningWriter) {
        return new StepBuilder(DUNNING_STEP, jobRepository)
                .<DunningCandidate, DunningCandidate>chunk(properties.chunkSize())
                .transactionManager(transactionManager)
                .reader(dunningReader)
                .writer(dunningWriter)
                .build();
    }

    @Bean
    Step issueLateFees(JobRepository jobRepository, PlatformTransactionManager transactionManager, BillingProperties properties,
                       IssuableInvoiceReader issuableInvoiceReader, InvoiceIssueWriter invoiceIssueWriter) {
        return InvoiceRunJobConfig.issueStep(ISSUE_LATE_FEES, jobRepository, transactionManager, properties, issuableInvoiceReader,
                invoiceIssueWriter);
    }

    @Bean
    Step unsuspend(JobRepository jobRepository, PlatformTransactionManager transactionManager, Tasklet unsuspendTasklet) {
        return new StepBuilder(UNSUSPEND_STEP, jobRepository).tasklet(unsuspendTasklet, transactionManager).build();
    }

    @Bean
    Step processOutbox(JobRepository jobRepository, PlatformTransactionManager transactionManager, OutboxProcessor outboxProcessor) {
        return new StepBuilder(OUTBOX_STEP, jobRepository).tasklet((contribution, context) -> {
            OutboxProcessor.Result result = outboxProcessor.processDue();
            contribution.incrementWriteCount(result.done());
            context.getStepContext().getStepExecution().getExecutionContext().putString("outbox", result.toString());
            return RepeatStatus.FINISHED;
        }, transactionManager).build();
    }

    @Bean
    @StepScope
    KeysetPageReader<DunningCandidate> dunningReader(@Value("#{jobParameters['asOf']}") LocalDate asOf,
                                                     @Value("#{jobParameters['customerId']}") Long customerId, CollectionProperties properties,
                                                     @Qualifier(PersistenceConfiguration.BATCH_SESSION) SqlSessionTemplate batch) {
        DunningMapper mapper = batch.getMapper(DunningMapper.class);
        LocalDate horizon = asOf.plusDays(properties.reminderDaysBefore());
        return new KeysetPageReader<>("dunning.lastInvoiceId") {
            @Override
            protected List<DunningCandidate> fetchPage(long afterId) {
                return mapper.selectCandidatesPage(afterId, asOf, horizon, customerId, properties.chunkSize());
            }

            @Override
            protected long idOf(DunningCandidate item) {
                return item.id();
            }
        };
    }

    @Bean
    @StepScope
    DunningWriter dunningWriter(@Value("#{jobParameters['asOf']}") LocalDate asOf, CollectionProperties properties, Clock clock, OutboxWriter outbox,
                                @Qualifier(PersistenceConfiguration.BATCH_SESSION) SqlSessionTemplate batch) {
        return new DunningWriter(batch, outbox, properties.schedule(), asOf, clock);
    }

    @Bean
    @StepScope
    Tasklet unsuspendTasklet(@Value("#{jobParameters['asOf']}") LocalDate asOf, @Value("#{jobParameters['customerId']}") Long customerId,
                             Unsuspension unsuspension) {
        return (contribution, context) -> {
            int count = unsuspension.run(customerId, asOf);
            contribution.incrementWriteCount(count);
            return RepeatStatus.FINISHED;
        };
    }
}
