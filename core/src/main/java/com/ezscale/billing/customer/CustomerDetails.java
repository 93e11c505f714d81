package com.ezscale.billing.customer;

import com.ezscale.billing.money.Money;
import com.ezscale.billing.rules.BillingRuleViolation;
import com.ezscale.billing.tax.VatNumbers;
import java.util.Currency;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What an admin types about a customer, checked and normalised before anything is written: a
 * name, an e-mail address of the usual shape, an ISO 3166 country (upper case), an ISO 4217
 * billing currency, a VAT number in its EU member state's format (canonical form, as the tax rules
 * read it), a group code; every field within its column's size. A refusal names the field.
 */
public record CustomerDetails(
        String name,
        String company,
        String email,
        PostalAddress address,
        String country,
        String region,
        Currency billingCurrency,
        String vatNumber,
        boolean taxExempt,
        String group) {

    private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s.]+(\\.[^@\\s.]+)+");
    /** Whether {@code text} has the shape of an e-mail address (the same check as a customer's). */
    public static boolean isEmail(String text) {
        return text != null && EMAIL.matcher(text).matches();
    }

    private static final Pattern GROUP = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]*");

    /** The details as typed, checked; blank optional fields become null. */
    public static CustomerDetails of(
            String name,
            String company,
            String email,
            PostalAddress address,
            String country,
            String region,
            String currency,
            String vatNumber,
            boolean taxExempt,
            String group) {
        String n = required("name", name, 200);
        String e = required("email", email, 254);
        if (!EMAIL.matcher(e).matches()) {
            throw new BillingRuleViolation("email '" + e + "' is not an e-mail address");
        }
        String c = required("country", country, 64).toUpperCase(Locale.ROOT);
        if (!COUNTRIES.contains(c)) {
            throw new BillingRuleViolation(
                    "country '" + country + "' is not an ISO 3166 country code (such as US, DE, GB)");
        }
        Currency cur;
        try {
            cur = Money.currency(required("currency", currency, 3).toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException ex) {
            throw new BillingRuleViolation(ex.getMessage());
        }
        String g = optional("group", group, 64);
        if (g != null && !GROUP.matcher(g).matches()) {
            throw new BillingRuleViolation("group '" + g
                    + "' may hold letters, digits, '.', '_' and '-' only, starting with a letter or digit");
        }
        PostalAddress a = address == null ? new PostalAddress(null, null, null, null) : address;
        String vat = optional("vat number", vatNumber, 32);
        return new CustomerDetails(
                n,
                optional("company", company, 200),
                e,
                new PostalAddress(
                        optional("address line 1", a.line1(), 200),
                        optional("address line 2", a.line2(), 200),
                        optional("city", a.city(), 100),
                        optional("postal code", a.postalCode(), 20)),
                c,
                optional("region", region, 64),
                cur,
                vat == null ? null : VatNumbers.normalise(c, vat).orElse(vat),
                taxExempt,
                g);
    }

    private static String required(String field, String value, int max) {
        String v = optional(field, value, max);
        if (v == null) {
            throw new BillingRuleViolation(field + " is required");
        }
        return v;
    }

    private static String optional(String field, String value, int max) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.strip();
        if (v.length() > max) {
            throw new BillingRuleViolation(field + " is " + v.length() + " characters long; at most " + max);
        }
        if (v.chars().anyMatch(ch -> ch < 0x20 && ch != '\t')) {
            throw new BillingRuleViolation(field + " holds a control character");
        }
        return v;
    }
}
