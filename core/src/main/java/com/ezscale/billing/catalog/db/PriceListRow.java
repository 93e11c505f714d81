package com.ezscale.billing.catalog.db;

import java.util.Currency;

public record PriceListRow(Currency currency, boolean taxInclusive) {}
