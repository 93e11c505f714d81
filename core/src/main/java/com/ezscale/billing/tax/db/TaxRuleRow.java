package com.ezscale.billing.tax.db;

import com.ezscale.billing.tax.TaxRule;
import java.math.BigDecimal;
import java.time.LocalDate;

public record TaxRuleRow(
        String country, String region, String name, BigDecimal rate, LocalDate validFrom, LocalDate validUntil) {

    public TaxRule toRule() {
        return new TaxRule(country, region, name, rate, validFrom, validUntil);
    }
}
