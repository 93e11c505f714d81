package com.ezscale.billing.staff.db;

import java.time.Instant;

/** One login step and where it came from. */
public record StaffLogin(long id, String username, String remoteAddress, Instant at, String outcome) {}
