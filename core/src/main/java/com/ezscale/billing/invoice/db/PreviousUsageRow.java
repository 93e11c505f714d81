package com.ezscale.billing.invoice.db;

import java.math.BigDecimal;

public record PreviousUsageRow(long ratedUsageId, String chargeKind, BigDecimal amount) {}
