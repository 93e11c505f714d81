package com.ezscale.billing.usage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.ezscale.billing.money.Money;
import com.ezscale.billing.period.BillingPeriod;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class UsageRaterTest {

    static final LocalDate DAY = LocalDate.parse("2026-11-01");
    static final long FIRST = UsagePeriods.bucket(DAY);
    /** A one-day period in which the service was active for the whole day: 288 buckets. */
    static final UsagePeriods.Window WINDOW =
            new UsagePeriods.Window(new BillingPeriod(DAY, DAY.plusDays(1)), FIRST, FIRST + 288, FIRST, FIRST + 288);

    @Test
    void commitOverageAndQuotaOverageWithTheirEvidence() {
        long[] in = new long[288];
        long[] out = new long[288];
        Arrays.fill(in, 75_000_000L); // 2 Mbps all day
        Arrays.fill(out, 37_500_000L); // 1 Mbps
        in[0] = 375_000_000_000L; // one spike, dropped
        UsageTerms terms = new UsageTerms(
                new BigDecimal("1.5"),
                new BigDecimal("4.00"),
                DirectionMode.MAX_OF_IN_AND_OUT,
                TransferQuota.flat(
                        new BigDecimal("10"),
                        TransferQuota.Unit.GB,
                        TransferQuota.Counted.IN_AND_OUT,
                        new BigDecimal("0.05")),
                UsagePeriodKind.CALENDAR_MONTH,
                6);

        UsageRater.Rating r = UsageRater.rate(WINDOW, new UsageSeries(FIRST, in, out), terms);

        assertThat(r.percentile().buckets()).isEqualTo(288);
        assertThat(r.percentile().rankIndex()).isEqualTo(273);
        assertThat(r.percentile().billedMbps()).isEqualByComparingTo("2.000000");
        assertThat(r.commit().overageMbps()).isEqualByComparingTo("0.5");
        assertThat(Money.rounded(r.commitAmount(), Money.currency("EUR")).amount())
                .isEqualByComparingTo("2.00");
        long bytes = 375_000_000_000L + 287 * 75_000_000L + 288 * 37_500_000L;
        assertThat(r.bytesIn() + r.bytesOut()).isEqualTo(bytes);
        // 407.325 GB used, 10 included: 397.33 GB over (rounded up) × 0.05
        assertThat(r.transfer().overageUnits()).isEqualByComparingTo("397.33");
        assertThat(Money.rounded(r.transferAmount(), Money.currency("EUR")).amount())
                .isEqualByComparingTo("19.87");
    }

    @Test
    void withoutTermsNothingIsCharged() {
        UsageTerms none =
                new UsageTerms(null, null, DirectionMode.MAX_OF_IN_AND_OUT, null, UsagePeriodKind.CALENDAR_MONTH, 6);
        UsageRater.Rating r = UsageRater.rate(WINDOW, new UsageSeries(FIRST, new long[288], new long[288]), none);
        assertThat(r.commitAmount()).isZero();
        assertThat(r.transferAmount()).isZero();
    }

    @Test
    void theSeriesMustCoverTheActivePart() {
        UsageTerms none =
                new UsageTerms(null, null, DirectionMode.MAX_OF_IN_AND_OUT, null, UsagePeriodKind.CALENDAR_MONTH, 6);
        assertThatThrownBy(() -> UsageRater.rate(WINDOW, new UsageSeries(FIRST, new long[10], new long[10]), none))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
