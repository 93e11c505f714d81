package com.ezscale.billing.app.ops;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * The operator's gauges, read from {@link OpsStatus} (cached): {@code ezscale.outbox.rows} per
 * channel and status (PENDING, EXHAUSTED), {@code ezscale.nightly.healthy} (1 when the nightly
 * that should have completed has), and {@code ezscale.nightly.last.asof} (the asOf of the latest
 * nightly execution, epoch seconds at its midnight UTC).
 */
@Component
public class OpsMetrics implements MeterBinder {

    static final List<String> CHANNELS = List.of("EMAIL", "PANEL", "ALERT", "WEBHOOK");

    private final OpsStatus status;

    public OpsMetrics(OpsStatus status) {
        this.status = status;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (String channel : CHANNELS) {
            for (String state : List.of("PENDING", "EXHAUSTED")) {
                Gauge.builder("ezscale.outbox.rows", status, s -> s.snapshot().outbox(channel, state))
                        .description("Outbox rows not done, by channel and status")
                        .tag("channel", channel)
                        .tag("status", state)
                        .register(registry);
            }
        }
        Gauge.builder(
                        "ezscale.nightly.healthy",
                        status,
                        s -> s.snapshot().nightly().healthy() ? 1 : 0)
                .description("1 when the nightly run due by now has completed, else 0")
                .register(registry);
        Gauge.builder(
                        "ezscale.nightly.last.asof",
                        status,
                        s -> s.snapshot()
                                .nightly()
                                .latest()
                                .map(r -> r.asOf() == null
                                        ? Double.NaN
                                        : (double) LocalDate.parse(r.asOf())
                                                .atStartOfDay()
                                                .toEpochSecond(ZoneOffset.UTC))
                                .orElse(Double.NaN))
                .description("asOf of the latest nightly execution (epoch seconds)")
                .baseUnit("seconds")
                .register(registry);
    }
}
