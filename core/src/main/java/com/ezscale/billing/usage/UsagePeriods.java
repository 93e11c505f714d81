package com.ezscale.billing.usage;

import com.ezscale.billing.period.BillingPeriod;
import com.ezscale.billing.period.BillingSchedule;
import com.ezscale.billing.subscription.Subscription;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * Which usage periods of a service can be rated at {@code asOf}: those that ended, plus the grace
 * window for late data, by then, within the look-back (older periods are rated already; late data
 * older than that is not re-rated automatically). The active part of a period is where it overlaps
 * the service's life.
 */
public final class UsagePeriods {

    public static final long BUCKETS_PER_DAY = 288;

    private UsagePeriods() {}

    /** A period to rate, with its active part in buckets. */
    public record Window(
            BillingPeriod period,
            long firstBucket,
            long endBucketExclusive,
            long activeFirstBucket,
            long activeEndBucketExclusive) {

        public long periodBuckets() {
            return endBucketExclusive - firstBucket;
        }

        public long activeBuckets() {
            return Math.max(0, activeEndBucketExclusive - activeFirstBucket);
        }
    }

    public static List<Window> closed(
            Subscription service, UsagePeriodKind kind, int graceHours, Instant asOf, int lookBackDays) {
        LocalDate earliestEnd = LocalDate.ofInstant(asOf, ZoneOffset.UTC).minusDays(lookBackDays);
        List<Window> windows = new ArrayList<>();
        for (BillingPeriod p : candidates(service, kind, LocalDate.ofInstant(asOf, ZoneOffset.UTC), lookBackDays)) {
            Instant closes =
                    p.endExclusive().atStartOfDay(ZoneOffset.UTC).toInstant().plusSeconds(3600L * graceHours);
            if (closes.isAfter(asOf) || p.endExclusive().isBefore(earliestEnd)) {
                continue;
            }
            LocalDate activeStart = max(p.start(), service.startDate());
            LocalDate activeEnd =
                    service.endDate() == null ? p.endExclusive() : min(p.endExclusive(), service.endDate());
            if (!activeStart.isBefore(activeEnd)) {
                continue;
            }
            windows.add(
                    new Window(p, bucket(p.start()), bucket(p.endExclusive()), bucket(activeStart), bucket(activeEnd)));
        }
        return windows;
    }

    /**
     * The period running at {@code asOf}, cut at {@code asOf}'s bucket (for thresholds while it is
     * open), or null when the service is not active in it yet.
     */
    public static Window open(Subscription service, UsagePeriodKind kind, Instant asOf) {
        LocalDate today = LocalDate.ofInstant(asOf, ZoneOffset.UTC);
        long now = asOf.getEpochSecond() / 300;
        for (BillingPeriod p : candidates(service, kind, today, 0)) {
            if (p.contains(today)) {
                LocalDate activeStart = max(p.start(), service.startDate());
                long activeEnd = service.endDate() == null ? now : Math.min(now, bucket(service.endDate()));
                long activeFirst = bucket(activeStart);
                if (activeFirst >= activeEnd) {
                    return null;
                }
                return new Window(p, bucket(p.start()), bucket(p.endExclusive()), activeFirst, activeEnd);
            }
        }
        return null;
    }

    private static List<BillingPeriod> candidates(
            Subscription service, UsagePeriodKind kind, LocalDate asOf, int lookBackDays) {
        List<BillingPeriod> periods = new ArrayList<>();
        LocalDate from = asOf.minusDays(lookBackDays + 62L);
        if (kind == UsagePeriodKind.CALENDAR_MONTH) {
            for (YearMonth m = YearMonth.from(max(from, service.startDate()));
                    !m.atDay(1).isAfter(asOf);
                    m = m.plusMonths(1)) {
                periods.add(new BillingPeriod(m.atDay(1), m.plusMonths(1).atDay(1)));
            }
        } else if (service.cycle().isRecurring()) {
            BillingSchedule schedule = service.schedule();
            periods.addAll(schedule.periodsStartingBetween(max(from, service.startDate()), asOf, service.endDate()));
        }
        return periods;
    }

    public static long bucket(LocalDate day) {
        return day.toEpochDay() * BUCKETS_PER_DAY;
    }

    private static LocalDate max(LocalDate a, LocalDate b) {
        return a.isAfter(b) ? a : b;
    }

    private static LocalDate min(LocalDate a, LocalDate b) {
        return a.isBefore(b) ? a : b;
    }
}
