package com.ezscale.billing.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * MRR movements on customer histories, a month at a time: the MRR of customer 1 at the month end
 * before and after (customer 2 stays at 100 throughout, so the percentages have a base), whether
 * customer 1 had MRR at an earlier month end, and the movement expected.
 */
class MrrMovementsTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            # history                                       | before | after | earlier | movement
            a new monthly customer                          | 0      | 10    | false   | new 10
            an annual plan of 120 counts 10 a month          | 0      | 10    | false   | new 10
            in its trial: nothing yet                        | 0      | 0     | false   | none
            the trial ends and it is billed                  | 0      | 25    | false   | new 25
            an upgrade                                       | 10     | 20    | false   | expansion 10
            a downgrade                                      | 20     | 15    | false   | contraction 5
            a cancellation                                   | 15     | 0     | false   | churn 15
            back after a month away                          | 0      | 10    | true    | reactivation 10
            unchanged                                        | 10     | 10    | false   | none
            """)
    void aMonthOfACustomersHistory(String history, String before, String after, boolean earlier, String movement) {
        Map<Long, BigDecimal> b = new HashMap<>(Map.of(2L, new BigDecimal("100")));
        Map<Long, BigDecimal> a = new HashMap<>(Map.of(2L, new BigDecimal("100")));
        b.put(1L, new BigDecimal(before));
        a.put(1L, new BigDecimal(after));
        MrrMovements.Movement m = MrrMovements.between(b, a, earlier ? Set.of(1L) : Set.of());
        String seen = m.newMrr().signum() > 0
                ? "new " + m.newMrr().toPlainString()
                : m.reactivation().signum() > 0
                        ? "reactivation " + m.reactivation().toPlainString()
                        : m.expansion().signum() > 0
                                ? "expansion " + m.expansion().toPlainString()
                                : m.contraction().signum() > 0
                                        ? "contraction " + m.contraction().toPlainString()
                                        : m.churn().signum() > 0
                                                ? "churn " + m.churn().toPlainString()
                                                : "none";
        assertThat(seen).as(history).isEqualTo(movement);
        assertThat(m.end())
                .as("end = start + new + reactivation + expansion - contraction - churn")
                .isEqualByComparingTo(m.start()
                        .add(m.newMrr())
                        .add(m.reactivation())
                        .add(m.expansion())
                        .subtract(m.contraction())
                        .subtract(m.churn()));
        if (movement.startsWith("churn")) {
            assertThat(m.churnedCustomers()).isEqualTo(1);
            assertThat(m.logoChurnPercent()).isEqualByComparingTo("50"); // 1 of the 2 customers at the start
            assertThat(m.netRevenueChurnPercent()).isEqualByComparingTo("13.04"); // 15 of 115
        }
        if (movement.startsWith("expansion")) {
            assertThat(m.netRevenueChurnPercent())
                    .as("expansion beats churn: negative")
                    .isNegative();
        }
    }
}
