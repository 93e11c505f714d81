package com.ezscale.billing.jobs.rating;

import com.ezscale.billing.rules.BillingRuleViolation;
import com.ezscale.billing.usage.UsagePricing;
import com.ezscale.billing.usage.UsageRater;
import com.ezscale.billing.usage.UsageTerms;
import com.ezscale.billing.usage.UsageThresholds;
import com.ezscale.billing.usage.db.LatestRating;
import com.ezscale.billing.usage.db.RatedUsageRow;
import com.ezscale.billing.usage.db.ThresholdEventRow;
import com.ezscale.billing.usage.db.UsagePriceRow;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.springframework.batch.infrastructure.item.ItemProcessor;

/**
 * Rates a service's closed periods. A period rated before is rated again only when its samples
 * changed (late data, a backfill): the new revision then carries the new numbers. A service whose
 * terms cannot be priced in its customer's currency is parked with the reason.
 */
public class RatingProcessor implements ItemProcessor<RatingInput, RatingOutcome> {

    private final List<UsagePriceRow> prices;
    private final Clock clock;
    private final io.micrometer.core.instrument.Timer computeTimer;

    public RatingProcessor(List<UsagePriceRow> prices, Clock clock, io.micrometer.core.instrument.MeterRegistry meters) {
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
        List<RatedUsageRow> rows = new ArrayList<>();
        List<ThresholdEventRow> thresholds = new ArrayList<>();
        List<RatingInput.Period> watched = new ArrayList<>(input.periods());
        if (input.open() != null) {
            watched.add(input.open());
        }
        for (RatingInput.Period period : watched) {
            for (UsageThresholds.Event e : UsageThresholds.crossed(period.window(), period.series(), terms)) {
                thresholds.add(new ThresholdEventRow(input.service().subscriptionId(), period.window().period().start(), e.measure(),
                        e.levelPercent(), e.observed(), e.threshold(), clock.instant()));
            }
        }
        for (RatingInput.Period period : input.periods()) {
            String fingerprint = period.fingerprint();
            LatestRating latest = input.latest().get(period.window().period().start());
            if (latest != null && latest.samplesFingerprint().equals(fingerprint)) {
                continue;
            }
            UsageRater.Rating rating = UsageRater.rate(period.window(), period.series(), terms);
            rows.add(RatedUsageRow.of(input.service().subscriptionId(), latest == null ? 0 : latest.revision() + 1,
                    input.service().currency(), rating, fingerprint, clock.instant()));
        }
        return rows.isEmpty() && thresholds.isEmpty() ? null : RatingOutcome.rated(input.service().customerId(), rows, thresholds);
    }
}
