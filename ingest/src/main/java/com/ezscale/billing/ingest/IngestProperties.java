package com.ezscale.billing.ingest;

import com.ezscale.billing.ingest.attribution.ExporterPolicy;
import com.ezscale.billing.ingest.flow.ElastiFlowSchema;
import jakarta.validation.constraints.Min;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/** {@code ezscale.ingest.*}: see conf/application.yml. */
@Validated
@ConfigurationProperties(prefix = "ezscale.ingest", ignoreUnknownFields = false)
public record IngestProperties(
        @DefaultValue("CODEX") ElastiFlowSchema schema,
        @Min(1) @DefaultValue("25") int retentionMonths,
        List<ExporterPolicy.Exporter> exporters,
        @DefaultValue("30") int attributionRefreshSeconds,
        @DefaultValue Kafka kafka,
        @DefaultValue Elasticsearch elasticsearch) {

    public IngestProperties {
        exporters = exporters == null ? List.of() : List.copyOf(exporters);
    }

    /**
     * The Kafka source: ElastiFlow's topic, read by a consumer group whose offsets live in our
     * database, with {@code consumers} members on each node that runs it (more than the topic has
     * partitions would idle). Polls are gathered into one transaction until {@code batchRecords}
     * records or {@code batchMillis} have passed; while the transaction before is still being
     * written the batch keeps growing (up to four times either).
     */
    public record Kafka(
            @DefaultValue("false") boolean enabled,
            // set by the commands that consume (serve, ingest-kafka), not by configuration
            @DefaultValue("false") boolean run,
            @DefaultValue("localhost:9092") String bootstrapServers,
            @DefaultValue("elastiflow-flow-codex") String topic,
            @DefaultValue("ezscale-billing-ingest") String groupId,
            @DefaultValue("5000") int maxPollRecords,
            @DefaultValue("200") int pollMillis,
            @DefaultValue("50000") int batchRecords,
            @DefaultValue("1000") int batchMillis,
            @Min(1) @DefaultValue("2") int consumers) {

        public Kafka {
            if (consumers < 1) {
                throw new IllegalArgumentException(
                        "ezscale.ingest.kafka.consumers must be at least 1, was " + consumers);
            }
        }
    }

    /** The Elasticsearch source: ElastiFlow's indices, read with composite aggregations. */
    public record Elasticsearch(
            @DefaultValue("") String url,
            @DefaultValue("elastiflow-flow-codex-*") String indexPattern,
            @DefaultValue("") String apiKey,
            @DefaultValue("1000") int pageSize,
            @DefaultValue("5") int maxAttempts,
            @DefaultValue("500") long backoffMillis) {}
}
