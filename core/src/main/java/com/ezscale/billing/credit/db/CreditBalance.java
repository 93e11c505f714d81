package com.ezscale.billing.credit.db;

import java.math.BigDecimal;
import java.util.Currency;

public record CreditBalance(long customerId, Currency currency, BigDecimal balance) {}
