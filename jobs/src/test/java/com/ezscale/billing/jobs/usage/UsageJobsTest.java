package com.ezscale.billing.jobs.usage;

import static org.assertj.core.api.Assertions.assertThat;

import com.ezscale.billing.jobs.run.JobRunner;
import com.ezscale.billing.testing.DatabaseTest;
import java.sql.Date;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

class UsageJobsTest extends DatabaseTest {

    @Autowired
    JobRunner runner;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void pruneUsageDropsWhatIsOlderThanTheRetentionWindowOnly() {
        LocalDate asOf = LocalDate.parse("2026-11-25");
        LocalDate cutoff = asOf.minusMonths(25); // default retention
        long cutoffBucket = cutoff.atStartOfDay(ZoneOffset.UTC).toEpochSecond() / 300;
        jdbc.update(
                "INSERT INTO usage_sample (subscription_id, bucket, bytes_in, bytes_out) VALUES (1, ?, 1, 1), (1, ?, 2, 2), (2, ?, 3, 3)",
                cutoffBucket - 1,
                cutoffBucket,
                cutoffBucket + 5000);
        jdbc.update(
                "INSERT INTO unattributed_traffic (ip, day, bytes_in, bytes_out, flows) VALUES (X'C0000201', ?, 1, 0, 1), (X'C0000201', ?, 1, 0, 1)",
                cutoff.minusDays(1),
                cutoff);

        JobExecution execution = runner.run(UsageJobConfig.PRUNE_USAGE, asOf, "test");

        assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(jdbc.queryForList("SELECT bucket FROM usage_sample ORDER BY bucket", Long.class))
                .containsExactly(cutoffBucket, cutoffBucket + 5000);
        assertThat(jdbc.queryForList("SELECT day FROM unattributed_traffic", Date.class))
                .extracting(Date::toLocalDate)
                .containsExactly(cutoff);
    }

    @Test
    void esIngestWithoutElasticsearchConfiguredSaysSoAndChangesNothing() {
        JobExecution execution = runner.run(
                UsageJobConfig.ES_INGEST,
                LocalDate.parse("2026-11-25"),
                Map.of("from", LocalDate.parse("2026-11-01"), "to", LocalDate.parse("2026-11-25")),
                "test");
        assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(execution.getStepExecutions())
                .singleElement()
                .satisfies(s ->
                        assertThat(s.getExitStatus().getExitDescription()).contains("no Elasticsearch configured"));
    }
}
