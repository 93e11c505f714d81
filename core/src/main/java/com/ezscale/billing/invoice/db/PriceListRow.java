package com.ezscale.billing.invoice.db;

import java.util.Currency;

public record PriceListRow(Currency currency, boolean taxInclusive) {
}
