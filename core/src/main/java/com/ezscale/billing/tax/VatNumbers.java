package com.ezscale.billing.tax;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * EU member states and the format of their VAT numbers (as the Commission's VIES service
 * describes them: the country prefix, then the national part). A format check, not a VIES lookup:
 * it refuses typing mistakes, it does not prove the number is registered.
 */
public final class VatNumbers {

    private record Format(String prefix, Pattern national, String expected) {}

    private static final Map<String, Format> FORMATS = Map.ofEntries(
            f("AT", "AT", "U\\d{8}", "U + 8 digits"),
            f("BE", "BE", "[01]\\d{9}", "10 digits starting with 0 or 1"),
            f("BG", "BG", "\\d{9,10}", "9 or 10 digits"),
            f("CY", "CY", "\\d{8}[A-Z]", "8 digits + a letter"),
            f("CZ", "CZ", "\\d{8,10}", "8 to 10 digits"),
            f("DE", "DE", "\\d{9}", "9 digits"),
            f("DK", "DK", "\\d{8}", "8 digits"),
            f("EE", "EE", "\\d{9}", "9 digits"),
            f("GR", "EL", "\\d{9}", "9 digits"),
            f("ES", "ES", "[A-Z0-9]\\d{7}[A-Z0-9]", "9 characters: a letter or digit, 7 digits, a letter or digit"),
            f("FI", "FI", "\\d{8}", "8 digits"),
            f("FR", "FR", "[A-HJ-NP-Z0-9]{2}\\d{9}", "2 characters + 9 digits"),
            f("HR", "HR", "\\d{11}", "11 digits"),
            f("HU", "HU", "\\d{8}", "8 digits"),
            f("IE", "IE", "\\d{7}[A-W][A-I]?|\\d[A-Z+*]\\d{5}[A-W]", "7 digits + 1 or 2 letters"),
            f("IT", "IT", "\\d{11}", "11 digits"),
            f("LT", "LT", "\\d{9}|\\d{12}", "9 or 12 digits"),
            f("LU", "LU", "\\d{8}", "8 digits"),
            f("LV", "LV", "\\d{11}", "11 digits"),
            f("MT", "MT", "\\d{8}", "8 digits"),
            f("NL", "NL", "\\d{9}B\\d{2}", "9 digits + B + 2 digits"),
            f("PL", "PL", "\\d{10}", "10 digits"),
            f("PT", "PT", "\\d{9}", "9 digits"),
            f("RO", "RO", "\\d{2,10}", "2 to 10 digits"),
            f("SE", "SE", "\\d{10}01", "12 digits ending in 01"),
            f("SI", "SI", "\\d{8}", "8 digits"),
            f("SK", "SK", "\\d{10}", "10 digits"));

    private static Map.Entry<String, Format> f(String country, String prefix, String national, String expected) {
        return Map.entry(country, new Format(prefix, Pattern.compile(national), expected));
    }

    private VatNumbers() {}

    public static Set<String> memberStates() {
        return FORMATS.keySet();
    }

    public static boolean isMemberState(String country) {
        return country != null && FORMATS.containsKey(country);
    }

    /**
     * The number in its canonical form (upper case, no spaces, dots or dashes, with its country
     * prefix), or empty if the country is not an EU member state (no format is checked there).
     *
     * @throws InvalidVatNumberException naming the country and the expected format
     */
    public static Optional<String> normalise(String country, String vatNumber) {
        if (vatNumber == null || vatNumber.isBlank()) {
            return Optional.empty();
        }
        Format format = FORMATS.get(country);
        if (format == null) {
            return Optional.empty();
        }
        String compact = vatNumber.toUpperCase(Locale.ROOT).replaceAll("[\\s.\\-]", "");
        if (!compact.startsWith(format.prefix())) {
            throw new InvalidVatNumberException(
                    "VAT number '" + vatNumber + "' is malformed for " + country + ": it must start with "
                            + format.prefix() + " (" + format.prefix() + " + " + format.expected() + ")");
        }
        String national = compact.substring(format.prefix().length());
        if (!format.national().matcher(national).matches()) {
            throw new InvalidVatNumberException("VAT number '" + vatNumber + "' is malformed for " + country
                    + ": expected " + format.prefix() + " + " + format.expected());
        }
        return Optional.of(compact);
    }
}
