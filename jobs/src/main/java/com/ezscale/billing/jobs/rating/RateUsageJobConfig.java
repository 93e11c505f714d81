package com.ezscale.billing.jobs.rating;

import com.ezscale.billing.app.BillingProperties;
import com.ezscale.billing.app.usage.UsageReads;
import com.ezscale.billing.jobs.batch.BusinessDate;
import com.ezscale.billing.jobs.batch.IdRangePartitioner;
import com.ezscale.billing.persistence.PersistenceConfiguration;
import com.ezscale.billing.subscription.db.SubscriptionMapper;
import com.ezscale.billing.usage.db.RatingMapper;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.ZoneOffset;
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
 * {@code rateUsage(asOf)}: rate every service with usage terms for each usage period that closed
 * (end + grace) by the start of {@code asOf} (UTC), within the look-back; rerunning changes nothing
 * unless samples changed. Runs in {@code nightly} before invoicing.
 */
@Configuration(proxyBeanMethods = false)
public class RateUsageJobConfig {

    public static final String RATE_USAGE = "rateUsage";
    public static final String RATE_STEP = RATE_USAGE;
    /** The chunk step each range of a partitioned rating runs ({@code rateUsageRange:services0}, ...). */
    public static final String RATE_PARTITION = "rateUsageRange";
    /** Periods that ended more than this many days before asOf are not rated again. */
    public static final int LOOK_BACK_DAYS = 62;

    @Bean
    Job rateUsage(JobRepository jobRepository, Step rateUsageStep) {
        return new JobBuilder(RATE_USAGE, jobRepository).start(rateUsageStep).build();
    }

    /**
     * One chunk step over the services with usage terms, or with {@code ezscale.billing.partitions}
     * above 1 the same chunk step over ranges of service ids, each in a thread of its own ({@link
     * IdRangePartitioner#partitioned}): a service's ratings, events and notices are its own, so ranges
     * never write the same row.
     */
    @Bean
    Step rateUsageStep(
            JobRepository jobRepository,
            PlatformTransactionManager transactionManager,
            BillingProperties properties,
            RatableServiceReader ratableServiceReader,
            RatingProcessor ratingProcessor,
            RatingWriter ratingWriter,
            IdRangePartitioner serviceRanges) {
        Step chunks = new StepBuilder(properties.partitions() > 1 ? RATE_PARTITION : RATE_STEP, jobRepository)
                .<RatingInput, RatingOutcome>chunk(50)
                .transactionManager(transactionManager)
                .reader(ratableServiceReader)
                .processor(ratingProcessor)
                .writer(ratingWriter)
                .build();
        return IdRangePartitioner.partitioned(
                jobRepository, RATE_STEP, RATE_PARTITION, serviceRanges, properties.partitions(), chunks);
    }

    @Bean
    @StepScope
    IdRangePartitioner serviceRanges(@Qualifier(PersistenceConfiguration.BATCH_SESSION) SqlSessionTemplate batch) {
        return new IdRangePartitioner(
                RatableServiceReader.LAST_SUBSCRIPTION,
                "services",
                batch.getMapper(SubscriptionMapper.class).selectMaxId(),
                null);
    }

    @Bean
    @StepScope
    RatableServiceReader ratableServiceReader(
            BusinessDate day,
            UsageReads usage,
            MeterRegistry meters,
            @Value("#{stepExecutionContext['" + IdRangePartitioner.LAST_ID + "']}") Long lastIdOfRange,
            @Qualifier(PersistenceConfiguration.BATCH_SESSION) SqlSessionTemplate batch) {
        return new RatableServiceReader(
                batch.getMapper(RatingMapper.class),
                usage,
                day.asOf().atStartOfDay(ZoneOffset.UTC).toInstant(),
                LOOK_BACK_DAYS,
                50,
                lastIdOfRange,
                meters);
    }

    @Bean
    @StepScope
    RatingProcessor ratingProcessor(
            Clock clock,
            MeterRegistry meters,
            @Qualifier(PersistenceConfiguration.BATCH_SESSION) SqlSessionTemplate batch) {
        return new RatingProcessor(batch.getMapper(RatingMapper.class).selectUsagePrices(), clock, meters);
    }

    @Bean
    @StepScope
    RatingWriter ratingWriter(
            BusinessDate day,
            @Value("#{stepExecution}") StepExecution stepExecution,
            Clock clock,
            @Qualifier(PersistenceConfiguration.BATCH_SESSION) SqlSessionTemplate batch,
            com.ezscale.billing.app.outbox.OutboxWriter outbox,
            MeterRegistry meters) {
        return new RatingWriter(
                batch,
                stepExecution.getJobExecutionId(),
                stepExecution.getStepName(),
                day.asOf(),
                clock,
                outbox,
                meters);
    }
}
