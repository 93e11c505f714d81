package com.ezscale.billing.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.ezscale.billing.jobs.testing.Cli;
import com.ezscale.billing.testing.TestDatabases;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * One-shot commands' contexts: an operator's command starts its own and closes it; in the CLI
 * tests (between {@code Cli.onNewDatabase} and {@code Cli.restore}) commands with the same
 * properties share one, and different properties get another.
 */
class KeptContextsTest {

    @Test
    void commandsWithTheSamePropertiesShareOneContextInTheTestsAndAnOperatorsCommandClosesItsOwn() {
        Main main = new Main(Map.of());
        Cli.onNewDatabase();
        ConfigurableApplicationContext first;
        ConfigurableApplicationContext other;
        try {
            first = Contexts.oneShot(main, Map.of());
            DataSource pool = first.getBean(DataSource.class);
            first.close();
            assertThat(first.isActive())
                    .as("a command's close() leaves it open")
                    .isTrue();
            ConfigurableApplicationContext again = Contexts.oneShot(main, Map.of());
            assertThat(again.getBean(DataSource.class)).as("the same context").isSameAs(pool);

            other = Contexts.oneShot(main, Map.of("ezscale.billing.chunk-size", "7"));
            assertThat(other.getBean(DataSource.class))
                    .as("other properties, another context")
                    .isNotSameAs(pool);
            System.setProperty("ezscale.reports.pack-dir", "target/kept-contexts-test");
            try {
                assertThat(Contexts.oneShot(main, Map.of()).getBean(DataSource.class))
                        .as("a system property set since: another context")
                        .isNotSameAs(pool);
            } finally {
                System.clearProperty("ezscale.reports.pack-dir");
            }
        } finally {
            Cli.restore();
        }
        assertThat(first.isActive()).as("restore closes what was kept").isFalse();
        assertThat(other.isActive()).isFalse();

        // off, as for an operator's command: its own context, which its close() closes
        System.setProperty("spring.datasource.url", TestDatabases.newDatabaseUrl());
        System.setProperty("ezscale.embedded-db.enabled", "false");
        try {
            ConfigurableApplicationContext own = Contexts.oneShot(main, Map.of());
            assertThat(own.getBean(DataSource.class)).isNotNull();
            own.close();
            assertThat(own.isActive()).isFalse();
        } finally {
            System.clearProperty("spring.datasource.url");
            System.clearProperty("ezscale.embedded-db.enabled");
        }
    }
}
