package com.ezscale.billing.account.db;

import java.time.Instant;

/** One customer login step and where it came from. */
public record CustomerLogin(long id, String email, String remoteAddress, Instant at, String outcome) {}
