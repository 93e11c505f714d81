package com.ezscale.billing.report.db;

import java.math.BigDecimal;

/** Revenue invoiced by a day (net of credit notes) for service days still to come after it, in one currency. */
public record DeferredRow(String currency, BigDecimal deferred) {}
