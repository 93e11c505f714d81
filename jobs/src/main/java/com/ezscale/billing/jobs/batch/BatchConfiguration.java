package com.ezscale.billing.jobs.batch;

import com.ezscale.billing.app.BillingProperties;
import com.ezscale.billing.invoice.db.IssuableInvoice;
import com.ezscale.billing.jobs.invoice.InvoiceIssueWriter;
import com.ezscale.billing.jobs.invoice.IssuableInvoiceReader;
import java.time.LocalDate;
import java.util.function.ToIntFunction;
import org.springframework.batch.core.configuration.annotation.JobScope;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * What every job shares: the business date bound once from the job's parameters, the one-call
 * steps, and the step that numbers and issues drafts (the invoice run's, and dunning's late fees).
 */
@Configuration(proxyBeanMethods = false)
public class BatchConfiguration {

    @Bean
    @JobScope
    BusinessDate businessDate(
            @Value("#{jobParameters['asOf']}") LocalDate asOf,
            @Value("#{jobParameters['customerId']}") Long customerId) {
        return new BusinessDate(asOf, customerId);
    }

    /** Builds the steps the jobs share. */
    @Bean
    Steps steps(
            JobRepository jobRepository,
            PlatformTransactionManager transactionManager,
            BusinessDate businessDate,
            BillingProperties properties,
            IssuableInvoiceReader issuableInvoiceReader,
            InvoiceIssueWriter invoiceIssueWriter) {
        return new Steps(
                jobRepository, transactionManager, businessDate, properties, issuableInvoiceReader, invoiceIssueWriter);
    }

    /** The steps the jobs share, built in one place. */
    public record Steps(
            JobRepository jobRepository,
            PlatformTransactionManager transactionManager,
            BusinessDate businessDate,
            BillingProperties properties,
            IssuableInvoiceReader issuableInvoiceReader,
            InvoiceIssueWriter invoiceIssueWriter) {

        /** A one-call step: {@code work} with the job's business date, its result counted as written. */
        public Step asOf(String name, ToIntFunction<LocalDate> work) {
            return new StepBuilder(name, jobRepository)
                    .tasklet(
                            (contribution, context) -> {
                                contribution.incrementWriteCount(work.applyAsInt(businessDate.asOf()));
                                return RepeatStatus.FINISHED;
                            },
                            transactionManager)
                    .build();
        }

        /** Numbers and issues every draft not on hold (chunks of drafts): the invoice run's drafts, dunning's late fees. */
        public Step issue(String name) {
            return new StepBuilder(name, jobRepository)
                    .<IssuableInvoice, IssuableInvoice>chunk(properties.chunkSize())
                    .transactionManager(transactionManager)
                    .reader(issuableInvoiceReader)
                    .writer(invoiceIssueWriter)
                    .build();
        }
    }
}
