package com.ezscale.billing.jobs.collection;

import com.ezscale.billing.dunning.DunningSchedule;
import com.ezscale.billing.money.Money;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Currency;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/** {@code ezscale.collection.*}: the ladder's days, the outbox's retries, the admins' alerts; see conf/application.yml. */
@Validated
@ConfigurationProperties(prefix = "ezscale.collection", ignoreUnknownFields = false)
public record CollectionProperties(
        @DefaultValue({"0", "1", "3", "7"}) List<Integer> attemptDays,
        @DefaultValue("7") int reminderDaysBefore,
        @DefaultValue({"1", "7", "14"}) List<Integer> overdueNoticeDays,
        @Min(0) @DefaultValue("5") int lateFeeDay,

        @DecimalMin("0") @DecimalMax("100") @DefaultValue("10")
        BigDecimal lateFeePercent,

        Map<String, BigDecimal> lateFeeMinimum,
        @DefaultValue("2") int suspensionWarningDaysBefore,
        @DefaultValue("5") int suspendDay,
        @DefaultValue("30") int terminateDay,
        @Min(1) @Max(100_000) @DefaultValue("2000") int chunkSize,
        @Min(1) @DefaultValue("6") int outboxMaxAttempts,

        @DefaultValue({"PT1M", "PT5M", "PT30M", "PT2H", "PT12H"})
        List<Duration> outboxBackoff,

        @DefaultValue("billing@ezscale.example") String mailFrom,
        String adminEmail,
        String discordWebhookUrl,
        @DefaultValue("") String portalUrl) {

    public DunningSchedule schedule() {
        Map<Currency, BigDecimal> minimum = new HashMap<>();
        if (lateFeeMinimum != null) {
            lateFeeMinimum.forEach((code, amount) -> minimum.put(Money.currency(code), amount));
        }
        return new DunningSchedule(
                attemptDays,
                reminderDaysBefore,
                overdueNoticeDays,
                lateFeeDay,
                lateFeePercent,
                minimum,
                suspensionWarningDaysBefore,
                suspendDay,
                terminateDay);
    }

    /** The wait after the n-th failure (1-based); the last step repeats. */
    public Duration backoff(int failures) {
        return outboxBackoff.get(Math.min(failures, outboxBackoff.size()) - 1);
    }
}
