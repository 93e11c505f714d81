package com.ezscale.billing.report;

import java.math.BigDecimal;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * How MRR moved between two month ends, customer by customer (all in one currency): a customer
 * with none before and some after is new, or reactivated if it had some at an earlier month end;
 * more is expansion, less contraction, none any more churn. So the end always equals the start +
 * new + reactivation + expansion − contraction − churn.
 */
public final class MrrMovements {

    private MrrMovements() {}

    public record Movement(
            BigDecimal start,
            BigDecimal end,
            BigDecimal newMrr,
            BigDecimal reactivation,
            BigDecimal expansion,
            BigDecimal contraction,
            BigDecimal churn,
            int customersStart,
            int customersEnd,
            int churnedCustomers) {

        /** Customers lost over customers at the start (null: nobody at the start). */
        public BigDecimal logoChurnPercent() {
            return customersStart == 0
                    ? null
                    : BigDecimal.valueOf(churnedCustomers * 100L)
                            .divide(BigDecimal.valueOf(customersStart), 2, java.math.RoundingMode.HALF_UP);
        }

        /** (churn + contraction − expansion) over MRR at the start (null: no MRR at the start); negative when expansion wins. */
        public BigDecimal netRevenueChurnPercent() {
            return start.signum() == 0
                    ? null
                    : churn.add(contraction)
                            .subtract(expansion)
                            .multiply(BigDecimal.valueOf(100))
                            .divide(start, 2, java.math.RoundingMode.HALF_UP);
        }
    }

    /**
     * @param before MRR per customer at the previous month end (customers without MRR absent or zero)
     * @param after the same at this month end
     * @param hadMrrEarlier customers that had MRR at some month end before {@code before}
     */
    public static Movement between(Map<Long, BigDecimal> before, Map<Long, BigDecimal> after, Set<Long> hadMrrEarlier) {
        BigDecimal start = BigDecimal.ZERO;
        BigDecimal end = BigDecimal.ZERO;
        BigDecimal newMrr = BigDecimal.ZERO;
        BigDecimal reactivation = BigDecimal.ZERO;
        BigDecimal expansion = BigDecimal.ZERO;
        BigDecimal contraction = BigDecimal.ZERO;
        BigDecimal churn = BigDecimal.ZERO;
        int customersStart = 0;
        int customersEnd = 0;
        int churned = 0;
        Set<Long> customers = new HashSet<>(before.keySet());
        customers.addAll(after.keySet());
        for (Long customer : customers) {
            BigDecimal b = before.getOrDefault(customer, BigDecimal.ZERO);
            BigDecimal a = after.getOrDefault(customer, BigDecimal.ZERO);
            start = start.add(b);
            end = end.add(a);
            if (b.signum() > 0) {
                customersStart++;
            }
            if (a.signum() > 0) {
                customersEnd++;
            }
            if (b.signum() == 0 && a.signum() > 0) {
                if (hadMrrEarlier.contains(customer)) {
                    reactivation = reactivation.add(a);
                } else {
                    newMrr = newMrr.add(a);
                }
            } else if (b.signum() > 0 && a.signum() == 0) {
                churn = churn.add(b);
                churned++;
            } else if (a.compareTo(b) > 0) {
                expansion = expansion.add(a.subtract(b));
            } else if (a.compareTo(b) < 0) {
                contraction = contraction.add(b.subtract(a));
            }
        }
        return new Movement(
                start, end, newMrr, reactivation, expansion, contraction, churn, customersStart, customersEnd, churned);
    }
}
