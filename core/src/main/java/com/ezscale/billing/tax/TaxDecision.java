package com.ezscale.billing.tax;

import java.math.BigDecimal;
import java.util.Objects;

/** The tax applied to a customer's invoice: the mode, the rate's name and percent, the note printed on it. */
public record TaxDecision(TaxMode mode, String name, BigDecimal ratePercent, String note) {

    public TaxDecision {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(ratePercent, "ratePercent");
    }

    public static TaxDecision none() {
        return new TaxDecision(TaxMode.NONE, null, BigDecimal.ZERO, null);
    }

    /** Whether the invoice lists a tax row (every mode but NONE does: EU invoices show 0% rows with their reason). */
    public boolean showsTax() {
        return mode != TaxMode.NONE;
    }
}
