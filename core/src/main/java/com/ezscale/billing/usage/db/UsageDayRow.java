package com.ezscale.billing.usage.db;

import com.ezscale.billing.usage.UsageDay;
import java.time.LocalDate;

/** A service's closed day of usage: its totals and its 288 in and out counters in {@link UsageDay}'s encoding. */
public record UsageDayRow(
        long subscriptionId, LocalDate day, int buckets, long bytesIn, long bytesOut, long weighted, byte[] counters) {

    /** The row for a day's counters (288 each). */
    public static UsageDayRow of(long subscriptionId, LocalDate day, long[] in, long[] out) {
        UsageDay.Totals t = UsageDay.totals(in, out);
        return new UsageDayRow(
                subscriptionId, day, t.buckets(), t.bytesIn(), t.bytesOut(), t.weighted(), UsageDay.encode(in, out));
    }

    public UsageDay.Totals totals() {
        return new UsageDay.Totals(buckets, bytesIn, bytesOut, weighted);
    }
}
