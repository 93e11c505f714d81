package com.ezscale.billing.jobs.nightly;

import com.ezscale.billing.jobs.collection.CollectJobConfig;
import com.ezscale.billing.jobs.documents.DocumentsJobConfig;
import com.ezscale.billing.jobs.dunning.DunningJobConfig;
import com.ezscale.billing.jobs.gdpr.RetentionJobConfig;
import com.ezscale.billing.jobs.invoice.InvoiceRunJobConfig;
import com.ezscale.billing.jobs.outbox.OutboxJobConfig;
import com.ezscale.billing.jobs.rating.RateUsageJobConfig;
import com.ezscale.billing.jobs.reports.ReportsJobConfig;
import com.ezscale.billing.jobs.usage.UsageJobConfig;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.job.builder.SimpleJobBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * {@code nightly(asOf)}: every job's steps, each defined in its own job's configuration, in the order
 * the README lists them: usage in (Elasticsearch catch-up) and rated, the invoice run, collection,
 * dunning, the PDFs of what was issued, the day's MRR snapshot (and on the 1st the month's finance
 * pack), the outbox, pruning, erasure after retention.
 */
@Configuration(proxyBeanMethods = false)
public class NightlyJobConfig {

    public static final String NIGHTLY = "nightly";

    /** The steps in order, by name. */
    public static final List<String> STEPS = List.of(
            UsageJobConfig.CATCH_UP_STEP,
            UsageJobConfig.COMPACT_STEP,
            RateUsageJobConfig.RATE_STEP,
            InvoiceRunJobConfig.EXPIRE_STEP,
            InvoiceRunJobConfig.GENERATE_STEP,
            InvoiceRunJobConfig.ISSUE_STEP,
            InvoiceRunJobConfig.REFERRALS_STEP,
            CollectJobConfig.JANITOR_STEP,
            CollectJobConfig.COLLECT_STEP,
            DunningJobConfig.DUNNING_STEP,
            DunningJobConfig.ISSUE_LATE_FEES,
            DocumentsJobConfig.RENDER_STEP,
            ReportsJobConfig.SNAPSHOT_STEP,
            ReportsJobConfig.PACK_STEP,
            DunningJobConfig.NOTIFY_ISSUED,
            DunningJobConfig.UNSUSPEND_STEP,
            OutboxJobConfig.OUTBOX_STEP,
            UsageJobConfig.PRUNE_STEP,
            RetentionJobConfig.RETENTION_STEP);

    @Bean
    Job nightly(JobRepository jobRepository, List<Step> steps) {
        Map<String, Step> byName = new HashMap<>();
        steps.forEach(s -> byName.put(s.getName(), s));
        SimpleJobBuilder job = new JobBuilder(NIGHTLY, jobRepository).start(step(byName, STEPS.get(0)));
        STEPS.stream().skip(1).forEach(name -> job.next(step(byName, name)));
        return job.build();
    }

    private static Step step(Map<String, Step> byName, String name) {
        Step step = byName.get(name);
        if (step == null) {
            throw new IllegalStateException("no step " + name);
        }
        return step;
    }
}
