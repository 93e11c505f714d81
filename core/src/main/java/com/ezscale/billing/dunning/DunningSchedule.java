package com.ezscale.billing.dunning;

import java.math.BigDecimal;
import java.util.Currency;
import java.util.List;
import java.util.Map;

/**
 * The ladder's days, relative to an invoice's due date (WHMCS's defaults): payment attempts on the
 * due date and 1, 3 and 7 days after; a reminder 7 days before; overdue notices 1, 7 and 14 days
 * after; a late fee (10 %, at least a minimum per currency) and suspension 5 days after, with a
 * warning 2 days before it; termination 30 days after.
 */
public record DunningSchedule(
        List<Integer> attemptDays,
        int reminderDaysBefore,
        List<Integer> overdueNoticeDays,
        int lateFeeDay,
        BigDecimal lateFeePercent,
        Map<Currency, BigDecimal> lateFeeMinimum,
        int suspensionWarningDaysBefore,
        int suspendDay,
        int terminateDay) {

    public DunningSchedule {
        attemptDays = List.copyOf(attemptDays);
        overdueNoticeDays = List.copyOf(overdueNoticeDays);
        lateFeeMinimum = Map.copyOf(lateFeeMinimum);
        if (terminateDay <= suspendDay) {
            throw new IllegalArgumentException("termination must come after suspension");
        }
    }

    public static DunningSchedule defaults() {
        BigDecimal five = new BigDecimal("5.00");
        return new DunningSchedule(
                List.of(0, 1, 3, 7),
                7,
                List.of(1, 7, 14),
                5,
                BigDecimal.TEN,
                Map.of(
                        Currency.getInstance("USD"),
                        five,
                        Currency.getInstance("EUR"),
                        five,
                        Currency.getInstance("GBP"),
                        five,
                        Currency.getInstance("JPY"),
                        new BigDecimal("500")),
                2,
                5,
                30);
    }
}
