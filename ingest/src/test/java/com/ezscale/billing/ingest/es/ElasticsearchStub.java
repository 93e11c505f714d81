package com.ezscale.billing.ingest.es;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Answers _search as Elasticsearch does for a composite aggregation: the product header, typed
 * keys ({@code composite#usage}, {@code sum#bytes}), pages of {@code size} buckets in key order
 * with {@code after_key}, and an empty last page. The first request gets a 429.
 */
public final class ElasticsearchStub extends Dispatcher {

    /** One composite bucket: 5-minute start, IP, exporter, summed bytes. */
    public record Row(long bucketMillis, String ip, String exporter, long bytes) {}

    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private final List<Row> destinations;
    private final List<Row> sources;
    public final AtomicInteger searches = new AtomicInteger();
    public final AtomicInteger rejected = new AtomicInteger();
    public final List<String> requestBodies = new ArrayList<>();

    public ElasticsearchStub(List<Row> destinations, List<Row> sources) {
        Comparator<Row> order = Comparator.comparingLong(Row::bucketMillis)
                .thenComparing(Row::ip)
                .thenComparing(Row::exporter);
        this.destinations = destinations.stream().sorted(order).toList();
        this.sources = sources.stream().sorted(order).toList();
    }

    /** After {@code n} more successful searches, answer 500 to every search until {@link #heal()}. */
    public void breakAfter(int n) {
        breakAfter.set(n);
    }

    public void heal() {
        breakAfter.set(-1);
    }

    private final AtomicInteger breakAfter = new AtomicInteger(-1);

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        if (breakAfter.get() == 0) {
            return json(
                    500,
                    "{\"error\":{\"type\":\"node_not_connected_exception\",\"reason\":\"broken on purpose\"},\"status\":500}");
        }
        if (breakAfter.get() > 0 && request.getUrl().encodedPath().endsWith("/_search") && searches.get() > 0) {
            breakAfter.decrementAndGet();
        }
        if (!request.getUrl().encodedPath().endsWith("/_search")) {
            return json(404, "{\"error\":\"not found\",\"status\":404}");
        }
        int n = searches.incrementAndGet();
        if (n == 1) {
            rejected.incrementAndGet();
            return json(
                    429,
                    "{\"error\":{\"root_cause\":[{\"type\":\"es_rejected_execution_exception\",\"reason\":\"rejected execution\"}],"
                            + "\"type\":\"es_rejected_execution_exception\",\"reason\":\"rejected execution\"},\"status\":429}");
        }
        String body = request.getBody().utf8();
        synchronized (requestBodies) {
            requestBodies.add(body);
        }
        JsonNode composite =
                JSON.readTree(body).path("aggregations").path("usage").path("composite");
        String ipField = composite
                .path("sources")
                .get(1)
                .path("ip")
                .path("terms")
                .path("field")
                .asString();
        int size = composite.path("size").asInt(10);
        List<Row> rows = ipField.endsWith("dst.ip.addr") || ipField.startsWith("destination") ? destinations : sources;
        JsonNode after = composite.path("after");
        int start = 0;
        if (!after.isMissingNode()) {
            Row key = new Row(
                    after.path("bucket").asLong(),
                    after.path("ip").asString(),
                    after.path("exporter").asString(),
                    0);
            while (start < rows.size() && compare(rows.get(start), key) <= 0) {
                start++;
            }
        }
        List<Row> page = rows.subList(start, Math.min(rows.size(), start + size));
        ObjectNode usage = JSON.createObjectNode();
        ArrayNode buckets = usage.putArray("buckets");
        for (Row row : page) {
            ObjectNode b = buckets.addObject();
            key(b.putObject("key"), row);
            b.put("doc_count", 3);
            b.putObject("sum#bytes").put("value", (double) row.bytes());
        }
        if (!page.isEmpty()) {
            key(usage.putObject("after_key"), page.get(page.size() - 1));
        }
        ObjectNode root = JSON.createObjectNode();
        root.put("took", 2).put("timed_out", false);
        root.putObject("_shards")
                .put("total", 1)
                .put("successful", 1)
                .put("skipped", 0)
                .put("failed", 0);
        ObjectNode hits = root.putObject("hits");
        hits.putObject("total").put("value", rows.size()).put("relation", "eq");
        hits.putNull("max_score");
        hits.putArray("hits");
        root.putObject("aggregations").set("composite#usage", usage);
        return json(200, root.toString());
    }

    private static void key(ObjectNode key, Row row) {
        key.put("bucket", row.bucketMillis()).put("ip", row.ip()).put("exporter", row.exporter());
    }

    private static int compare(Row a, Row b) {
        int c = Long.compare(a.bucketMillis(), b.bucketMillis());
        if (c == 0) {
            c = a.ip().compareTo(b.ip());
        }
        return c == 0 ? a.exporter().compareTo(b.exporter()) : c;
    }

    private static MockResponse json(int code, String body) {
        return new MockResponse.Builder()
                .code(code)
                .addHeader("X-Elastic-Product", "Elasticsearch")
                .addHeader("Content-Type", "application/json")
                .body(body)
                .build();
    }
}
