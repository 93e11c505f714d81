package com.ezscale.billing.usage;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code ChargeKind.USAGE_COMMIT}: overage = max(0, billed 95th percentile − commit) × price per Mbps; the commit is not prorated. */
class CommitChargeTest {

    @ParameterizedTest(name = "{0}: {1} Mbps billed over {2} at {3} -> {4} Mbps over, {5}")
    @CsvSource(
            delimiter = '|',
            value = {
                "below the commit            | 7.5        | 10 | 1.25 | 0        | 0",
                "exactly the commit          | 10         | 10 | 1.25 | 0        | 0",
                "over it                     | 22.25      | 10 | 1.25 | 12.25    | 15.3125",
                "by one bit per second       | 10.000001  | 10 | 2    | 0.000001 | 0.000002",
                "a zero commit bills it all  | 3.5        | 0  | 4    | 3.5      | 14",
                "nothing measured            | 0          | 10 | 1.25 | 0        | 0",
            })
    void overageOfTheBilledPercentileOverTheCommit(
            String name,
            BigDecimal billed,
            BigDecimal commit,
            BigDecimal price,
            BigDecimal overage,
            BigDecimal amount) {
        CommitCharge.Result r = new CommitCharge(commit, price).rate(billed);
        assertThat(r.billedMbps()).isEqualByComparingTo(billed);
        assertThat(r.commitMbps()).isEqualByComparingTo(commit);
        assertThat(r.overageMbps()).isEqualByComparingTo(overage);
        assertThat(r.amount()).as("raw: the invoice line rounds once").isEqualByComparingTo(amount);
    }
}
