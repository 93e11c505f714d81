package com.ezscale.billing.portal.web;

import com.ezscale.billing.rules.BillingRuleViolation;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/** A form's fields read as typed values; a bad one is refused naming the field (the form comes back with it). */
public final class Forms {

    private Forms() {}

    /** A YYYY-MM-DD field; null when blank. */
    public static LocalDate date(String field, String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(text.strip());
        } catch (DateTimeParseException e) {
            throw new BillingRuleViolation(field + ": '" + text + "' is not a YYYY-MM-DD date");
        }
    }

    /** A plain decimal field (120.50); {@code example} shows the form expected. */
    public static BigDecimal decimal(String field, String text, String example) {
        try {
            return new BigDecimal(text == null ? "" : text.strip());
        } catch (NumberFormatException e) {
            throw new BillingRuleViolation(field + ": '" + text + "' is not a plain decimal such as " + example);
        }
    }
}
