package com.ezscale.billing.jobs.rating;

import com.ezscale.billing.rules.BillingRuleViolation;
import com.ezscale.billing.usage.UsagePrice;
import com.ezscale.billing.usage.UsagePricing;
import com.ezscale.billing.usage.UsageRating;
import com.ezscale.billing.usage.UsageTerms;
import com.ezscale.billing.usage.db.RatedUsageRow;
import com.ezscale.billing.usage.db.ThresholdEventRow;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.batch.infrastructure.item.ItemProcessor;

/**
 * The rating step's processor: prices the service's terms ({@link UsagePricing}) and hands its
 * periods to {@link UsageRating#decide}; a service whose terms cannot be priced in its customer's
 * currency is parked with the reason.
 */
public class RatingProcessor implements ItemProcessor<RatingInput, RatingOutcome> {

    private final List<UsagePrice> prices;
    private final Clock clock;
    private final Timer computeTimer;

    public RatingProcessor(List<UsagePrice> prices, Clock clock, MeterRegistry meters) {
        this.prices = prices;
        this.clock = clock;
        this.computeTimer = meters.timer("ezscale.rating.compute");
    }

    @Override
    public RatingOutcome process(RatingInput input) {
        return computeTimer.record(() -> rate(input));
    }

    private RatingOutcome rate(RatingInput input) {
        UsageTerms terms;
        try {
            terms = UsagePricing.terms(input.service(), prices);
        } catch (BillingRuleViolation violation) {
            return RatingOutcome.parked(input.service().customerId(), violation.getMessage());
        }
        Map<LocalDate, UsageRating.Latest> latest = new HashMap<>();
        input.latest()
                .forEach((start, l) -> latest.put(start, new UsageRating.Latest(l.revision(), l.samplesFingerprint())));
        UsageRating.Decision decision = UsageRating.decide(input.periods(), input.open(), latest, terms);
        long service = input.service().subscriptionId();
        List<RatedUsageRow> rows = decision.ratings().stream()
                .map(r -> RatedUsageRow.of(
                        service,
                        r.revision(),
                        input.service().currency(),
                        r.rating(),
                        r.fingerprint(),
                        clock.instant()))
                .toList();
        List<ThresholdEventRow> thresholds = decision.thresholds().stream()
                .filter(t -> !input.thresholdsRecorded()
                        .contains(RatingInput.thresholdKey(
                                t.periodStart(), t.event().measure(), t.event().levelPercent())))
                .map(t -> new ThresholdEventRow(
                        service,
                        t.periodStart(),
                        t.event().measure(),
                        t.event().levelPercent(),
                        t.event().observed(),
                        t.event().threshold(),
                        clock.instant()))
                .toList();
        return rows.isEmpty() && thresholds.isEmpty()
                ? null
                : RatingOutcome.rated(
                        input.service().customerId(),
                        rows,
                        thresholds,
                        input.service().quotaUnit());
    }
}
