package com.ezscale.billing.tax;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TaxPolicyTest {

    private static final TaxPolicy POLICY = new TaxPolicy(List.of(
            new TaxRule("NL", "", "BTW", new BigDecimal("21"), null, null),
            new TaxRule("DE", "", "MwSt", new BigDecimal("19"), null, null),
            new TaxRule("FR", "", "TVA", new BigDecimal("20"), null, null),
            new TaxRule("CA", "", "GST", new BigDecimal("5"), null, null),
            new TaxRule("CA", "ON", "HST", new BigDecimal("13"), null, null),
            new TaxRule(
                    "GB",
                    "",
                    "VAT",
                    new BigDecimal("17.5"),
                    LocalDate.parse("2008-01-01"),
                    LocalDate.parse("2011-01-04")),
            new TaxRule("GB", "", "VAT", new BigDecimal("20"), LocalDate.parse("2011-01-04"), null)));

    private static final TaxParty DUTCH_SELLER = TaxParty.seller("NL", "NL123456789B01");
    private static final TaxParty US_SELLER = TaxParty.seller("US", null);

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "null", textBlock = """
            # name                                  | seller | country | region | vat            | exempt | date       | mode           | tax name           | rate
            consumerInTheSellersCountry             | NL     | NL      | null   | null           | false  | 2026-11-25 | STANDARD       | BTW                | 21
            businessInTheSellersCountryPaysVat      | NL     | NL      | null   | NL999999999B01 | false  | 2026-11-25 | STANDARD       | BTW                | 21
            consumerInAnotherMemberStatePaysTheirs  | NL     | DE      | null   | null           | false  | 2026-11-25 | STANDARD       | MwSt               | 19
            businessInAnotherMemberStateReverse     | NL     | DE      | null   | DE123456789    | false  | 2026-11-25 | REVERSE_CHARGE | VAT reverse charge | 0
            euBusinessOfANonEuSellerReverse         | US     | FR      | null   | FRAB123456789  | false  | 2026-11-25 | REVERSE_CHARGE | VAT reverse charge | 0
            exemptWinsOverEverything                | NL     | NL      | null   | null           | true   | 2026-11-25 | EXEMPT         | Exempt             | 0
            regionRuleWinsOverCountry               | US     | CA      | ON     | null           | false  | 2026-11-25 | STANDARD       | HST                | 13
            countryRuleForAnotherRegion             | US     | CA      | QC     | null           | false  | 2026-11-25 | STANDARD       | GST                | 5
            noRuleNoTax                             | US     | US      | CA     | null           | false  | 2026-11-25 | NONE           | null               | 0
            rateInForceOnTheDate                    | US     | GB      | null   | null           | false  | 2010-06-01 | STANDARD       | VAT                | 17.5
            newRateFromItsFirstDay                  | US     | GB      | null   | null           | false  | 2011-01-04 | STANDARD       | VAT                | 20
            """)
    void decision(
            String name,
            String seller,
            String country,
            String region,
            String vat,
            boolean exempt,
            String date,
            TaxMode mode,
            String taxName,
            BigDecimal rate) {
        TaxDecision decision = POLICY.decide(
                seller.equals("NL") ? DUTCH_SELLER : US_SELLER,
                new TaxParty(country, region, vat, exempt),
                LocalDate.parse(date));
        assertThat(decision.mode()).isEqualTo(mode);
        assertThat(decision.name()).isEqualTo(taxName);
        assertThat(decision.ratePercent()).isEqualByComparingTo(rate);
        if (mode == TaxMode.REVERSE_CHARGE) {
            assertThat(decision.note())
                    .startsWith(TaxPolicy.REVERSE_CHARGE_NOTE)
                    .endsWith("Customer VAT number: " + vat);
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            malformedGermanNumber | DE | DE12 | VAT number 'DE12' is malformed for DE: expected DE + 9 digits
            """)
    void aMalformedVatNumberIsRefused(String name, String country, String vat, String message) {
        assertThatThrownBy(() -> POLICY.decide(
                        DUTCH_SELLER, new TaxParty(country, null, vat, false), LocalDate.parse("2026-11-25")))
                .isInstanceOf(InvalidVatNumberException.class)
                .hasMessage(message);
    }
}
