package com.ezscale.billing.jobs.invoice;

import com.ezscale.billing.app.BillingProperties;
import com.ezscale.billing.app.credit.AccountCredit;
import com.ezscale.billing.app.invoice.BillingInputs;
import com.ezscale.billing.app.subscription.PlanChanges;
import com.ezscale.billing.customer.db.CustomerMapper;
import com.ezscale.billing.invoice.CustomerBillingInput;
import com.ezscale.billing.invoice.db.InvoiceMapper;
import com.ezscale.billing.jobs.batch.BatchConfiguration;
import com.ezscale.billing.jobs.batch.BusinessDate;
import com.ezscale.billing.jobs.batch.IdRangePartitioner;
import com.ezscale.billing.persistence.BulkLoad;
import com.ezscale.billing.persistence.PersistenceConfiguration;
import java.time.Clock;
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
 * {@code invoiceRun(asOf)}: expire unpaid upgrades → generate the due drafts (chunks of customers; each
 * chunk's drafts that need no approval issued in the chunk's transaction, credit applied) → issue what is
 * left (approved drafts, older ones; chunks of drafts) → referral rewards.
 *
 * <p>Inside a chunk every statement goes through the batching MyBatis session (reads included,
 * and the step-scoped beans' set-up reads, which run lazily inside the first chunk): a chunk's
 * transaction cannot mix executor types.
 */
@Configuration(proxyBeanMethods = false)
public class InvoiceRunJobConfig {

    public static final String INVOICE_RUN = "invoiceRun";
    public static final String GENERATE_STEP = "generateInvoices";
    /** The chunk step each range of a partitioned generate step runs ({@code generateInvoicesRange:customers0}, ...). */
    public static final String GENERATE_PARTITION = "generateInvoicesRange";

    public static final String ISSUE_STEP = "issueInvoices";
    public static final String EXPIRE_STEP = "expireUpgrades";
    public static final String REFERRALS_STEP = "grantReferrals";

    @Bean
    Job invoiceRun(
            JobRepository jobRepository,
            Step expireUpgrades,
            Step generateInvoices,
            Step issueInvoices,
            Step grantReferrals) {
        return new JobBuilder(INVOICE_RUN, jobRepository)
                .start(expireUpgrades)
                .next(generateInvoices)
                .next(issueInvoices)
                .next(grantReferrals)
                .build();
    }

    @Bean
    Step expireUpgrades(BatchConfiguration.Steps steps, PlanChanges planChanges) {
        return steps.asOf(EXPIRE_STEP, asOf -> planChanges.expireUpgrades(asOf, INVOICE_RUN));
    }

    @Bean
    Step grantReferrals(BatchConfiguration.Steps steps, BillingProperties properties, AccountCredit credit) {
        return steps.asOf(
                REFERRALS_STEP, asOf -> credit.grantReferralRewards(properties.referralRewards(), INVOICE_RUN));
    }

    /**
     * One chunk step over the due customers, or with {@code ezscale.billing.partitions} above 1 a step
     * that splits them into ranges of customer ids ({@link CustomerRangePartitioner}) and runs the same
     * chunk step over each range in a thread of its own: each range's chunks are transactions of their
     * own, so the database's round trips and the generator's work overlap. A restart reruns the ranges
     * that did not complete, each after its last committed customer.
     */
    @Bean
    Step generateInvoices(
            JobRepository jobRepository,
            PlatformTransactionManager transactionManager,
            BillingProperties properties,
            DueCustomerReader dueCustomerReader,
            InvoiceGenerationProcessor invoiceGenerationProcessor,
            InvoiceDraftWriter invoiceDraftWriter,
            CustomerRangePartitioner customerRanges) {
        boolean partitioned = properties.partitions() > 1;
        Step chunks = new StepBuilder(partitioned ? GENERATE_PARTITION : GENERATE_STEP, jobRepository)
                .<CustomerBillingInput, CustomerOutcome>chunk(properties.chunkSize())
                .transactionManager(transactionManager)
                .reader(dueCustomerReader)
                .processor(invoiceGenerationProcessor)
                .writer(invoiceDraftWriter)
                .build();
        return IdRangePartitioner.partitioned(
                jobRepository, GENERATE_STEP, GENERATE_PARTITION, customerRanges, properties.partitions(), chunks);
    }

    @Bean
    @StepScope
    CustomerRangePartitioner customerRanges(
            BusinessDate day, @Qualifier(PersistenceConfiguration.BATCH_SESSION) SqlSessionTemplate batch) {
        return new CustomerRangePartitioner(
                batch.getMapper(CustomerMapper.class).selectMaxId(), day.customerId());
    }

    @Bean
    Step issueInvoices(BatchConfiguration.Steps steps) {
        return steps.issue(ISSUE_STEP);
    }

    @Bean
    @StepScope
    DueCustomerReader dueCustomerReader(
            BusinessDate day,
            BillingProperties properties,
            @Value("#{stepExecutionContext['" + CustomerRangePartitioner.LAST_ID + "']}") Long lastIdOfRange,
            @Qualifier(PersistenceConfiguration.BATCH_SESSION) SqlSessionTemplate batch) {
        return new DueCustomerReader(
                BillingInputs.on(batch, properties),
                day.asOf().plusDays(properties.maxDaysBefore()),
                properties.chunkSize(),
                day.customerId(),
                lastIdOfRange);
    }

    @Bean
    @StepScope
    InvoiceGenerationProcessor invoiceGenerationProcessor(
            BusinessDate day,
            BillingProperties properties,
            @Qualifier(PersistenceConfiguration.BATCH_SESSION) SqlSessionTemplate batch) {
        return new InvoiceGenerationProcessor(
                BillingInputs.on(batch, properties).generator(), day.asOf());
    }

    @Bean
    @StepScope
    InvoiceDraftWriter invoiceDraftWriter(
            BusinessDate day,
            @Value("#{stepExecution}") StepExecution stepExecution,
            BillingProperties properties,
            Clock clock,
            BulkLoad bulk,
            @Qualifier(PersistenceConfiguration.BATCH_SESSION) SqlSessionTemplate batch) {
        long sellerId = BillingInputs.on(batch, properties).seller().id();
        InvoiceDraftWriter.Target target = new InvoiceDraftWriter.Target(
                stepExecution.getJobExecution().getJobInstanceId(),
                stepExecution.getJobExecutionId(),
                GENERATE_STEP,
                sellerId,
                day.asOf(),
                properties.upgradeExpiryDays());
        return new InvoiceDraftWriter(
                batch, bulk, target, batch.getMapper(InvoiceMapper.class).selectSellers(), clock);
    }

    @Bean
    @StepScope
    IssuableInvoiceReader issuableInvoiceReader(
            BillingProperties properties, @Qualifier(PersistenceConfiguration.BATCH_SESSION) SqlSessionTemplate batch) {
        return new IssuableInvoiceReader(batch.getMapper(InvoiceMapper.class), properties.chunkSize());
    }

    @Bean
    @StepScope
    InvoiceIssueWriter invoiceIssueWriter(
            BusinessDate day,
            Clock clock,
            @Qualifier(PersistenceConfiguration.BATCH_SESSION) SqlSessionTemplate batch) {
        return new InvoiceIssueWriter(
                batch, batch.getMapper(InvoiceMapper.class).selectSellers(), day.asOf(), clock);
    }
}
