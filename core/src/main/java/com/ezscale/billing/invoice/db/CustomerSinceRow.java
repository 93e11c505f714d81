package com.ezscale.billing.invoice.db;

import java.time.LocalDate;

public record CustomerSinceRow(long customerId, LocalDate since) {
}
