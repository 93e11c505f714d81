package com.ezscale.billing.app.usage;

import com.ezscale.billing.period.BillingPeriod;
import com.ezscale.billing.persistence.replica.ReplicaReads;
import com.ezscale.billing.rules.BillingRuleViolation;
import com.ezscale.billing.usage.Percentile95;
import com.ezscale.billing.usage.RatableService;
import com.ezscale.billing.usage.UsagePeriods;
import com.ezscale.billing.usage.UsagePricing;
import com.ezscale.billing.usage.UsageRater;
import com.ezscale.billing.usage.UsageSeries;
import com.ezscale.billing.usage.UsageTerms;
import com.ezscale.billing.usage.db.RatedUsageRow;
import com.ezscale.billing.usage.db.RatingMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import org.springframework.stereotype.Service;

/**
 * A service's usage statement for a calendar month, as the {@code usage} command prints it and the
 * customer portal draws it: the 5-minute series of the active part of the month, its rating (the
 * 95th percentile with its rank bucket, commit overage, transfer quota) computed by the same rules
 * as the bill, and the ratings stored when it was billed.
 */
@Service
public class UsageStatements {

    /** One month of one service. */
    public record Statement(
            RatableService service,
            UsageTerms terms,
            YearMonth period,
            LocalDate activeStart,
            LocalDate activeEndExclusive,
            UsagePeriods.Window window,
            UsageSeries series,
            UsageRater.Rating rating,
            List<RatedUsageRow> stored) {

        /** The 5-minute series as CSV, the dropped top 5 % of each direction marked. */
        public void writeCsv(Appendable out) {
            boolean[] inDropped = Percentile95.dropped(series.bytesIn());
            boolean[] outDropped = Percentile95.dropped(series.bytesOut());
            try {
                out.append(
                        "bucket_start_utc,bytes_in,bytes_out,mbps_in,mbps_out,in_dropped_top_5pct,out_dropped_top_5pct\n");
                for (int i = 0; i < series.length(); i++) {
                    out.append(Instant.ofEpochSecond((series.firstBucket() + i) * 300)
                                    .toString())
                            .append(',')
                            .append(Long.toString(series.bytesIn()[i]))
                            .append(',')
                            .append(Long.toString(series.bytesOut()[i]))
                            .append(',')
                            .append(Percentile95.mbps(series.bytesIn()[i]).toPlainString())
                            .append(',')
                            .append(Percentile95.mbps(series.bytesOut()[i]).toPlainString())
                            .append(',')
                            .append(Boolean.toString(inDropped[i]))
                            .append(',')
                            .append(Boolean.toString(outDropped[i]))
                            .append('\n');
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** Bytes in and out per UTC day of the active part of the month: {@code [day index][0 in, 1 out]}. */
        public long[][] daily() {
            int days = (int) (activeEndExclusive.toEpochDay() - activeStart.toEpochDay());
            long[][] totals = new long[days][2];
            long dayBuckets = 288;
            long firstDay = activeStart.toEpochDay();
            for (int i = 0; i < series.length(); i++) {
                int day = (int) ((series.firstBucket() + i) / dayBuckets - firstDay);
                totals[day][0] += series.bytesIn()[i];
                totals[day][1] += series.bytesOut()[i];
            }
            return totals;
        }
    }

    private final RatingMapper ratings;
    private final UsageReads usage;
    private final ReplicaReads reads;

    public UsageStatements(RatingMapper ratings, UsageReads usage, ReplicaReads reads) {
        this.ratings = ratings;
        this.usage = usage;
        this.reads = reads;
    }

    /**
     * The statement of {@code serviceId} for {@code period}; refused when it has no usage terms or
     * was not active. Read-only: served by the read replica when one is configured and within its bound.
     */
    public Statement statement(long serviceId, YearMonth period) {
        return reads.read(() -> read(serviceId, period));
    }

    private Statement read(long serviceId, YearMonth period) {
        if (period == null) {
            throw new BillingRuleViolation("period: a month, YYYY-MM");
        }
        List<RatableService> found = ratings.selectRatablePage(serviceId - 1, 1);
        if (found.isEmpty() || found.get(0).subscriptionId() != serviceId) {
            throw new BillingRuleViolation("service " + serviceId + " does not exist or its plan has no usage terms");
        }
        RatableService s = found.get(0);
        UsageTerms terms = UsagePricing.terms(s, ratings.selectUsagePrices());
        LocalDate start = period.atDay(1);
        LocalDate end = period.plusMonths(1).atDay(1);
        LocalDate activeStart = start.isBefore(s.startDate()) ? s.startDate() : start;
        LocalDate activeEnd = s.endDate() != null && s.endDate().isBefore(end) ? s.endDate() : end;
        if (!activeStart.isBefore(activeEnd)) {
            throw new BillingRuleViolation("service " + serviceId + " was not active in " + period);
        }
        UsagePeriods.Window window = new UsagePeriods.Window(
                new BillingPeriod(start, end),
                UsagePeriods.bucket(start),
                UsagePeriods.bucket(end),
                UsagePeriods.bucket(activeStart),
                UsagePeriods.bucket(activeEnd));
        UsageSeries series = usage.series(serviceId, window.activeFirstBucket(), window.activeEndBucketExclusive());
        UsageRater.Rating rating = UsageRater.rate(window, series, terms);
        List<RatedUsageRow> stored = ratings.selectRatings(serviceId).stream()
                .filter(r -> r.periodStart().equals(start))
                .toList();
        return new Statement(s, terms, period, activeStart, activeEnd, window, series, rating, stored);
    }
}
