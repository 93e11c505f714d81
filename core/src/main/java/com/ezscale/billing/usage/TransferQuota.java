package com.ezscale.billing.usage;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Objects;

/**
 * A transfer quota: included volume (GB = 10^9 bytes, or GiB = 2^30 per product), which directions
 * count, and graduated overage tiers. The included volume is prorated by the active fraction of
 * the period; overage = max(0, used − included), rounded up to 0.01 unit, priced tier by tier.
 */
public record TransferQuota(BigDecimal included, Unit unit, Counted counted, List<Tier> tiers) {

    public enum Unit {
        GB(1_000_000_000L),
        GIB(1L << 30);

        private final long bytes;

        Unit(long bytes) {
            this.bytes = bytes;
        }

        public long bytes() {
            return bytes;
        }
    }

    public enum Counted {
        IN_AND_OUT,
        IN_ONLY,
        OUT_ONLY
    }

    /** Overage units up to {@code upTo} (cumulative; null: no limit) cost {@code pricePerUnit} each. */
    public record Tier(BigDecimal upTo, BigDecimal pricePerUnit) {

        public Tier {
            Objects.requireNonNull(pricePerUnit, "pricePerUnit");
        }
    }

    /** What a period used and what its overage costs before money rounding (that happens once, on the invoice line). */
    public record Result(
            long countedBytes,
            BigDecimal usedUnits,
            BigDecimal includedUnits,
            BigDecimal overageUnits,
            BigDecimal amount) {}

    public TransferQuota {
        Objects.requireNonNull(included, "included");
        Objects.requireNonNull(unit, "unit");
        Objects.requireNonNull(counted, "counted");
        tiers = List.copyOf(tiers);
        if (tiers.isEmpty()) {
            throw new IllegalArgumentException("a quota needs an overage price (at least one tier)");
        }
        for (int i = 0; i < tiers.size() - 1; i++) {
            if (tiers.get(i).upTo() == null) {
                throw new IllegalArgumentException("only the last tier may be unlimited");
            }
        }
    }

    /** A single overage price. */
    public static TransferQuota flat(BigDecimal included, Unit unit, Counted counted, BigDecimal pricePerUnit) {
        return new TransferQuota(included, unit, counted, List.of(new Tier(null, pricePerUnit)));
    }

    /** Rates a period where the service was active {@code activeBuckets} of {@code periodBuckets}. */
    public Result rate(long bytesIn, long bytesOut, long activeBuckets, long periodBuckets) {
        long counted = switch (this.counted) {
            case IN_AND_OUT -> Math.addExact(bytesIn, bytesOut);
            case IN_ONLY -> bytesIn;
            case OUT_ONLY -> bytesOut;
        };
        BigDecimal used =
                BigDecimal.valueOf(counted).divide(BigDecimal.valueOf(unit.bytes()), 12, RoundingMode.HALF_UP);
        BigDecimal includedNow = included.multiply(BigDecimal.valueOf(activeBuckets))
                .divide(BigDecimal.valueOf(periodBuckets), 12, RoundingMode.HALF_UP);
        BigDecimal overage = used.subtract(includedNow).max(BigDecimal.ZERO).setScale(2, RoundingMode.CEILING);
        return new Result(counted, used, includedNow, overage, price(overage));
    }

    private BigDecimal price(BigDecimal overage) {
        BigDecimal amount = BigDecimal.ZERO;
        BigDecimal priced = BigDecimal.ZERO;
        for (Tier tier : tiers) {
            if (priced.compareTo(overage) >= 0) {
                break;
            }
            BigDecimal top = tier.upTo() == null ? overage : tier.upTo().min(overage);
            BigDecimal units = top.subtract(priced).max(BigDecimal.ZERO);
            amount = amount.add(units.multiply(tier.pricePerUnit()));
            priced = priced.max(top);
        }
        return amount;
    }
}
