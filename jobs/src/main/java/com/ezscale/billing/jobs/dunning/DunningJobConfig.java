package com.ezscale.billing.jobs.dunning;

import com.ezscale.billing.app.dunning.Unsuspension;
import com.ezscale.billing.app.outbox.OutboxWriter;
import com.ezscale.billing.dunning.db.DunningCandidate;
import com.ezscale.billing.dunning.db.DunningMapper;
import com.ezscale.billing.jobs.batch.BatchConfiguration;
import com.ezscale.billing.jobs.batch.BusinessDate;
import com.ezscale.billing.jobs.batch.KeysetPageReader;
import com.ezscale.billing.jobs.collection.CollectionProperties;
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
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * {@code dunning(asOf)}: the ladder over every issued invoice still owed (chunks of invoices), the
 * late fee invoices it drafted issued, the "invoice issued" emails, the services of customers with
 * nothing overdue unsuspended, then the outbox carried out. Each step can be rerun for any date:
 * the steps done are in {@code dunning_step}, the side effects in the outbox under their dedupe keys.
 */
@Configuration(proxyBeanMethods = false)
public class DunningJobConfig {

    public static final String DUNNING = "dunning";
    public static final String DUNNING_STEP = "dunningLadder";
    public static final String ISSUE_LATE_FEES = "issueLateFees";
    public static final String NOTIFY_ISSUED = "notifyIssued";
    public static final String UNSUSPEND_STEP = "unsuspend";

    @Bean
    Job dunning(
            JobRepository jobRepository,
            Step dunningLadder,
            Step issueLateFees,
            Step notifyIssued,
            Step unsuspend,
            Step processOutbox) {
        return new JobBuilder(DUNNING, jobRepository)
                .start(dunningLadder)
                .next(issueLateFees)
                .next(notifyIssued)
                .next(unsuspend)
                .next(processOutbox)
                .build();
    }

    @Bean
    Step dunningLadder(
            JobRepository jobRepository,
            PlatformTransactionManager transactionManager,
            CollectionProperties properties,
            KeysetPageReader<DunningCandidate> dunningReader,
            DunningWriter dunningWriter) {
        return new StepBuilder(DUNNING_STEP, jobRepository)
                .<DunningCandidate, DunningCandidate>chunk(properties.chunkSize())
                .transactionManager(transactionManager)
                .reader(dunningReader)
                .writer(dunningWriter)
                .build();
    }

    @Bean
    Step issueLateFees(BatchConfiguration.Steps steps) {
        return steps.issue(ISSUE_LATE_FEES);
    }

    @Bean
    Step notifyIssued(BatchConfiguration.Steps steps, IssuedNotices issuedNotices) {
        return steps.asOf(NOTIFY_ISSUED, issuedNotices::enqueue);
    }

    @Bean
    Step unsuspend(BatchConfiguration.Steps steps, BusinessDate day, Unsuspension unsuspension) {
        return steps.asOf(UNSUSPEND_STEP, asOf -> unsuspension.run(day.customerId(), asOf));
    }

    @Bean
    @StepScope
    KeysetPageReader<DunningCandidate> dunningReader(
            BusinessDate day,
            CollectionProperties properties,
            @Qualifier(PersistenceConfiguration.BATCH_SESSION) SqlSessionTemplate batch) {
        DunningMapper mapper = batch.getMapper(DunningMapper.class);
        LocalDate asOf = day.asOf();
        LocalDate horizon = asOf.plusDays(properties.reminderDaysBefore());
        Long customerId = day.customerId();
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
    DunningWriter dunningWriter(
            BusinessDate day,
            CollectionProperties properties,
            Clock clock,
            OutboxWriter outbox,
            @Qualifier(PersistenceConfiguration.BATCH_SESSION) SqlSessionTemplate batch) {
        return new DunningWriter(batch, outbox, properties.schedule(), day.asOf(), clock);
    }
}
