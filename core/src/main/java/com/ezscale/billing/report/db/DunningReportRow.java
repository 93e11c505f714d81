package com.ezscale.billing.report.db;

import java.math.BigDecimal;

/** Dunning in one month and currency: steps taken by kind, late fees issued (count and amount), services suspended and terminated. */
public record DunningReportRow(
        String month,
        String currency,
        int reminders,
        int overdueNotices,
        int suspensionWarnings,
        int suspensions,
        int terminations,
        int lateFees,
        BigDecimal lateFeeAmount) {}
