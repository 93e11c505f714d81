package com.ezscale.billing.creditnote.db;

import java.math.BigDecimal;

public record CreditedLineRow(long invoiceLineId, BigDecimal amount) {}
