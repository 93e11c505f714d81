package com.ezscale.billing.usage.db;

import static org.assertj.core.api.Assertions.assertThat;

import com.ezscale.billing.period.BillingCycle;
import com.ezscale.billing.subscription.SubscriptionStatus;
import com.ezscale.billing.testing.MapperTest;
import com.ezscale.billing.usage.DirectionMode;
import com.ezscale.billing.usage.TransferQuota;
import com.ezscale.billing.usage.UnbilledRating;
import com.ezscale.billing.usage.UsagePeriodKind;
import com.ezscale.billing.usage.UsagePrice;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Currency;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class RatingMapperTest extends MapperTest {

    static final Currency USD = Currency.getInstance("USD");
    static final Instant AT = Instant.parse("2026-12-01T03:00:00Z");

    @Autowired
    RatingMapper ratings;

    static RatedUsageRow rating(int revision, String billedMbps, String commitAmount, String fingerprint) {
        return new RatedUsageRow(
                23,
                LocalDate.parse("2026-11-01"),
                LocalDate.parse("2026-12-01"),
                revision,
                USD,
                8640,
                8640,
                8207,
                1_250_000_000L,
                5_000_123,
                3_750_000_000L,
                5_000_456,
                4_000_000_000L,
                "MAX_OF_IN_AND_OUT",
                new BigDecimal(billedMbps),
                new BigDecimal("100.000000"),
                new BigDecimal("0.000000"),
                new BigDecimal(commitAmount),
                9_000_000_000_000L,
                27_000_000_000_000L,
                null,
                null,
                null,
                null,
                null,
                fingerprint,
                AT);
    }

    @Test
    void theUsageTermsAndPricesOfAPlanMakeItsServicesRatable() {
        assertThat(ratings.selectRatablePage(0, 10))
                .as("no plan has usage terms yet")
                .isEmpty();
        ratings.insertTerms(new PlanUsageTermsRow(
                3,
                new BigDecimal("100"),
                "MAX_OF_IN_AND_OUT",
                new BigDecimal("20000"),
                "GB",
                "IN_AND_OUT",
                "CALENDAR_MONTH",
                6));
        ratings.insertUsagePrice(new UsagePrice(3, USD, "MBPS", 1, null, new BigDecimal("0.850000")));
        ratings.insertUsagePrice(new UsagePrice(3, USD, "TRANSFER", 2, null, new BigDecimal("0.005000")));
        ratings.insertUsagePrice(
                new UsagePrice(3, USD, "TRANSFER", 1, new BigDecimal("50000"), new BigDecimal("0.010000")));

        assertThat(ratings.selectRatablePage(0, 10)).singleElement().satisfies(r -> {
            assertThat(r.subscriptionId()).isEqualTo(23);
            assertThat(r.currency()).isEqualTo(USD);
            assertThat(r.cycle()).isEqualTo(BillingCycle.MONTHLY);
            assertThat(r.status()).isEqualTo(SubscriptionStatus.ACTIVE);
            assertThat(r.commitMbps()).isEqualByComparingTo("100");
            assertThat(r.directionMode()).isEqualTo(DirectionMode.MAX_OF_IN_AND_OUT);
            assertThat(r.quotaUnit()).isEqualTo(TransferQuota.Unit.GB);
            assertThat(r.quotaCounted()).isEqualTo(TransferQuota.Counted.IN_AND_OUT);
            assertThat(r.usagePeriod()).isEqualTo(UsagePeriodKind.CALENDAR_MONTH);
            assertThat(r.graceHours()).isEqualTo(6);
        });
        assertThat(ratings.selectRatablePage(23, 10)).isEmpty();
        assertThat(ratings.selectRatablePage(0, 22L, 10))
                .as("a range that ends before it")
                .isEmpty();
        assertThat(ratings.selectRatablePage(0, 23L, 10))
                .as("a range that ends on it")
                .hasSize(1);
        assertThat(ratings.selectUsagePrices())
                .extracting(p -> p.kind() + " " + p.tierNo() + " " + p.upTo() + " "
                        + p.unitPrice().toPlainString())
                .containsExactly(
                        "MBPS 1 null 0.850000", "TRANSFER 1 50000.000000 0.010000", "TRANSFER 2 null 0.005000");
    }

    @Test
    void revisionsOfAPeriodTheLatestAndWhatIsNotBilledYet() {
        ratings.insertRating(rating(0, "120.000000", "85.00", "fp-0"));
        ratings.insertRating(rating(1, "130.000000", "85.00", "fp-1"));
        assertThat(ratings.selectRatings(23))
                .extracting(r -> r.revision() + " " + r.billedMbps().toPlainString() + " " + r.samplesFingerprint())
                .containsExactly("0 120.000000 fp-0", "1 130.000000 fp-1");
        assertThat(ratings.selectRatings(23).get(1)).isEqualTo(rating(1, "130.000000", "85.000000", "fp-1"));
        assertThat(ratings.selectLatestRatings(List.of(21L, 23L)))
                .containsExactly(new LatestRating(23, LocalDate.parse("2026-11-01"), 1, "fp-1"));

        List<UnbilledRating> unbilled = ratings.selectUnbilled(List.of(1L));
        assertThat(unbilled).singleElement().satisfies(u -> {
            assertThat(u.revision()).isEqualTo(1);
            assertThat(u.customerId()).isEqualTo(1);
            assertThat(u.billedMbps()).isEqualByComparingTo("130");
            assertThat(u.billedCommit()).isEqualByComparingTo("0");
        });

        // revision 1 billed on a draft: nothing left unbilled
        long rated = unbilled.get(0).ratedUsageId();
        update(
                "INSERT INTO invoice (id, seller_entity_id, customer_id, currency, status, due_date, subtotal, tax_total,"
                        + " total, created_at) VALUES (9, 1, 1, 'USD', 'DRAFT', '2026-12-15', 85, 0, 85, NOW(6))");
        update(
                "INSERT INTO invoice_line (invoice_id, line_no, subscription_id, charge_kind, period_start,"
                        + " period_end_exclusive, description, quantity, unit_price, amount, rated_usage_id) VALUES"
                        + " (9, 1, 23, 'USAGE_COMMIT', '2026-11-01', '2026-12-01', '95th percentile', 100, 0.85, 85, ?)",
                rated);
        assertThat(ratings.selectUnbilled(List.of(1L))).isEmpty();

        // a later revision (late samples) is unbilled again, with what was billed so far
        ratings.insertRating(rating(2, "140.000000", "93.50", "fp-2"));
        assertThat(ratings.selectUnbilled(List.of(1L))).singleElement().satisfies(u -> {
            assertThat(u.revision()).isEqualTo(2);
            assertThat(u.billedCommit()).isEqualByComparingTo("85");
        });
    }

    @Test
    void aThresholdCrossingIsRecordedOncePerLevel() {
        ThresholdEventRow at80 = new ThresholdEventRow(
                23,
                LocalDate.parse("2026-11-01"),
                "QUOTA",
                80,
                new BigDecimal("16001.000000"),
                new BigDecimal("20000.000000"),
                AT);
        ratings.insertThresholdEvent(at80);
        ratings.insertThresholdEvent(new ThresholdEventRow(
                23,
                LocalDate.parse("2026-11-01"),
                "QUOTA",
                80,
                new BigDecimal("17000.000000"),
                new BigDecimal("20000.000000"),
                AT));
        ratings.insertThresholdEvent(new ThresholdEventRow(
                23,
                LocalDate.parse("2026-11-01"),
                "QUOTA",
                100,
                new BigDecimal("20001.000000"),
                new BigDecimal("20000.000000"),
                AT));
        assertThat(ratings.selectThresholdEvents(23))
                .extracting(e -> e.levelPercent() + " " + e.observed().toPlainString())
                .containsExactly("80 16001.000000", "100 20001.000000");
        assertThat(ratings.selectThresholdEventsOf(List.of(23L, 24L)))
                .extracting(e -> e.subscriptionId() + " " + e.levelPercent())
                .containsExactlyInAnyOrder("23 80", "23 100");
        assertThat(ratings.selectThresholdEventsOf(List.of(24L))).isEmpty();
    }

    @Test
    void aPlansUsageTermsAndPriceTiersAreReplacedWhenSetAgain() {
        assertThat(ratings.selectTerms(3)).isNull();
        ratings.upsertTerms(new PlanUsageTermsRow(
                3, new BigDecimal("100.000000"), "MAX_OF_IN_AND_OUT", null, "GB", "IN_AND_OUT", "CALENDAR_MONTH", 6));
        ratings.upsertTerms(new PlanUsageTermsRow(
                3,
                new BigDecimal("200.000000"),
                "SUM_OF_IN_AND_OUT",
                new BigDecimal("5000.000000"),
                "GIB",
                "OUT_ONLY",
                "BILLING_PERIOD",
                12));
        assertThat(ratings.selectTerms(3))
                .isEqualTo(new PlanUsageTermsRow(
                        3,
                        new BigDecimal("200.000000"),
                        "SUM_OF_IN_AND_OUT",
                        new BigDecimal("5000.000000"),
                        "GIB",
                        "OUT_ONLY",
                        "BILLING_PERIOD",
                        12));

        ratings.upsertUsagePrice(new UsagePrice(3, USD, "MBPS", 1, null, new BigDecimal("1.000000")));
        ratings.upsertUsagePrice(new UsagePrice(3, USD, "MBPS", 1, null, new BigDecimal("0.750000")));
        assertThat(ratings.selectUsagePrices())
                .extracting(
                        p -> p.kind() + " " + p.tierNo() + " " + p.unitPrice().toPlainString())
                .containsExactly("MBPS 1 0.750000");
    }
}
