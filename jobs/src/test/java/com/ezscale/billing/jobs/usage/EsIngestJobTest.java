package com.ezscale.billing.jobs.usage;

import static org.assertj.core.api.Assertions.assertThat;

import com.ezscale.billing.catalog.db.CatalogMapper;
import com.ezscale.billing.customer.db.CustomerMapper;
import com.ezscale.billing.ingest.UsageWorld;
import com.ezscale.billing.ingest.es.ElasticsearchStub;
import com.ezscale.billing.jobs.run.JobRunner;
import com.ezscale.billing.subscription.db.SubscriptionMapper;
import com.ezscale.billing.testing.DatabaseTest;
import java.io.IOException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * esIngest through Spring Batch against a local Elasticsearch stub: Elasticsearch breaks mid-way
 * (500s past the retries), the execution fails with the pages before committed; restarted, it
 * resumes at the page after the last committed one (fewer searches than a full window) and ends
 * with the stub's sums; a rerun of the window gives the same numbers.
 */
class EsIngestJobTest extends DatabaseTest {

    static final LocalDate FROM = LocalDate.parse("2026-11-24");
    static final LocalDate TO = LocalDate.parse("2026-11-25");
    static final List<ElasticsearchStub.Row> DESTINATIONS = new ArrayList<>();
    static final List<ElasticsearchStub.Row> SOURCES = new ArrayList<>();
    static final Map<String, Long> OWNER = Map.of("203.0.113.10", 101L, "203.0.113.20", 102L, "2001:db8:101::7", 101L);
    static final ElasticsearchStub STUB;
    static final MockWebServer SERVER = new MockWebServer();

    static {
        long t = Instant.parse("2026-11-24T08:00:00Z").toEpochMilli();
        long bytes = 500;
        for (int b = 0; b < 8; b++) {
            for (String ip : new String[] {"203.0.113.10", "203.0.113.20", "2001:db8:101::7", "198.51.100.9"}) {
                DESTINATIONS.add(new ElasticsearchStub.Row(t + b * 300_000L, ip, "192.0.2.1", bytes += 101));
                SOURCES.add(new ElasticsearchStub.Row(t + b * 300_000L, ip, "192.0.2.1", bytes += 53));
            }
        }
        STUB = new ElasticsearchStub(DESTINATIONS, SOURCES);
        SERVER.setDispatcher(STUB);
        try {
            SERVER.start();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @DynamicPropertySource
    static void elasticsearch(DynamicPropertyRegistry registry) {
        registry.add("ezscale.ingest.elasticsearch.url", () -> SERVER.url("/").toString());
        registry.add("ezscale.ingest.elasticsearch.page-size", () -> "3");
        registry.add("ezscale.ingest.elasticsearch.max-attempts", () -> "2");
        registry.add("ezscale.ingest.elasticsearch.backoff-millis", () -> "5");
    }

    @AfterAll
    static void stop() {
        SERVER.close();
    }

    @Autowired
    JobRunner runner;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    CatalogMapper catalog;

    @Autowired
    CustomerMapper customers;

    @Autowired
    SubscriptionMapper subscriptions;

    @Test
    void aFailedWindowResumesWhereItStoppedAndEndsWithTheStubsSums() {
        UsageWorld.create(catalog, customers, subscriptions);
        Map<String, LocalDate> window = Map.of("from", FROM, "to", TO);

        STUB.breakAfter(6);
        JobExecution failed = runner.run(UsageJobConfig.ES_INGEST, TO, window, "test");
        assertThat(failed.getStatus()).isEqualTo(BatchStatus.FAILED);
        assertThat(jdbc.queryForObject("SELECT COALESCE(SUM(bytes_in), 0) FROM usage_sample", Long.class))
                .as("the pages before the failure are committed")
                .isPositive();

        STUB.heal();
        int before = STUB.searches.get();
        JobExecution restarted = runner.restart(failed.getId(), "test");
        int restartSearches = STUB.searches.get() - before;
        assertThat(restarted.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        Map<Long, String> afterRestart = sums();
        assertThat(afterRestart).isEqualTo(expected());
        assertThat(jdbc.queryForObject("SELECT watermark FROM ingest_watermark WHERE source = 'es'", Timestamp.class)
                        .toInstant())
                .isEqualTo(Instant.parse("2026-11-25T00:00:00Z"));

        int beforeRerun = STUB.searches.get();
        JobExecution rerun = runner.run(UsageJobConfig.ES_INGEST, TO, window, "test");
        int fullSearches = STUB.searches.get() - beforeRerun;
        assertThat(rerun.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(sums()).isEqualTo(afterRestart);
        assertThat(restartSearches)
                .as("the restart resumed instead of reading the window again")
                .isLessThan(fullSearches);
    }

    private static Map<Long, String> expected() {
        Map<Long, long[]> sums = new TreeMap<>();
        DESTINATIONS.stream()
                .filter(r -> OWNER.containsKey(r.ip()))
                .forEach(r -> sums.computeIfAbsent(OWNER.get(r.ip()), k -> new long[2])[0] += r.bytes());
        SOURCES.stream()
                .filter(r -> OWNER.containsKey(r.ip()))
                .forEach(r -> sums.computeIfAbsent(OWNER.get(r.ip()), k -> new long[2])[1] += r.bytes());
        Map<Long, String> text = new TreeMap<>();
        sums.forEach((k, v) -> text.put(k, v[0] + " in / " + v[1] + " out"));
        return text;
    }

    private Map<Long, String> sums() {
        Map<Long, String> sums = new TreeMap<>();
        jdbc.query(
                "SELECT subscription_id, SUM(bytes_in), SUM(bytes_out) FROM usage_sample GROUP BY subscription_id "
                        + "HAVING SUM(bytes_in) + SUM(bytes_out) > 0",
                rs -> {
                    sums.put(rs.getLong(1), rs.getLong(2) + " in / " + rs.getLong(3) + " out");
                });
        return sums;
    }
}
