package com.ezscale.billing.ingest.es;

import static org.assertj.core.api.Assertions.assertThat;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import com.ezscale.billing.catalog.db.CatalogMapper;
import com.ezscale.billing.customer.db.CustomerMapper;
import com.ezscale.billing.ingest.IngestProperties;
import com.ezscale.billing.ingest.UsageWorld;
import com.ezscale.billing.ingest.attribution.AttributionIndexProvider;
import com.ezscale.billing.ingest.store.UsageStore;
import com.ezscale.billing.subscription.db.SubscriptionMapper;
import com.ezscale.billing.testing.DatabaseTest;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The real Elasticsearch client against a local stub answering as Elasticsearch does: several
 * after_key pages per direction, one 429 first. The samples equal the stub's sums; reading the
 * window again changes nothing.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ElasticsearchWindowIngestorTest extends DatabaseTest {

    static final LocalDate DAY = LocalDate.parse("2026-11-24");
    static final long T = Instant.parse("2026-11-24T10:00:00Z").toEpochMilli();

    @Autowired
    AttributionIndexProvider attribution;

    @Autowired
    UsageStore store;

    @Autowired
    IngestProperties properties;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    CatalogMapper catalog;

    @Autowired
    CustomerMapper customers;

    @Autowired
    SubscriptionMapper subscriptions;

    MockWebServer server;
    ElasticsearchStub stub;
    ElasticsearchWindowIngestor ingestor;
    final List<ElasticsearchStub.Row> destinations = new ArrayList<>();
    final List<ElasticsearchStub.Row> sources = new ArrayList<>();

    @BeforeAll
    void stubAndWorld() throws Exception {
        UsageWorld.create(catalog, customers, subscriptions);
        String[] ips = {"203.0.113.10", "203.0.113.20", "203.0.113.30", "2001:db8:101::7", "198.51.100.9"};
        long bytes = 1000;
        for (int b = 0; b < 6; b++) {
            long bucket = T + b * 300_000L;
            for (String ip : ips) {
                destinations.add(new ElasticsearchStub.Row(bucket, ip, "192.0.2.1", bytes += 137));
                sources.add(new ElasticsearchStub.Row(bucket, ip, "192.0.2.1", bytes += 71));
            }
        }
        // 203.0.113.30 moves from service 103 to 104 at 13:37 on the 24th
        destinations.add(new ElasticsearchStub.Row(
                Instant.parse("2026-11-24T13:40:00Z").toEpochMilli(), "203.0.113.30", "192.0.2.1", 5555));
        stub = new ElasticsearchStub(destinations, sources);
        server = new MockWebServer();
        server.setDispatcher(stub);
        server.start();
        IngestProperties.Elasticsearch es =
                new IngestProperties.Elasticsearch(server.url("/").toString(), "elastiflow-flow-codex-*", "", 4, 3, 10);
        IngestProperties config = new IngestProperties(properties.schema(), 25, List.of(), 30, properties.kafka(), es);
        ElasticsearchClient client = ElasticsearchClient.of(b -> b.host(es.url()));
        ingestor = new ElasticsearchWindowIngestor(client, config, attribution);
    }

    @AfterAll
    void stop() {
        server.close();
    }

    @Test
    void theSamplesEqualTheStubsSumsAndARerunChangesNothing() {
        int pages = ingestWindow();
        assertThat(stub.rejected.get()).as("one 429, retried").isEqualTo(1);
        assertThat(pages).as("several after_key pages per direction").isGreaterThan(10);
        assertThat(stub.requestBodies)
                .allSatisfy(b -> assertThat(b)
                        .contains("\"composite\"")
                        .contains("\"fixed_interval\":\"5m\"")
                        .doesNotContain("\"terms\":{\"field\":\"flow.dst.ip.addr\",\"size\""));
        Map<Long, String> first = text(sums());
        assertThat(first).isEqualTo(text(expected()));
        long unattributed =
                jdbc.queryForObject("SELECT SUM(bytes_in) + SUM(bytes_out) FROM unattributed_traffic", Long.class);
        assertThat(unattributed).isEqualTo(sumOf(destinations, "198.51.100.9") + sumOf(sources, "198.51.100.9"));

        ingestWindow();
        assertThat(text(sums())).isEqualTo(first);
        assertThat(jdbc.queryForObject("SELECT SUM(bytes_in) + SUM(bytes_out) FROM unattributed_traffic", Long.class))
                .isEqualTo(unattributed);
    }

    private int ingestWindow() {
        store.inTransaction(m -> {
            ingestor.clear(m, DAY, DAY.plusDays(1));
            return null;
        });
        ElasticsearchWindowIngestor.Position position = ElasticsearchWindowIngestor.Position.start();
        int pages = 0;
        while (!position.done()) {
            ElasticsearchWindowIngestor.Position at = position;
            position = store.inTransaction(
                    m -> ingestor.page(m, DAY, DAY.plusDays(1), at).next());
            pages++;
        }
        return pages;
    }

    private Map<Long, long[]> expected() {
        Map<String, Long> owner =
                Map.of("203.0.113.10", 101L, "203.0.113.20", 102L, "203.0.113.30", 103L, "2001:db8:101::7", 101L);
        Map<Long, long[]> sums = new HashMap<>();
        for (ElasticsearchStub.Row r : destinations) {
            Long o = r.bucketMillis() >= Instant.parse("2026-11-24T13:37:00Z").toEpochMilli()
                            && r.ip().equals("203.0.113.30")
                    ? Long.valueOf(104L)
                    : owner.get(r.ip());
            if (o != null) {
                sums.computeIfAbsent(o, k -> new long[2])[0] += r.bytes();
            }
        }
        for (ElasticsearchStub.Row r : sources) {
            Long o = owner.get(r.ip());
            if (o != null) {
                sums.computeIfAbsent(o, k -> new long[2])[1] += r.bytes();
            }
        }
        return sums;
    }

    private static Map<Long, String> text(Map<Long, long[]> sums) {
        Map<Long, String> text = new TreeMap<>();
        sums.forEach((k, v) -> text.put(k, v[0] + " in / " + v[1] + " out"));
        return text;
    }

    private static long sumOf(List<ElasticsearchStub.Row> rows, String ip) {
        return rows.stream()
                .filter(r -> r.ip().equals(ip))
                .mapToLong(ElasticsearchStub.Row::bytes)
                .sum();
    }

    private Map<Long, long[]> sums() {
        Map<Long, long[]> sums = new HashMap<>();
        jdbc.query(
                "SELECT subscription_id, SUM(bytes_in), SUM(bytes_out) FROM usage_sample GROUP BY subscription_id HAVING SUM(bytes_in) + SUM(bytes_out) > 0",
                rs -> {
                    sums.put(rs.getLong(1), new long[] {rs.getLong(2), rs.getLong(3)});
                });
        return sums;
    }
}
