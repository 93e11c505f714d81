package com.ezscale.billing.persistence.replica;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Clock;
import java.util.Map;
import java.util.Properties;
import javax.sql.DataSource;
import org.springframework.beans.BeansException;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.datasource.LazyConnectionDataSourceProxy;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The read replica, when {@code ezscale.db.replica.url} is set: the application's data source
 * becomes a {@link LazyConnectionDataSourceProxy} over the primary whose read-only data source is
 * the replica ({@link ReadReplica#readOnlyDataSource()}), so a read-only transaction opened by
 * {@link ReplicaReads} takes its connection there, and everything else (writes, read-write
 * transactions, Spring Batch, Quartz, Flyway) goes on using the primary. Without a replica the data
 * source is left as it is and {@link ReplicaReads} runs its work in read-only transactions on the
 * primary. Health component {@code replica} and gauges {@code ezscale.db.replica.*} tell where reads
 * go.
 */
@Configuration(proxyBeanMethods = false)
public class ReplicaConfiguration {

    /** Holds the replica once the primary data source exists (the post-processor builds it). */
    public static final class Replica implements DisposableBean {
        private volatile ReadReplica replica;

        @Override
        public void destroy() {
            if (replica != null) {
                replica.close();
            }
        }

        /** The replica, or null when none is configured. */
        public ReadReplica get() {
            return replica;
        }
    }

    @Bean
    Replica replicaHolder() {
        return new Replica();
    }

    @Bean
    ReplicaReads replicaReads(PlatformTransactionManager transactionManager) {
        return new ReplicaReads(transactionManager);
    }

    @Bean
    static BeanPostProcessor replicaRouting(
            ObjectProvider<ReplicaProperties> properties,
            ObjectProvider<Replica> holder,
            ObjectProvider<Clock> clock,
            Environment environment) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String name) throws BeansException {
                if (!"dataSource".equals(name) || !(bean instanceof DataSource primary)) {
                    return bean;
                }
                ReplicaProperties replica = properties.getObject();
                if (!replica.enabled()) {
                    return bean;
                }
                // the primary's driver settings (UTC sessions, the fractional-seconds interceptor, statement caches)
                Properties driver = new Properties();
                driver.putAll(Binder.get(environment)
                        .bind(
                                "spring.datasource.hikari.data-source-properties",
                                Bindable.mapOf(String.class, String.class))
                        .orElse(Map.of()));
                ReadReplica reads = new ReadReplica(
                        replica,
                        primary,
                        environment.getProperty("spring.datasource.username", "root"),
                        environment.getProperty("spring.datasource.password", ""),
                        driver,
                        clock.getIfAvailable(Clock::systemUTC));
                reads.start();
                holder.getObject().replica = reads;
                LazyConnectionDataSourceProxy routing = new LazyConnectionDataSourceProxy(primary);
                routing.setReadOnlyDataSource(reads.readOnlyDataSource());
                return routing;
            }
        };
    }

    @Bean
    ReplicaHealthIndicator replicaHealthIndicator(Replica holder) {
        return new ReplicaHealthIndicator(holder);
    }

    @Bean
    MeterBinder replicaMeters(Replica holder) {
        return registry -> {
            Gauge.builder("ezscale.db.replica.lag", holder, h -> {
                        ReadReplica replica = h.get();
                        return replica == null || replica.status().lag() == null
                                ? Double.NaN
                                : replica.status().lag().toMillis() / 1000.0;
                    })
                    .baseUnit("seconds")
                    .description("How far the read replica is behind the primary (NaN: none, or not measured)")
                    .register(registry);
            Gauge.builder(
                            "ezscale.db.replica.in.use",
                            holder,
                            h -> h.get() != null && h.get().status().usable() ? 1 : 0)
                    .description("1 while read-only work goes to the replica, 0 while it goes to the primary")
                    .register(registry);
        };
    }

    /**
     * Health component {@code replica}: UP whatever the replica does (reads fall back to the
     * primary), with where reads go, the lag and why; a node is never taken out for its replica.
     */
    public static final class ReplicaHealthIndicator extends AbstractHealthIndicator {
        private final Replica holder;

        ReplicaHealthIndicator(Replica holder) {
            super("replica health check failed");
            this.holder = holder;
        }

        @Override
        protected void doHealthCheck(Health.Builder builder) {
            ReadReplica replica = holder.get();
            if (replica == null) {
                builder.up().withDetail("reads", "primary").withDetail("reason", "no replica configured");
                return;
            }
            ReadReplica.Status s = replica.status();
            builder.up()
                    .withDetail("reads", s.usable() ? "replica" : "primary")
                    .withDetail("reason", s.reason())
                    .withDetail("maxLagSeconds", replica.properties().maxLag().toSeconds());
            if (s.lag() != null) {
                builder.withDetail("lagSeconds", s.lag().toMillis() / 1000.0);
            }
        }
    }
}
