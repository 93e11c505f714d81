package com.ezscale.billing.account.db;

import java.math.BigDecimal;
import java.time.Instant;

/** A movement of account credit as its customer sees it: positive adds credit, negative uses it. */
public record AccountCreditEntry(long id, Instant at, String currency, BigDecimal amount, String reason, String note) {}
