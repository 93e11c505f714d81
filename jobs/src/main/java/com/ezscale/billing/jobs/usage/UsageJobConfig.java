package com.ezscale.billing.jobs.usage;

import com.ezscale.billing.app.usage.UsageCompaction;
import com.ezscale.billing.ingest.IngestProperties;
import com.ezscale.billing.ingest.es.ElasticsearchWindowIngestor;
import com.ezscale.billing.ingest.store.UsageStore;
import com.ezscale.billing.jobs.batch.BusinessDate;
import com.ezscale.billing.usage.db.UsageMapper;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * {@code esIngest(from, to)}: backfill any range of days from Elasticsearch. {@code pruneUsage(asOf)}:
 * drop usage older than the retention window. {@code compactUsage(asOf)}: fold the samples of days
 * closed a full day into day rows. The nightly run uses {@code ingestCatchUp} (the Elasticsearch
 * window from the watermark to asOf) first, then {@code compactUsage}, and {@code pruneUsage} last.
 */
@Configuration(proxyBeanMethods = false)
public class UsageJobConfig {

    public static final String ES_INGEST = "esIngest";
    public static final String PRUNE_USAGE = "pruneUsage";
    public static final String CATCH_UP_STEP = "ingestCatchUp";
    public static final String PRUNE_STEP = PRUNE_USAGE;
    public static final String COMPACT_USAGE = "compactUsage";
    public static final String COMPACT_STEP = COMPACT_USAGE;

    @Bean
    Job esIngest(JobRepository jobRepository, Step esIngestWindow) {
        return new JobBuilder(ES_INGEST, jobRepository).start(esIngestWindow).build();
    }

    @Bean
    Job pruneUsage(JobRepository jobRepository, Step pruneUsageStep) {
        return new JobBuilder(PRUNE_USAGE, jobRepository).start(pruneUsageStep).build();
    }

    @Bean
    Job compactUsage(JobRepository jobRepository, Step compactUsageStep) {
        return new JobBuilder(COMPACT_USAGE, jobRepository)
                .start(compactUsageStep)
                .build();
    }

    @Bean
    Step compactUsageStep(
            JobRepository jobRepository,
            PlatformTransactionManager transactionManager,
            CompactUsageTasklet compactUsageTasklet) {
        return new StepBuilder(COMPACT_STEP, jobRepository)
                .tasklet(compactUsageTasklet, transactionManager)
                .build();
    }

    @Bean
    @StepScope
    CompactUsageTasklet compactUsageTasklet(
            BusinessDate day,
            UsageMapper usage,
            UsageCompaction compaction,
            PlatformTransactionManager transactionManager) {
        return new CompactUsageTasklet(usage, compaction, transactionManager, day.asOf());
    }

    @Bean
    Step esIngestWindow(
            JobRepository jobRepository,
            PlatformTransactionManager transactionManager,
            EsIngestTasklet esIngestTasklet) {
        return new StepBuilder("esIngestWindow", jobRepository)
                .tasklet(esIngestTasklet, transactionManager)
                .build();
    }

    @Bean
    Step ingestCatchUp(
            JobRepository jobRepository,
            PlatformTransactionManager transactionManager,
            EsIngestTasklet catchUpTasklet) {
        return new StepBuilder(CATCH_UP_STEP, jobRepository)
                .tasklet(catchUpTasklet, transactionManager)
                .build();
    }

    @Bean
    Step pruneUsageStep(
            JobRepository jobRepository,
            PlatformTransactionManager transactionManager,
            PruneUsageTasklet pruneUsageTasklet) {
        return new StepBuilder(PRUNE_STEP, jobRepository)
                .tasklet(pruneUsageTasklet, transactionManager)
                .build();
    }

    @Bean
    @StepScope
    EsIngestTasklet esIngestTasklet(
            @Value("#{jobParameters['from']}") LocalDate from,
            @Value("#{jobParameters['to']}") LocalDate to,
            ObjectProvider<ElasticsearchWindowIngestor> ingestor,
            UsageStore store,
            Clock clock) {
        if (from == null || to == null) {
            throw new IllegalArgumentException("esIngest needs --from and --to (days, to exclusive)");
        }
        return new EsIngestTasklet(ingestor.getIfAvailable(), store, from, to, clock);
    }

    /** The window since the last watermark (yesterday if none) up to asOf. */
    @Bean
    @StepScope
    EsIngestTasklet catchUpTasklet(
            BusinessDate day,
            ObjectProvider<ElasticsearchWindowIngestor> ingestor,
            UsageStore store,
            UsageMapper usage,
            Clock clock) {
        Instant watermark =
                ingestor.getIfAvailable() == null ? null : usage.selectWatermark(ElasticsearchWindowIngestor.SOURCE);
        LocalDate from = watermark == null ? day.asOf().minusDays(1) : LocalDate.ofInstant(watermark, ZoneOffset.UTC);
        return new EsIngestTasklet(ingestor.getIfAvailable(), store, from, day.asOf(), clock);
    }

    @Bean
    @StepScope
    PruneUsageTasklet pruneUsageTasklet(BusinessDate day, UsageMapper usage, IngestProperties properties) {
        return new PruneUsageTasklet(usage, day.asOf(), properties.retentionMonths());
    }
}
