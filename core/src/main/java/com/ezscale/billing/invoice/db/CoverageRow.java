package com.ezscale.billing.invoice.db;

import com.ezscale.billing.invoice.ChargeKind;
import com.ezscale.billing.invoice.CustomerBillingInput;
import com.ezscale.billing.invoice.ProrationReconciler;
import com.ezscale.billing.period.BillingPeriod;
import java.time.LocalDate;

public record CoverageRow(
        long subscriptionId,
        ChargeKind chargeKind,
        LocalDate periodStart,
        LocalDate periodEndExclusive,
        int revision,
        long planId,
        LocalDate coversFrom,
        LocalDate coversUntil) {

    public CustomerBillingInput.PlanHistory.Coverage toCoverage() {
        return new CustomerBillingInput.PlanHistory.Coverage(
                subscriptionId,
                new ProrationReconciler.BilledLine(
                        chargeKind,
                        new BillingPeriod(periodStart, periodEndExclusive),
                        revision,
                        planId,
                        coversFrom,
                        coversUntil));
    }
}
