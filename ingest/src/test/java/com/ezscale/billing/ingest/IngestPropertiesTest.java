package com.ezscale.billing.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.ezscale.billing.ingest.attribution.ExporterPolicy;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** {@code ezscale.ingest.*} as an operator writes it: an exporter needs only its address. */
class IngestPropertiesTest {

    private static IngestProperties bind(Map<String, String> settings) {
        return new Binder(new MapConfigurationPropertySource(settings))
                .bindOrCreate("ezscale.ingest", IngestProperties.class);
    }

    @Test
    void anExporterWithoutASamplingMultiplierCountsOnce() {
        IngestProperties properties = bind(Map.of(
                "ezscale.ingest.exporters[0].ip", "192.0.2.1",
                "ezscale.ingest.exporters[1].ip", "192.0.2.2",
                "ezscale.ingest.exporters[1].sampling-multiplier", "512",
                "ezscale.ingest.exporters[1].interfaces", "xe-0/0/0,xe-0/0/1"));
        assertThat(properties.exporters())
                .containsExactly(
                        new ExporterPolicy.Exporter("192.0.2.1", 1, Set.of()),
                        new ExporterPolicy.Exporter("192.0.2.2", 512, Set.of("xe-0/0/0", "xe-0/0/1")));
    }
}
