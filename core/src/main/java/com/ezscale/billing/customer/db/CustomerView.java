package com.ezscale.billing.customer.db;

import java.time.Instant;

/** A customer as the admin commands show it: its row, its group, when it was created. */
public record CustomerView(CustomerRow row, String group, Instant createdAt) {}
