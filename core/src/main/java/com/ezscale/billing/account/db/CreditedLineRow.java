package com.ezscale.billing.account.db;

import java.math.BigDecimal;

public record CreditedLineRow(long invoiceLineId, BigDecimal amount) {
}
