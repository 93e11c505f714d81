package com.ezscale.billing.account.db;

import java.time.LocalDate;

/**
 * A service as its customer sees it: plan, cycle, status, the next period it is invoiced for, its
 * current addresses, and whether its plan meters usage (the usage page then exists).
 */
public record AccountService(
        long id,
        String label,
        String planName,
        String cycle,
        String status,
        LocalDate startDate,
        LocalDate endDate,
        LocalDate nextPeriodStart,
        String ips,
        boolean metered) {}
