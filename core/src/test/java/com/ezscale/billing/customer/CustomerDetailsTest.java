package com.ezscale.billing.customer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.ezscale.billing.rules.BillingRuleViolation;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What an admin types about a customer: accepted and normalised, or refused naming the field. */
class CustomerDetailsTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            plain                     | Ada Lovelace | ada@example.com      | US | usd | -               | -        | US USD null null
            countryAndCurrencyUpcased | Ada          | ada@example.com      | de | eur | DE 123.456.789  | partners | DE EUR DE123456789 partners
            vatOutsideTheEuIsKept     | Ada          | ada@example.com      | GB | GBP | GB123456789     | -        | GB GBP GB123456789 null
            blanksAreNulls            | Ada          | ada@example.com      | FR | EUR | '  '            | ' '      | FR EUR null null
            """)
    void accepted(
            String name,
            String customer,
            String email,
            String country,
            String currency,
            String vat,
            String group,
            String expected) {
        CustomerDetails d = CustomerDetails.of(customer, null, email, null, country, null, currency, vat, false, group);
        assertThat(d.country() + " " + d.billingCurrency() + " " + d.vatNumber() + " " + d.group())
                .isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            noName           | -     | ada@example.com | US  | USD | -            | -         | name is required
            noEmail          | Ada   | -               | US  | USD | -            | -         | email is required
            emailWithoutDot  | Ada   | ada@example     | US  | USD | -            | -         | email 'ada@example' is not an e-mail address
            twoAts           | Ada   | a@b@example.com | US  | USD | -            | -         | is not an e-mail address
            countryOfThree   | Ada   | ada@example.com | USA | USD | -            | -         | country 'USA' is not an ISO 3166 country code
            unknownCountry   | Ada   | ada@example.com | XX  | USD | -            | -         | country 'XX' is not an ISO 3166 country code
            unknownCurrency  | Ada   | ada@example.com | US  | XYZ | -            | -         | unknown currency 'XYZ'
            badGermanVat     | Ada   | ada@example.com | DE  | EUR | DE12345      | -         | VAT number 'DE12345' is malformed for DE: expected DE + 9 digits
            vatOfAnotherEuState | Ada | ada@example.com | FR  | EUR | DE123456789  | -         | it must start with FR
            groupWithSpaces  | Ada   | ada@example.com | US  | USD | -            | big deals | group 'big deals' may hold letters
            """)
    void refused(
            String name,
            String customer,
            String email,
            String country,
            String currency,
            String vat,
            String group,
            String message) {
        assertThatThrownBy(() ->
                        CustomerDetails.of(customer, null, email, null, country, null, currency, vat, false, group))
                .isInstanceOf(BillingRuleViolation.class)
                .hasMessageContaining(message);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            nameTooLong     | 201 | name is 201 characters long; at most 200
            """)
    void lengthsAreThoseOfTheColumns(String name, int length, String message) {
        assertThatThrownBy(() -> CustomerDetails.of(
                        "x".repeat(length), null, "a@example.com", null, "US", null, "USD", null, false, null))
                .hasMessage(message);
        assertThatThrownBy(() -> CustomerDetails.of(
                        "Ada",
                        null,
                        "a@example.com",
                        new PostalAddress(null, null, null, "1".repeat(21)),
                        "US",
                        null,
                        "USD",
                        null,
                        false,
                        null))
                .hasMessage("postal code is 21 characters long; at most 20");
        assertThatThrownBy(() -> CustomerDetails.of(
                        "Ada\u0007", null, "a@example.com", null, "US", null, "USD", null, false, null))
                .hasMessage("name holds a control character");
    }
}
