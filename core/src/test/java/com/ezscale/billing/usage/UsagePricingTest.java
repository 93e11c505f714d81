package com.ezscale.billing.usage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.ezscale.billing.money.Money;
import com.ezscale.billing.period.BillingCycle;
import com.ezscale.billing.rules.BillingRuleViolation;
import com.ezscale.billing.subscription.SubscriptionStatus;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A service's usage terms priced in its customer's currency from its plan's usage price tiers. */
class UsagePricingTest {

    static final List<UsagePrice> PRICES = List.of(
            new UsagePrice(1, Money.currency("EUR"), "MBPS", 1, null, new BigDecimal("1.25")),
            new UsagePrice(1, Money.currency("EUR"), "TRANSFER", 2, null, new BigDecimal("0.02")),
            new UsagePrice(1, Money.currency("EUR"), "TRANSFER", 1, new BigDecimal("1000"), new BigDecimal("0.05")),
            new UsagePrice(1, Money.currency("USD"), "MBPS", 1, null, new BigDecimal("1.40")),
            new UsagePrice(2, Money.currency("EUR"), "MBPS", 1, null, new BigDecimal("9.99")));

    static RatableService service(String currency, BigDecimal commit, BigDecimal quota) {
        return new RatableService(
                7,
                3,
                1,
                Money.currency(currency),
                BillingCycle.MONTHLY,
                SubscriptionStatus.ACTIVE,
                1,
                LocalDate.parse("2026-01-01"),
                null,
                commit,
                DirectionMode.MAX_OF_IN_AND_OUT,
                quota,
                quota == null ? null : TransferQuota.Unit.GB,
                quota == null ? null : TransferQuota.Counted.IN_AND_OUT,
                UsagePeriodKind.CALENDAR_MONTH,
                6);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            nullValues = "-",
            value = {
                "commit in EUR: the plan's EUR Mbps price       | EUR | 10 | -    | 1.25 | -",
                "commit in USD: the plan's USD Mbps price       | USD | 10 | -    | 1.40 | -",
                "quota: transfer tiers in tier order            | EUR | -  | 500  | -    | 1000:0.05 open:0.02",
                "both                                           | EUR | 10 | 500  | 1.25 | 1000:0.05 open:0.02",
                "neither: terms that charge nothing             | USD | -  | -    | -    | -",
            })
    void termsInTheCustomersCurrency(
            String name, String currency, BigDecimal commit, BigDecimal quota, BigDecimal pricePerMbps, String tiers) {
        UsageTerms terms = UsagePricing.terms(service(currency, commit, quota), PRICES);
        assertThat(terms.commitMbps()).isEqualTo(commit);
        if (pricePerMbps == null) {
            assertThat(terms.pricePerMbps()).isNull();
        } else {
            assertThat(terms.pricePerMbps()).isEqualByComparingTo(pricePerMbps);
        }
        assertThat(
                        terms.quota() == null
                                ? null
                                : String.join(
                                        " ",
                                        terms.quota().tiers().stream()
                                                .map(t -> (t.upTo() == null
                                                                ? "open"
                                                                : t.upTo().toPlainString()) + ":"
                                                        + t.pricePerUnit().toPlainString())
                                                .toList()))
                .isEqualTo(tiers);
        assertThat(terms.mode()).isEqualTo(DirectionMode.MAX_OF_IN_AND_OUT);
        assertThat(terms.graceHours()).isEqualTo(6);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            nullValues = "-",
            value = {
                "a commit without a Mbps price in GBP  | GBP | 10 | -   | service 7: plan 1 has usage terms but no MBPS price in GBP",
                "a quota without transfer prices in USD | USD | -  | 500 | service 7: plan 1 has usage terms but no TRANSFER price in USD",
            })
    void aMissingPriceParksTheServiceWithTheReason(
            String name, String currency, BigDecimal commit, BigDecimal quota, String reason) {
        assertThatThrownBy(() -> UsagePricing.terms(service(currency, commit, quota), PRICES))
                .isInstanceOf(BillingRuleViolation.class)
                .hasMessage(reason);
    }
}
