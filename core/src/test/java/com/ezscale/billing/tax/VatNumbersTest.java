package com.ezscale.billing.tax;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class VatNumbersTest {

    @ParameterizedTest(name = "{0}: {1} -> {2}")
    @CsvSource(delimiter = '|', textBlock = """
            germany                 | DE | DE123456789      | DE123456789
            spacesAndDotsRemoved    | DE | de 123.456.789   | DE123456789
            austriaWithU            | AT | ATU12345678      | ATU12345678
            greeceUsesEL            | GR | EL123456789      | EL123456789
            netherlandsB            | NL | NL123456789B01   | NL123456789B01
            franceLetters           | FR | FRAB123456789    | FRAB123456789
            irelandOldFormat        | IE | IE1A23456B       | IE1A23456B
            irelandNewFormat        | IE | IE1234567WA      | IE1234567WA
            spainLetterFirst        | ES | ESX1234567Y      | ESX1234567Y
            """)
    void wellFormedNumbersAreNormalised(String name, String country, String input, String expected) {
        assertThat(VatNumbers.normalise(country, input)).contains(expected);
    }

    @ParameterizedTest(name = "{0}: {1} {2}")
    @CsvSource(delimiter = '|', textBlock = """
            tooShort                | DE | DE12345678       | VAT number 'DE12345678' is malformed for DE: expected DE + 9 digits
            wrongPrefix             | DE | FR123456789      | VAT number 'FR123456789' is malformed for DE: it must start with DE (DE + 9 digits)
            greeceWithGR            | GR | GR123456789      | VAT number 'GR123456789' is malformed for GR: it must start with EL (EL + 9 digits)
            austriaWithoutU         | AT | AT12345678       | VAT number 'AT12345678' is malformed for AT: expected AT + U + 8 digits
            netherlandsWithoutB     | NL | NL123456789001   | VAT number 'NL123456789001' is malformed for NL: expected NL + 9 digits + B + 2 digits
            lettersInDigits         | IT | IT1234567890X    | VAT number 'IT1234567890X' is malformed for IT: expected IT + 11 digits
            """)
    void malformedNumbersAreRefusedNamingCountryAndFormat(String name, String country, String input, String message) {
        assertThatThrownBy(() -> VatNumbers.normalise(country, input))
                .isInstanceOf(InvalidVatNumberException.class)
                .hasMessage(message);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "null", textBlock = """
            outsideTheEu            | US | 12-3456789
            none                    | DE | null
            blank                   | FR | ' '
            """)
    void noFormatOutsideTheEuOrWithoutANumber(String name, String country, String input) {
        assertThat(VatNumbers.normalise(country, input)).isEmpty();
    }
}
