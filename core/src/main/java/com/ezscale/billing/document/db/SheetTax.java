package com.ezscale.billing.document.db;

import java.math.BigDecimal;

/** One tax of a document: its name, rate (percent), base and amount. */
public record SheetTax(String taxName, BigDecimal rate, BigDecimal taxableBase, BigDecimal taxAmount) {}
