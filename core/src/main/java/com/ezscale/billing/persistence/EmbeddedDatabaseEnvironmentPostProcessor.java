package com.ezscale.billing.persistence;

import java.nio.file.Path;
import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * The embedded default: when no database URL is configured ({@code spring.datasource.url}, or the
 * {@code EZSCALE_DB_URL} environment variable that conf/application.yml maps onto it), start the
 * embedded MariaDB under {@code ezscale.embedded-db.dir} (default {@code ./data/mariadb}) and point
 * the datasource at it.
 */
public class EmbeddedDatabaseEnvironmentPostProcessor implements EnvironmentPostProcessor {

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        String url = environment.getProperty("spring.datasource.url");
        if (url != null && !url.isBlank()) {
            return;
        }
        if (!environment.getProperty("ezscale.embedded-db.enabled", Boolean.class, true)) {
            return;
        }
        Path dir = Path.of(environment.getProperty("ezscale.embedded-db.dir", "data/mariadb"));
        int port = environment.getProperty("ezscale.embedded-db.port", Integer.class, 0);
        String database = environment.getProperty("ezscale.embedded-db.database", "ezscale");
        EmbeddedMariaDb db = EmbeddedMariaDb.start(dir, port);
        environment
                .getPropertySources()
                .addFirst(new MapPropertySource(
                        "ezscaleEmbeddedDatabase",
                        Map.of(
                                "spring.datasource.url", db.url(database),
                                "spring.datasource.username", "root",
                                "spring.datasource.password", "")));
    }
}
