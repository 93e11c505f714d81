package com.ezscale.billing.discount;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;

/**
 * Loyalty: a percent by tenure of the customer's oldest active service (default 12 months 5%,
 * 24 months 10%, 36 months 15%, 60 months 20%), measured at the start of the period billed.
 */
public final class LoyaltyTiers {

    /** From {@code minMonths} of tenure on, {@code percent} off. */
    public record Tier(int minMonths, BigDecimal percent) {}

    private final List<Tier> tiers;

    public LoyaltyTiers(List<Tier> tiers) {
        this.tiers = tiers.stream()
                .sorted(Comparator.comparingInt(Tier::minMonths).reversed())
                .toList();
    }

    public static LoyaltyTiers defaults() {
        return new LoyaltyTiers(List.of(
                new Tier(12, new BigDecimal("5")),
                new Tier(24, new BigDecimal("10")),
                new Tier(36, new BigDecimal("15")),
                new Tier(60, new BigDecimal("20"))));
    }

    /** Whole months from {@code customerSince} to {@code on}; 0 if {@code customerSince} is null or later. */
    public static long tenureMonths(LocalDate customerSince, LocalDate on) {
        if (customerSince == null || customerSince.isAfter(on)) {
            return 0;
        }
        return ChronoUnit.MONTHS.between(customerSince, on);
    }

    /** The percent for a tenure (0 below the first tier). */
    public BigDecimal percentFor(LocalDate customerSince, LocalDate on) {
        long months = tenureMonths(customerSince, on);
        return tiers.stream()
                .filter(t -> months >= t.minMonths())
                .map(Tier::percent)
                .findFirst()
                .orElse(BigDecimal.ZERO);
    }
}
