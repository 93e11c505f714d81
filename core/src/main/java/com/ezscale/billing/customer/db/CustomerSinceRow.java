package com.ezscale.billing.customer.db;

import java.time.LocalDate;

public record CustomerSinceRow(long customerId, LocalDate since) {}
