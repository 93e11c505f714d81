package com.ezscale.billing.jobs.rating;

import com.ezscale.billing.app.usage.UsageReads;
import com.ezscale.billing.jobs.batch.KeysetPageReader;
import com.ezscale.billing.usage.RatableService;
import com.ezscale.billing.usage.UsagePeriods;
import com.ezscale.billing.usage.UsageRating;
import com.ezscale.billing.usage.UsageSeries;
import com.ezscale.billing.usage.db.LatestRating;
import com.ezscale.billing.usage.db.RatingMapper;
import com.ezscale.billing.usage.db.ThresholdEventRow;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Services with usage terms in keyset pages; for each, the usage periods closed by {@code asOf}
 * (plus grace) whose usage changed since they were last rated (compared by its fingerprint, {@link
 * UsageReads#fingerprint}), and the period still open so far, for thresholds. A page's usage (its
 * services' day rows and samples over the span of their windows) is read in two statements, and
 * each window is cut from what they returned.
 */
public class RatableServiceReader extends KeysetPageReader<RatingInput> {

    private final RatingMapper ratings;
    private final UsageReads usage;
    private final Timer readTimer;
    private final Instant asOf;
    private final int lookBackDays;
    private final int pageSize;
    private final Long lastIdOfRange;

    /** The context key of the last service read; a partition starts with its range's lower bound in it. */
    public static final String LAST_SUBSCRIPTION = "lastSubscriptionId";

    /** {@code lastIdOfRange}: the last service id of a partition's range (null: no end). */
    public RatableServiceReader(
            RatingMapper ratings,
            UsageReads usage,
            Instant asOf,
            int lookBackDays,
            int pageSize,
            Long lastIdOfRange,
            MeterRegistry meters) {
        super(LAST_SUBSCRIPTION);
        this.lastIdOfRange = lastIdOfRange;
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
        List<RatableService> services = ratings.selectRatablePage(afterId, lastIdOfRange, pageSize);
        if (services.isEmpty()) {
            return List.of();
        }
        Map<Long, Map<LocalDate, LatestRating>> latest = new HashMap<>();
        for (LatestRating r : ratings.selectLatestRatings(
                services.stream().map(RatableService::subscriptionId).toList())) {
            latest.computeIfAbsent(r.subscriptionId(), k -> new HashMap<>()).put(r.periodStart(), r);
        }
        Map<Long, Set<String>> recorded = new HashMap<>();
        for (ThresholdEventRow e : ratings.selectThresholdEventsOf(
                services.stream().map(RatableService::subscriptionId).toList())) {
            recorded.computeIfAbsent(e.subscriptionId(), k -> new HashSet<>())
                    .add(RatingInput.thresholdKey(e.periodStart(), e.measure(), e.levelPercent()));
        }
        // every service's windows first, so the page's usage is read in two statements
        Map<Long, List<UsagePeriods.Window>> closed = new HashMap<>();
        Map<Long, UsagePeriods.Window> open = new HashMap<>();
        long from = Long.MAX_VALUE;
        long to = Long.MIN_VALUE;
        for (RatableService service : services) {
            List<UsagePeriods.Window> windows = UsagePeriods.closed(
                    service.subscription(), service.usagePeriod(), service.graceHours(), asOf, lookBackDays);
            UsagePeriods.Window current = UsagePeriods.open(service.subscription(), service.usagePeriod(), asOf);
            closed.put(service.subscriptionId(), windows);
            open.put(service.subscriptionId(), current);
            List<UsagePeriods.Window> all = new ArrayList<>(windows);
            if (current != null) {
                all.add(current);
            }
            for (UsagePeriods.Window w : all) {
                from = Math.min(from, w.activeFirstBucket());
                to = Math.max(to, w.activeEndBucketExclusive());
            }
        }
        UsageReads.Prefetched usage = from < to
                ? this.usage.prefetch(
                        services.stream().map(RatableService::subscriptionId).toList(), from, to)
                : this.usage.prefetch(List.of(), 0, 0);
        List<RatingInput> page = new ArrayList<>(services.size());
        for (RatableService service : services) {
            long id = service.subscriptionId();
            List<UsageRating.PeriodSamples> periods = new ArrayList<>();
            Map<LocalDate, LatestRating> rated = latest.getOrDefault(id, Map.of());
            for (UsagePeriods.Window w : closed.get(id)) {
                // decoded once: the fingerprint is taken from the series the rating would use
                UsageSeries series = usage.series(id, w.activeFirstBucket(), w.activeEndBucketExclusive());
                String fingerprint = UsageReads.fingerprint(series);
                LatestRating before = rated.get(w.period().start());
                if (before != null && before.samplesFingerprint().equals(fingerprint)) {
                    continue; // rated from this very usage already
                }
                periods.add(new UsageRating.PeriodSamples(w, series, fingerprint));
            }
            UsagePeriods.Window current = open.get(id);
            UsageRating.PeriodSamples openPeriod = current == null
                    ? null
                    : new UsageRating.PeriodSamples(
                            current,
                            usage.series(id, current.activeFirstBucket(), current.activeEndBucketExclusive()),
                            null);
            page.add(new RatingInput(service, periods, rated, openPeriod, recorded.getOrDefault(id, Set.of())));
        }
        return page;
    }

    @Override
    protected long idOf(RatingInput item) {
        return item.service().subscriptionId();
    }
}
