package com.ezscale.billing.usage;

import com.ezscale.billing.invoice.ChargeKind;
import com.ezscale.billing.invoice.UsageCharge;
import com.ezscale.billing.period.BillingPeriod;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Turns an unbilled rating into its usage charges, each with the evidence printed on the line. */
public final class UsageEvidence {

    private UsageEvidence() {}

    public static List<UsageCharge> charges(UnbilledRating r) {
        List<UsageCharge> charges = new ArrayList<>();
        BillingPeriod period = new BillingPeriod(r.periodStart(), r.periodEndExclusive());
        String when = r.periodStart() + " to " + r.periodEndExclusive().minusDays(1);
        if (r.commitMbps() != null) {
            String evidence = "95th percentile " + when + ": "
                    + r.billedMbps().stripTrailingZeros().toPlainString() + " Mbps ("
                    + r.directionMode().toLowerCase().replace('_', ' ') + "; in "
                    + Percentile95.mbps(r.p95InBytes()).stripTrailingZeros().toPlainString()
                    + ", out "
                    + Percentile95.mbps(r.p95OutBytes()).stripTrailingZeros().toPlainString() + " Mbps; N="
                    + r.activeBuckets()
                    + " five-minute buckets, rank " + (r.rankIndex() + 1) + ", in at "
                    + Instant.ofEpochSecond(r.p95InBucket() * 300) + ")"
                    + " over a " + r.commitMbps().stripTrailingZeros().toPlainString() + " Mbps commit: "
                    + r.overageMbps().stripTrailingZeros().toPlainString() + " Mbps";
            charges.add(new UsageCharge(
                    r.ratedUsageId(),
                    r.subscriptionId(),
                    ChargeKind.USAGE_COMMIT,
                    period,
                    r.revision(),
                    r.currency(),
                    nz(r.commitAmount()),
                    r.billedCommit(),
                    evidence));
        }
        if (r.quotaUnit() != null) {
            String evidence = "Transfer " + when + ": "
                    + r.usedUnits().setScale(2, RoundingMode.HALF_UP).toPlainString() + " "
                    + r.quotaUnit() + " used, "
                    + r.includedUnits().setScale(2, RoundingMode.HALF_UP).toPlainString()
                    + " included, " + r.overageUnits().toPlainString() + " " + r.quotaUnit() + " over";
            charges.add(new UsageCharge(
                    r.ratedUsageId(),
                    r.subscriptionId(),
                    ChargeKind.USAGE_TRANSFER,
                    period,
                    r.revision(),
                    r.currency(),
                    nz(r.transferAmount()),
                    r.billedTransfer(),
                    evidence));
        }
        return charges;
    }

    private static BigDecimal nz(BigDecimal value) {
        return value == null ? BigDecimal.ZERO : value;
    }
}
