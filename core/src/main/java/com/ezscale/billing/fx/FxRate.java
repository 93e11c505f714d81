package com.ezscale.billing.fx;

import java.math.BigDecimal;
import java.time.LocalDate;

/** An exchange rate of one day: 1 {@code base} = {@code rate} {@code quote}. */
public record FxRate(String base, String quote, LocalDate day, BigDecimal rate, String source) {}
