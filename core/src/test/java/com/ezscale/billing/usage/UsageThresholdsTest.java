package com.ezscale.billing.usage;

import static org.assertj.core.api.Assertions.assertThat;

import com.ezscale.billing.period.BillingPeriod;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UsageThresholdsTest {

    static final LocalDate NOV = LocalDate.parse("2026-11-01");
    static final long FIRST = UsagePeriods.bucket(NOV);
    /** November so far: the first 1,000 of its 8,640 buckets. */
    static final UsagePeriods.Window SO_FAR = new UsagePeriods.Window(
            new BillingPeriod(NOV, LocalDate.parse("2026-12-01")), FIRST, FIRST + 8640, FIRST, FIRST + 1000);

    @ParameterizedTest(name = "{0} bytes a bucket so far -> {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "0           | ''",
                "79000000    | ''",
                "80000000    | QUOTA 80",
                "99999999    | QUOTA 80",
                "100000000   | QUOTA 80 QUOTA 100",
                "375000000   | QUOTA 80 QUOTA 100 COMMIT 80",
                "468750000   | QUOTA 80 QUOTA 100 COMMIT 80 COMMIT 100",
            })
    void eightyAndOneHundredPercentOfQuotaAndCommit(long bytesPerBucket, String expected) {
        // quota 100 GB for the month; commit 12.5 Mbps (80% = 10 Mbps = 375,000,000 bytes a bucket)
        UsageTerms terms = new UsageTerms(
                new BigDecimal("12.5"),
                BigDecimal.ONE,
                DirectionMode.MAX_OF_IN_AND_OUT,
                TransferQuota.flat(
                        new BigDecimal("100"), TransferQuota.Unit.GB, TransferQuota.Counted.IN_AND_OUT, BigDecimal.ONE),
                UsagePeriodKind.CALENDAR_MONTH,
                6);
        long[] in = new long[1000];
        Arrays.fill(in, bytesPerBucket);
        String crossed = String.join(
                " ",
                UsageThresholds.crossed(SO_FAR, new UsageSeries(FIRST, in, new long[1000]), terms).stream()
                        .map(e -> e.measure() + " " + e.levelPercent())
                        .toList());
        assertThat(crossed).isEqualTo(expected);
    }
}
