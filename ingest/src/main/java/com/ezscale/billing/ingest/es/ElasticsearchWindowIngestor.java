package com.ezscale.billing.ingest.es;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.aggregations.CompositeAggregate;
import co.elastic.clients.elasticsearch._types.aggregations.CompositeAggregationSource;
import co.elastic.clients.elasticsearch._types.aggregations.CompositeBucket;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.transport.TransportException;
import co.elastic.clients.util.NamedValue;
import com.ezscale.billing.ingest.IngestProperties;
import com.ezscale.billing.ingest.attribution.AttributionIndexProvider;
import com.ezscale.billing.ingest.attribution.ExporterPolicy;
import com.ezscale.billing.ingest.attribution.IpAttributionIndex;
import com.ezscale.billing.ingest.flow.ElastiFlowSchema;
import com.ezscale.billing.ingest.flow.UsageBuckets;
import com.ezscale.billing.subscription.IpPrefix;
import com.ezscale.billing.usage.UsageSample;
import com.ezscale.billing.usage.db.UnattributedRow;
import com.ezscale.billing.usage.db.UsageMapper;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import java.io.IOException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads ElastiFlow's indices for a window of whole UTC days with composite aggregations
 * (5-minute {@code date_histogram} × IP × exporter, {@code sum} of bytes), once for destinations
 * (bytes in) and once for sources (bytes out), page by page with {@code after_key}, never with the
 * approximate {@code terms} aggregation. A window is rebuilt from scratch ({@link #clear}), then
 * each page is added in its own transaction; the caller keeps the {@link Position} with the commit
 * so a crash resumes where it stopped. 429 and 5xx answers are retried with exponential backoff.
 */
public class ElasticsearchWindowIngestor {

    public static final String SOURCE = "es";

    private static final Logger log = LoggerFactory.getLogger(ElasticsearchWindowIngestor.class);

    /** Where a window's reading stands: the direction and the after_key of the next page (null: the first). */
    public record Position(Direction direction, Map<String, String> afterKey) {

        public static Position start() {
            return new Position(Direction.DESTINATION, null);
        }

        public boolean done() {
            return direction == null;
        }
    }

    public enum Direction {
        DESTINATION,
        SOURCE
    }

    /** What one page added. */
    public record PageResult(Position next, long buckets, long attributedBytes, long unattributedBytes) {}

    private final ElasticsearchClient client;
    private final IngestProperties properties;
    private final AttributionIndexProvider attribution;
    private final ExporterPolicy exporters;
    private final Retry retry;

    public ElasticsearchWindowIngestor(
            ElasticsearchClient client, IngestProperties properties, AttributionIndexProvider attribution) {
        this.client = client;
        this.properties = properties;
        this.attribution = attribution;
        this.exporters = new ExporterPolicy(properties.exporters());
        IngestProperties.Elasticsearch es = properties.elasticsearch();
        // 429 and 5xx answers and lost connections are asked again with exponential backoff (at most 30 s apart)
        this.retry = Retry.of(
                "elasticsearch",
                RetryConfig.custom()
                        .maxAttempts(Math.max(1, es.maxAttempts()))
                        .intervalFunction(IntervalFunction.ofExponentialBackoff(
                                Duration.ofMillis(Math.max(1, es.backoffMillis())), 2.0, Duration.ofSeconds(30)))
                        .retryOnException(ElasticsearchWindowIngestor::transient_)
                        .build());
        this.retry
                .getEventPublisher()
                .onRetry(event -> log.warn(
                        "Elasticsearch: {} (attempt {} of {}); retrying in {} ms",
                        event.getLastThrowable() == null
                                ? "failed"
                                : event.getLastThrowable().getMessage(),
                        event.getNumberOfRetryAttempts(),
                        es.maxAttempts(),
                        event.getWaitInterval().toMillis()));
    }

    /** Zeroes the window's samples, closed days and unattributed traffic before it is read again. */
    public void clear(UsageMapper mapper, LocalDate from, LocalDate toExclusive) {
        mapper.clearSamples(bucket(from), bucket(toExclusive));
        mapper.deleteDays(from, toExclusive);
        mapper.clearUnattributed(from, toExclusive);
    }

    /** Reads and adds one page; returns where the next one starts. Call inside the transaction that stores the position. */
    public PageResult page(UsageMapper mapper, LocalDate from, LocalDate toExclusive, Position position) {
        IpAttributionIndex index = attribution.current();
        ElastiFlowSchema schema = properties.schema();
        String ipField =
                position.direction() == Direction.DESTINATION ? schema.destinationIpField() : schema.sourceIpField();
        SearchResponse<Void> response =
                searchWithRetries(from, toExclusive, ipField, schema.bytesField(), position.afterKey());
        CompositeAggregate composite = response.aggregations().get("usage").composite();
        Map<Long, long[]> samples = new HashMap<>();
        Map<String, long[]> unattributed = new LinkedHashMap<>();
        long attributedBytes = 0;
        long unattributedBytes = 0;
        for (CompositeBucket bucket : composite.buckets().array()) {
            long startMillis = bucket.key().get("bucket").longValue();
            String ip = bucket.key().get("ip").stringValue();
            String exporter = bucket.key().get("exporter").stringValue();
            int multiplier = exporters.multiplier(exporter);
            if (multiplier == ExporterPolicy.IGNORED) {
                continue;
            }
            long bytes = Math.round(bucket.aggregations().get("bytes").sum().value()) * multiplier;
            byte[] address = IpPrefix.parse(ip).network();
            long owner = index.ownerAt(address, startMillis);
            if (owner == IpAttributionIndex.NONE) {
                long[] row = unattributed.computeIfAbsent(
                        ip + "|" + Math.floorDiv(startMillis, 86_400_000L), k -> new long[3]);
                row[position.direction() == Direction.DESTINATION ? 0 : 1] += bytes;
                row[2] += bucket.docCount();
                unattributedBytes += bytes;
            } else {
                long[] sample = samples.computeIfAbsent(
                        (owner << 32) | (startMillis / 1000 / UsageBuckets.SECONDS), k -> new long[2]);
                sample[position.direction() == Direction.DESTINATION ? 0 : 1] += bytes;
                attributedBytes += bytes;
            }
        }
        samples.forEach((key, v) -> mapper.addSample(new UsageSample(key >>> 32, key & 0xFFFFFFFFL, v[0], v[1])));
        unattributed.forEach((key, v) -> {
            String[] parts = key.split("\\|");
            mapper.addUnattributed(new UnattributedRow(
                    IpPrefix.parse(parts[0]).network(),
                    LocalDate.ofEpochDay(Long.parseLong(parts[1])),
                    v[0],
                    v[1],
                    v[2]));
        });
        Map<String, FieldValue> after = composite.afterKey();
        Position next;
        if (composite.buckets().array().isEmpty() || after == null || after.isEmpty()) {
            next = new Position(position.direction() == Direction.DESTINATION ? Direction.SOURCE : null, null);
        } else {
            Map<String, String> key = new LinkedHashMap<>();
            after.forEach((k, v) -> key.put(k, v.isLong() ? Long.toString(v.longValue()) : v.stringValue()));
            next = new Position(position.direction(), key);
        }
        return new PageResult(next, composite.buckets().array().size(), attributedBytes, unattributedBytes);
    }

    private SearchResponse<Void> searchWithRetries(
            LocalDate from, LocalDate toExclusive, String ipField, String bytesField, Map<String, String> afterKey) {
        try {
            return retry.executeCallable(() -> search(from, toExclusive, ipField, bytesField, afterKey));
        } catch (ElasticsearchException e) {
            throw e;
        } catch (TransportException e) {
            throw new IllegalStateException("Elasticsearch answered " + e.statusCode() + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new IllegalStateException(
                    "Elasticsearch unreachable after "
                            + properties.elasticsearch().maxAttempts() + " attempts: " + e.getMessage(),
                    e);
        } catch (Exception e) {
            throw new IllegalStateException("Elasticsearch search failed: " + e.getMessage(), e);
        }
    }

    /** Worth asking again: Elasticsearch's 429 and 5xx, and a connection that failed. */
    static boolean transient_(Throwable e) {
        return e instanceof IOException && !(e instanceof TransportException)
                || e instanceof TransportException t && retryable(t.statusCode())
                || e instanceof ElasticsearchException es && retryable(es.status());
    }

    private SearchResponse<Void> search(
            LocalDate from, LocalDate toExclusive, String ipField, String bytesField, Map<String, String> afterKey)
            throws IOException {
        List<NamedValue<CompositeAggregationSource>> sources = new ArrayList<>();
        sources.add(NamedValue.of(
                "bucket",
                CompositeAggregationSource.of(s ->
                        s.dateHistogram(d -> d.field(ElastiFlowSchema.TIMESTAMP).fixedInterval(t -> t.time("5m"))))));
        sources.add(NamedValue.of("ip", CompositeAggregationSource.of(s -> s.terms(t -> t.field(ipField)))));
        sources.add(NamedValue.of(
                "exporter", CompositeAggregationSource.of(s -> s.terms(t -> t.field(ElastiFlowSchema.EXPORTER)))));
        return client.search(
                r -> r.index(properties.elasticsearch().indexPattern())
                        .size(0)
                        .query(q -> q.range(g -> g.date(d -> d.field(ElastiFlowSchema.TIMESTAMP)
                                .gte(from.atStartOfDay(ZoneOffset.UTC)
                                        .toInstant()
                                        .toString())
                                .lt(toExclusive
                                        .atStartOfDay(ZoneOffset.UTC)
                                        .toInstant()
                                        .toString()))))
                        .aggregations(
                                "usage",
                                a -> a.composite(c -> {
                                            c.sources(sources)
                                                    .size(properties
                                                            .elasticsearch()
                                                            .pageSize());
                                            if (afterKey != null) {
                                                afterKey.forEach((k, v) -> c.after(
                                                        k,
                                                        k.equals("bucket")
                                                                ? FieldValue.of(Long.parseLong(v))
                                                                : FieldValue.of(v)));
                                            }
                                            return c;
                                        })
                                        .aggregations("bytes", s -> s.sum(m -> m.field(bytesField)))),
                Void.class);
    }

    private static boolean retryable(int status) {
        return status == 429 || status >= 500;
    }

    static long bucket(LocalDate day) {
        return day.atStartOfDay(ZoneOffset.UTC).toEpochSecond() / UsageBuckets.SECONDS;
    }
}
