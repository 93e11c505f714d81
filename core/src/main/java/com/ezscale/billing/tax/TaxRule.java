package com.ezscale.billing.tax;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Objects;

/** A tax rate for a country, or one region of it ({@code region} empty = the whole country), over a date range. */
public record TaxRule(
        String country, String region, String name, BigDecimal ratePercent, LocalDate validFrom, LocalDate validUntil) {

    public TaxRule {
        Objects.requireNonNull(country, "country");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(ratePercent, "ratePercent");
        region = region == null ? "" : region;
        validFrom = validFrom == null ? LocalDate.of(2000, 1, 1) : validFrom;
        if (ratePercent.signum() < 0 || ratePercent.compareTo(BigDecimal.valueOf(100)) >= 0) {
            throw new IllegalArgumentException("tax rate must be in [0, 100): " + ratePercent);
        }
    }

    public boolean validOn(LocalDate date) {
        return !date.isBefore(validFrom) && (validUntil == null || date.isBefore(validUntil));
    }
}
