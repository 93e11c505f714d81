package com.ezscale.billing.ingest;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import com.ezscale.billing.ingest.aggregate.UsageAggregator;
import com.ezscale.billing.ingest.attribution.AttributionIndexProvider;
import com.ezscale.billing.ingest.attribution.ExporterPolicy;
import com.ezscale.billing.ingest.es.ElasticsearchWindowIngestor;
import com.ezscale.billing.ingest.flow.FlowRecordParser;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(IngestProperties.class)
public class IngestConfiguration {

    private static final Logger log = LoggerFactory.getLogger(IngestConfiguration.class);

    @Bean
    UsageAggregator usageAggregator(IngestProperties properties) {
        ExporterPolicy exporters = new ExporterPolicy(properties.exporters());
        if (exporters.countsEverything()) {
            log.warn("no edge exporters configured (ezscale.ingest.exporters): flows from every exporter count");
        }
        FlowRecordParser parser =
                new FlowRecordParser(properties.schema(), Duration.ofDays(31L * properties.retentionMonths()));
        return new UsageAggregator(parser, exporters);
    }

    /** Only when {@code ezscale.ingest.elasticsearch.url} is set. */
    @Bean
    @ConditionalOnExpression("!'${ezscale.ingest.elasticsearch.url:}'.isBlank()")
    ElasticsearchWindowIngestor elasticsearchWindowIngestor(
            IngestProperties properties, AttributionIndexProvider attribution) {
        IngestProperties.Elasticsearch es = properties.elasticsearch();
        ElasticsearchClient client = ElasticsearchClient.of(b -> {
            b.host(es.url());
            if (!es.apiKey().isBlank()) {
                b.apiKey(es.apiKey());
            }
            return b;
        });
        return new ElasticsearchWindowIngestor(client, properties, attribution);
    }
}
