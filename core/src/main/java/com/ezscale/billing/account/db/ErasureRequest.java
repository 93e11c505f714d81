package com.ezscale.billing.account.db;

import java.time.Instant;

/** A customer's request to be erased: when, and which login asked (null once erased). */
public record ErasureRequest(Instant requestedAt, String requestedBy) {}
