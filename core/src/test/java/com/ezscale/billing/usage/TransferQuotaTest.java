package com.ezscale.billing.usage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.ezscale.billing.money.Money;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TransferQuotaTest {

    private static final TransferQuota TEN_TB_GB = TransferQuota.flat(
            new BigDecimal("10000"), TransferQuota.Unit.GB, TransferQuota.Counted.IN_AND_OUT, new BigDecimal("0.01"));

    @ParameterizedTest(name = "{0}: in {1} + out {2} bytes, active {3}/{4} -> overage {5} GB, {6} USD")
    @CsvSource({
        "under,                 4000000000000, 5000000000000, 8640, 8640, 0.00,   0.00",
        "exactlyAt,             6000000000000, 4000000000000, 8640, 8640, 0.00,   0.00",
        "overByOneByteRoundsUp, 6000000000000, 4000000000001, 8640, 8640, 0.01,   0.00",
        "over,                  7000000000000, 4500000000000, 8640, 8640, 1500.00, 15.00",
        "overByAFraction,       10000123456789, 0,            8640, 8640, 0.13,   0.00",
        "proratedForTenDays,    2000000000000, 2000000000000, 2880, 8640, 666.67, 6.67",
        "proratedUnder,         1000000000000, 2000000000000, 2880, 8640, 0.00,   0.00",
    })
    void gigabytesOfTenToTheNine(
            String name, long in, long out, long active, long period, String overageGb, String usd) {
        TransferQuota.Result r = TEN_TB_GB.rate(in, out, active, period);
        assertThat(r.overageUnits()).isEqualByComparingTo(overageGb);
        assertThat(Money.rounded(r.amount(), Money.currency("USD")).amount()).isEqualByComparingTo(usd);
        assertThat(r.overageUnits().scale()).isEqualTo(2);
    }

    @Test
    void gibibytesAreTwoToTheThirty() {
        TransferQuota gib = TransferQuota.flat(
                new BigDecimal("1000"),
                TransferQuota.Unit.GIB,
                TransferQuota.Counted.IN_AND_OUT,
                new BigDecimal("0.50"));
        long oneThousandGib = 1000L << 30;
        assertThat(gib.rate(oneThousandGib, 0, 1, 1).overageUnits()).isEqualByComparingTo("0");
        assertThat(gib.rate(oneThousandGib + (1L << 30), 0, 1, 1).overageUnits())
                .isEqualByComparingTo("1.00");
        // the same bytes against a GB quota of the same number are well over
        TransferQuota gb = TransferQuota.flat(
                new BigDecimal("1000"),
                TransferQuota.Unit.GB,
                TransferQuota.Counted.IN_AND_OUT,
                new BigDecimal("0.50"));
        assertThat(gb.rate(oneThousandGib, 0, 1, 1).overageUnits()).isEqualByComparingTo("73.75");
    }

    @ParameterizedTest(name = "{0} counts {1}")
    @CsvSource({"IN_AND_OUT, 3000", "IN_ONLY, 1000", "OUT_ONLY, 2000"})
    void directionsCounted(TransferQuota.Counted counted, long bytes) {
        TransferQuota q = TransferQuota.flat(BigDecimal.ZERO, TransferQuota.Unit.GB, counted, BigDecimal.ONE);
        assertThat(q.rate(1000, 2000, 1, 1).countedBytes()).isEqualTo(bytes);
    }

    @ParameterizedTest(name = "graduated: {0} GB over -> {1}")
    @CsvSource({"500, 10.00", "1000, 20.00", "1500, 27.50", "6000, 90.00"})
    void tiersAreGraduated(long overGb, String usd) {
        // first 1,000 GB over at 0.02, the next 4,000 at 0.015, above that 0.01
        TransferQuota q = new TransferQuota(
                BigDecimal.ZERO,
                TransferQuota.Unit.GB,
                TransferQuota.Counted.IN_AND_OUT,
                List.of(
                        new TransferQuota.Tier(new BigDecimal("1000"), new BigDecimal("0.02")),
                        new TransferQuota.Tier(new BigDecimal("5000"), new BigDecimal("0.015")),
                        new TransferQuota.Tier(null, new BigDecimal("0.01"))));
        assertThat(Money.rounded(q.rate(overGb * 1_000_000_000L, 0, 1, 1).amount(), Money.currency("USD"))
                        .amount())
                .isEqualByComparingTo(usd);
    }

    @Test
    void onlyTheLastTierMayBeUnlimited() {
        assertThatThrownBy(() -> new TransferQuota(
                        BigDecimal.ONE,
                        TransferQuota.Unit.GB,
                        TransferQuota.Counted.IN_AND_OUT,
                        List.of(
                                new TransferQuota.Tier(null, BigDecimal.ONE),
                                new TransferQuota.Tier(BigDecimal.TEN, BigDecimal.ONE))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("only the last tier may be unlimited");
    }

    @ParameterizedTest(name = "commit {1} Mbps, billed {0} -> overage {2} Mbps, {3}")
    @CsvSource({"80.5, 100, 0, 0.00", "100, 100, 0, 0.00", "123.456789, 100, 23.456789, 46.91", "250, 0, 250, 500.00"})
    void commitOverageIsTheRateAboveTheCommit(String billed, String commit, String overage, String usd) {
        CommitCharge.Result r =
                new CommitCharge(new BigDecimal(commit), new BigDecimal("2.00")).rate(new BigDecimal(billed));
        assertThat(r.overageMbps()).isEqualByComparingTo(overage);
        assertThat(Money.rounded(r.amount(), Money.currency("USD")).amount()).isEqualByComparingTo(usd);
    }
}
