package com.ezscale.billing.tax;

import com.ezscale.billing.money.Money;
import java.math.BigDecimal;

/** One row of an invoice's tax table: the rate, the net base of the lines at that rate, and the tax. */
public record TaxAmount(String name, BigDecimal ratePercent, Money base, Money tax) {}
