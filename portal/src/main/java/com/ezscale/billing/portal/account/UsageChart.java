package com.ezscale.billing.portal.account;

import com.ezscale.billing.app.usage.UsageStatements;
import com.ezscale.billing.usage.Percentile95;
import com.ezscale.billing.usage.TransferQuota;
import com.ezscale.billing.usage.UsageSeries;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/**
 * A service's month of usage as the usage page draws it and the API returns it: the bytes in and
 * out of each 5-minute bucket (bucket i starts at {@code firstBucketEpochSecond + i * bucketSeconds};
 * its rate in Mbps is bytes x 8 / 300 / 10^6, as the percentile counts it), the
 * indexes of the dropped top 5 % of each direction, the 95th percentile and commit, and the
 * transfer per UTC day (in the quota's unit, counted as the quota counts) against the quota.
 */
public record UsageChart(
        long firstBucketEpochSecond,
        int bucketSeconds,
        long[] bytesIn,
        long[] bytesOut,
        int[] droppedIn,
        int[] droppedOut,
        String mode,
        BigDecimal p95InMbps,
        BigDecimal p95OutMbps,
        BigDecimal billedMbps,
        BigDecimal commitMbps,
        List<String> days,
        List<BigDecimal> dailyUnits,
        String quotaUnit,
        BigDecimal quotaUnits) {

    public static UsageChart of(UsageStatements.Statement st) {
        UsageSeries series = st.series();
        Percentile95.Result p = st.rating().percentile();
        TransferQuota quota = st.terms().quota();
        TransferQuota.Unit unit = quota == null ? TransferQuota.Unit.GB : quota.unit();
        BigDecimal perUnit = BigDecimal.valueOf(unit.bytes());
        List<String> days = new ArrayList<>();
        List<BigDecimal> daily = new ArrayList<>();
        long[][] totals = st.daily();
        for (int d = 0; d < totals.length; d++) {
            days.add(st.activeStart().plusDays(d).toString());
            long bytes = quota == null
                    ? totals[d][0] + totals[d][1]
                    : switch (quota.counted()) {
                        case IN_ONLY -> totals[d][0];
                        case OUT_ONLY -> totals[d][1];
                        case IN_AND_OUT -> totals[d][0] + totals[d][1];
                    };
            daily.add(BigDecimal.valueOf(bytes).divide(perUnit, 3, RoundingMode.HALF_UP));
        }
        return new UsageChart(
                series.firstBucket() * 300,
                300,
                series.bytesIn(),
                series.bytesOut(),
                indexes(Percentile95.dropped(series.bytesIn())),
                indexes(Percentile95.dropped(series.bytesOut())),
                p.mode().name(),
                p.p95InMbps(),
                p.p95OutMbps(),
                p.billedMbps(),
                st.terms().commitMbps(),
                days,
                daily,
                unit.name(),
                st.rating().transfer() == null ? null : st.rating().transfer().includedUnits());
    }

    private static int[] indexes(boolean[] flags) {
        int n = 0;
        for (boolean f : flags) {
            n += f ? 1 : 0;
        }
        int[] indexes = new int[n];
        for (int i = 0, k = 0; i < flags.length; i++) {
            if (flags[i]) {
                indexes[k++] = i;
            }
        }
        return indexes;
    }
}
