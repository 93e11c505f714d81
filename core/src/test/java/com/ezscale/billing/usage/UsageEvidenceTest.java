package com.ezscale.billing.usage;

import static org.assertj.core.api.Assertions.assertThat;

import com.ezscale.billing.invoice.ChargeKind;
import com.ezscale.billing.invoice.UsageCharge;
import com.ezscale.billing.money.Money;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The evidence printed on a usage line is what a customer disputes: pinned here word for word, for
 * a commit line and a transfer line, from the stored rating.
 */
class UsageEvidenceTest {

    static UnbilledRating rating(BigDecimal commitMbps, String quotaUnit) {
        return new UnbilledRating(
                41,
                7,
                3,
                LocalDate.parse("2026-10-01"),
                LocalDate.parse("2026-11-01"),
                1,
                Money.currency("EUR"),
                8928,
                8481,
                2_062_500_000L,
                187_500_000L,
                5_973_553L,
                "MAX_OF_IN_AND_OUT",
                new BigDecimal("55.000000"),
                commitMbps,
                commitMbps == null ? null : new BigDecimal("45.000000"),
                commitMbps == null ? null : new BigDecimal("56.25"),
                quotaUnit,
                quotaUnit == null ? null : new BigDecimal("1234.5678"),
                quotaUnit == null ? null : new BigDecimal("1000"),
                quotaUnit == null ? null : new BigDecimal("234.57"),
                quotaUnit == null ? null : new BigDecimal("11.7285"),
                new BigDecimal("50.00"),
                BigDecimal.ZERO);
    }

    @Test
    void aCommitLineCarriesThePercentileItsRankAndTheBucketItFellOn() {
        List<UsageCharge> charges = UsageEvidence.charges(rating(BigDecimal.TEN, null));
        assertThat(charges).singleElement().satisfies(c -> {
            assertThat(c.kind()).isEqualTo(ChargeKind.USAGE_COMMIT);
            assertThat(c.ratedUsageId()).isEqualTo(41);
            assertThat(c.revision()).isEqualTo(1);
            assertThat(c.rawAmount()).isEqualByComparingTo("56.25");
            assertThat(c.alreadyBilled()).isEqualByComparingTo("50.00");
            assertThat(c.evidence())
                    .isEqualTo(
                            "95th percentile 2026-10-01 to 2026-10-31: 55 Mbps (max of in and out; in 55, out 5 Mbps; "
                                    + "N=8928 five-minute buckets, rank 8482, in at 2026-10-15T12:05:00Z) over a 10 Mbps commit: 45 Mbps");
        });
    }

    @Test
    void aTransferLineCarriesWhatWasUsedIncludedAndOver() {
        List<UsageCharge> charges = UsageEvidence.charges(rating(null, "GB"));
        assertThat(charges).singleElement().satisfies(c -> {
            assertThat(c.kind()).isEqualTo(ChargeKind.USAGE_TRANSFER);
            assertThat(c.rawAmount()).isEqualByComparingTo("11.7285");
            assertThat(c.evidence())
                    .isEqualTo("Transfer 2026-10-01 to 2026-10-31: 1234.57 GB used, 1000.00 included, 234.57 GB over");
        });
    }

    @Test
    void aServiceWithBothGetsBothLines() {
        assertThat(UsageEvidence.charges(rating(BigDecimal.TEN, "GB")))
                .extracting(UsageCharge::kind)
                .containsExactly(ChargeKind.USAGE_COMMIT, ChargeKind.USAGE_TRANSFER);
    }
}
