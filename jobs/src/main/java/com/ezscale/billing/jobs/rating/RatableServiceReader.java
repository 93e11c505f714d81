package com.ezscale.billing.jobs.rating;

import com.ezscale.billing.app.usage.UsageReads;
import com.ezscale.billing.jobs.batch.KeysetPageReader;
import com.ezscale.billing.usage.RatableService;
import com.ezscale.billing.usage.UsagePeriods;
import com.ezscale.billing.usage.UsageRating;
import com.ezscale.billing.usage.UsageSeries;
import com.ezscale.billing.usage.db.LatestRating;
import com.ezscale.billing.usage.db.RatingMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Services with usage terms in keyset pages; for each, the usage periods closed by {@code asOf}
 * (plus grace) whose samples changed since they were last rated (compared by a fingerprint of their
 * totals, {@link UsageReads#fingerprint}), with those samples read as one range of each table, and the period
 * still open so far, for thresholds.
 */
public class RatableServiceReader extends KeysetPageReader<RatingInput> {

    private final RatingMapper ratings;
    private final UsageReads usage;
    private final Timer readTimer;
    private final Instant asOf;
    private final int lookBackDays;
    private final int pageSize;

    public RatableServiceReader(
            RatingMapper ratings,
            UsageReads usage,
            Instant asOf,
            int lookBackDays,
            int pageSize,
            MeterRegistry meters) {
        super("lastSubscriptionId");
        this.readTimer = meters.timer("ezscale.rating.read");
        this.ratings = ratings;
        this.usage = usage;
        this.asOf = asOf;
        this.lookBackDays = lookBackDays;
        this.pageSize = pageSize;
    }

    @Override
    protected List<RatingInput> fetchPage(long afterId) {
        return readTimer.record(() -> page(afterId));
    }

    private List<RatingInput> page(long afterId) {
        List<RatableService> services = ratings.selectRatablePage(afterId, pageSize);
        if (services.isEmpty()) {
            return List.of();
        }
        Map<Long, Map<LocalDate, LatestRating>> latest = new HashMap<>();
        for (LatestRating r : ratings.selectLatestRatings(
                services.stream().map(RatableService::subscriptionId).toList())) {
            latest.computeIfAbsent(r.subscriptionId(), k -> new HashMap<>()).put(r.periodStart(), r);
        }
        List<RatingInput> page = new ArrayList<>(services.size());
        for (RatableService service : services) {
            List<UsageRating.PeriodSamples> periods = new ArrayList<>();
            Map<LocalDate, LatestRating> rated = latest.getOrDefault(service.subscriptionId(), Map.of());
            for (UsagePeriods.Window w : UsagePeriods.closed(
                    service.subscription(), service.usagePeriod(), service.graceHours(), asOf, lookBackDays)) {
                String fingerprint = usage.fingerprint(
                        service.subscriptionId(), w.activeFirstBucket(), w.activeEndBucketExclusive());
                LatestRating before = rated.get(w.period().start());
                if (before != null && before.samplesFingerprint().equals(fingerprint)) {
                    continue; // rated from these very samples already: not read again
                }
                periods.add(new UsageRating.PeriodSamples(w, series(service, w), fingerprint));
            }
            UsagePeriods.Window open = UsagePeriods.open(service.subscription(), service.usagePeriod(), asOf);
            UsageRating.PeriodSamples openPeriod =
                    open == null ? null : new UsageRating.PeriodSamples(open, series(service, open), null);
            page.add(new RatingInput(service, periods, rated, openPeriod));
        }
        return page;
    }

    private UsageSeries series(RatableService service, UsagePeriods.Window w) {
        return usage.series(service.subscriptionId(), w.activeFirstBucket(), w.activeEndBucketExclusive());
    }

    @Override
    protected long idOf(RatingInput item) {
        return item.service().subscriptionId();
    }
}
