package com.ezscale.billing.jobs.batch;

import java.time.LocalDate;

/**
 * The running job's business date ({@code asOf}) and, for a run restricted to one customer, that
 * customer: read from the job's parameters once ({@link BatchConfiguration#businessDate}), injected
 * into every step that needs them (a job-scoped proxy: each execution sees its own).
 */
public class BusinessDate {

    private final LocalDate asOf;
    private final Long customerId;

    public BusinessDate(LocalDate asOf, Long customerId) {
        this.asOf = asOf;
        this.customerId = customerId;
    }

    public LocalDate asOf() {
        return asOf;
    }

    /** The one customer of a run for one customer; null for a run over everyone. */
    public Long customerId() {
        return customerId;
    }
}
