package com.ezscale.billing.report.db;

import java.math.BigDecimal;
import java.time.LocalDate;

/** A customer's MRR in one currency on a snapshot day. */
public record MrrRow(LocalDate asOf, long customerId, String currency, BigDecimal mrr) {}
