package com.ezscale.billing.jobs.invoice;

import com.ezscale.billing.invoice.CustomerBillingInput;
import com.ezscale.billing.invoice.db.InvoiceMapper;
import com.ezscale.billing.invoice.db.IssuableInvoice;
import com.ezscale.billing.app.BillingProperties;
import com.ezscale.billing.app.credit.AccountCredit;
import com.ezscale.billing.app.invoice.BillingInputs;
import com.ezscale.billing.app.subscription.PlanChanges;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import com.ezscale.billing.persistence.PersistenceConfiguration;
import java.time.Clock;
import java.time.LocalDate;
import org.mybatis.spring.SqlSessionTemplate;
import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * {@code invoiceRun(asOf)}: generate the due drafts (chunks of customers), then issue them
 * (chunks of drafts). {@code nightly(asOf)}: ingest catch-up, rating, the invoice run's steps,
 * collection (janitor, card charges), dunning (ladder, late fees, issued-invoice emails,
 * unsuspension, outbox), pruning.
 *
 * <p>Inside a chunk every statement goes through the batching MyBatis session (reads included,
 * and the step-scoped beans' set-up reads, which run lazily inside the first chunk): a chunk's
 * transaction cannot mix executor types.
 */
@Configuration(proxyBeanMethods = false)
public class InvoiceRunJobConfig {

    public static final String INVOICE_RUN = "invoiceRun";
    public static final String NIGHTLY = "nightly";
    public static final String GENERATE_STEP = "generateInvoices";
    public static final String ISSUE_STEP = "issueInvoices";
    public static final String EXPIRE_STEP = "expireUpgrades";
    public static final String REFERRALS_STEP = "grantReferrals";

    /** expire unpaid upgrades → generate → issue (and apply credit) → referral rewards. */
    @Bean
    Job invoiceRun(JobRepository jobRepository, Step expireUpgrades, Step generateInvoices, Step issueInvoices, Step grantReferrals) {
        return new JobBuilder(INVOICE_RUN, jobRepository).start(expireUpgrades).next(generateInvoices).next(issueInvoices).next(grantReferrals)
                .build();
    }

    /** ingest catch-up → rating → the invoice run → collection (janitor, cards) → dunning → outbox → prune usage. */
    @Bean
    Job nightly(JobRepository jobRepository, Step ingestCatchUp, Step rateUsageStep, Step expireUpgrades, Step generateInvoices,
                Step issueInvoices, Step grantReferrals, Step settleUnknownPayments, Step chargeCards, Step dunningLadder,
                Step issueLateFees, Step notifyIssued, Step unsuspend, Step processOutbox, Step pruneUsageStep) {
        return new JobBuilder(NIGHTLY, jobRepository).start(ingestCatchUp).next(rateUsageStep)
                .next(expireUpgrades).next(generateInvoices).next(issueInvoices).next(grantReferrals)
                .next(settleUnknownPayments).next(chargeCards)
                .next(dunningLadder).next(issueLateFees).next(notifyIssued).next(unsuspend).next(processOutbox)
                .next(pruneUsageStep).build();
    }

    @Bean
    Step expireUpgrades(JobRepository jobRepository, PlatformTransactionManager transactionManager, Tasklet expireUpgradesTasklet) {
        return new StepBuilder(EXPIRE_STEP, jobRepository).tasklet(expireUpgradesTasklet, transactionManager).build();
    }

    @Bean
    @StepScope
    Tasklet expireUpgradesTasklet(@Value("#{jobParameters['asOf']}") LocalDate asOf, PlanChanges planChanges) {
        return (contribution, context) -> {
            int expired = planChanges.expireUpgrades(asOf, "invoiceRun");
            contribution.incrementWriteCount(expired);
            return RepeatStatus.FINISHED;
        };
    }

    @Bean
    Step grantReferrals(JobRepository jobRepository, PlatformTransactionManager transactionManager, BillingProperties properties,
                        AccountCredit credit) {
        return new StepBuilder(REFERRALS_STEP, jobRepository).tasklet((contribution, context) -> {
            contribution.incrementWriteCount(credit.grantReferralRewards(properties.referralRewards(), "invoiceRun"));
            return RepeatStatus.FINISHED;
        }, transactionManager).build();
    }

    @Bean
    Step generateInvoices(JobRepository jobRepository, PlatformTransactionManager transactionManager, BillingProperties properties,
                          DueCustomerReader dueCustomerReader, InvoiceGenerationProcessor invoiceGenerationProcessor,
                          InvoiceDraftWriter invoiceDraftWriter) {
        return new StepBuilder(GENERATE_STEP, jobRepository)
                .<CustomerBillingInput, CustomerOutcome>chunk(properties.chunkSize())
                .transactionManager(transactionManager)
                .reader(dueCustomerReader)
                .processor(invoiceGenerationProcessor)
                .writer(invoiceDraftWriter)
                .build();
    }

    @Bean
    Step issueInvoices(JobRepository jobRepository, PlatformTransactionManager transactionManager, BillingProperties properties,
                       IssuableInvoiceReader issuableInvoiceReader, InvoiceIssueWriter invoiceIssueWriter) {
        return issueStep(ISSUE_STEP, jobRepository, transactionManager, properties, issuableInvoiceReader, invoiceIssueWriter);
    }

    /** Numbers and issues every draft not on hold (chunks of drafts); also dunning's step issuing its late fees. */
    public static Step issueStep(String name, JobRepository jobRepository, PlatformTransactionManager transactionManager,
                                 BillingProperties properties, IssuableInvoiceReader reader, InvoiceIssueWriter writer) {
        return new StepBuilder(name, jobRepository)
                .<IssuableInvoice, IssuableInvoice>chunk(properties.chunkSize())
                .transactionManager(transactionManager)
                .reader(reader)
                .writer(writer)
                .build();
    }

    @Bean
    @StepScope
    DueCustomerReader dueCustomerReader(@Value("#{jobParameters['asOf']}") LocalDate asOf,
                                        @Value("#{jobParameters['customerId']}") Long customerId, BillingProperties properties,
                                        @Qualifier(PersistenceConfiguration.BATCH_SESSION) SqlSessionTemplate batch) {
        return new DueCustomerReader(BillingInputs.on(batch, properties), asOf.plusDays(properties.maxDaysBefore()), properties.chunkSize(),
                customerId);
    }

    @Bean
    @StepScope
    InvoiceGenerationProcessor invoiceGenerationProcessor(@Value("#{jobParameters['asOf']}") LocalDate asOf,
                                                          BillingProperties properties,
                                                          @Qualifier(PersistenceConfiguration.BATCH_SESSION) SqlSessionTemplate batch) {
        return new InvoiceGenerationProcessor(BillingInputs.on(batch, properties).generator(), asOf);
    }

    @Bean
    @StepScope
    InvoiceDraftWriter invoiceDraftWriter(@Value("#{jobParameters['asOf']}") LocalDate asOf,
                                          @Value("#{stepExecution}") StepExecution stepExecution,
                                          BillingProperties properties, Clock clock,
                                          @Qualifier(PersistenceConfiguration.BATCH_SESSION) SqlSessionTemplate batch) {
        long sellerId = BillingInputs.on(batch, properties).seller().id();
        InvoiceDraftWriter.Target target = new InvoiceDraftWriter.Target(stepExecution.getJobExecution().getJobInstanceId(),
                stepExecution.getJobExecutionId(), stepExecution.getStepName(), sellerId, asOf, properties.upgradeExpiryDays());
        return new InvoiceDraftWriter(batch, target, clock);
    }

    @Bean
    @StepScope
    IssuableInvoiceReader issuableInvoiceReader(BillingProperties properties,
                                                @Qualifier(PersistenceConfiguration.BATCH_SESSION) SqlSessionTemplate batch) {
        return new IssuableInvoiceReader(batch.getMapper(InvoiceMapper.class), properties.chunkSize());
    }

    @Bean
    @StepScope
    InvoiceIssueWriter invoiceIssueWriter(@Value("#{jobParameters['asOf']}") LocalDate asOf, Clock clock,
                                          @Qualifier(PersistenceConfiguration.BATCH_SESSION) SqlSessionTemplate batch) {
        return new InvoiceIssueWriter(batch, batch.getMapper(InvoiceMapper.class).selectSellers(), asOf, clock);
    }
}
