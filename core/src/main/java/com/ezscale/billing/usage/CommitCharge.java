package com.ezscale.billing.usage;

import java.math.BigDecimal;

/**
 * A committed rate: overage = max(0, billed 95th percentile − commit) × price per Mbps. The commit
 * is a rate and is not prorated for a partial period (the fixed fee for it is).
 */
public record CommitCharge(BigDecimal commitMbps, BigDecimal pricePerMbps) {

    public record Result(BigDecimal billedMbps, BigDecimal commitMbps, BigDecimal overageMbps, BigDecimal amount) {}

    public Result rate(BigDecimal billedMbps) {
        BigDecimal overage = billedMbps.subtract(commitMbps).max(BigDecimal.ZERO);
        return new Result(billedMbps, commitMbps, overage, overage.multiply(pricePerMbps));
    }
}
