package com.ezscale.billing.customer;

import java.util.StringJoiner;

public record PostalAddress(String line1, String line2, String city, String postalCode) {

    /** The address as printed on an invoice, one line per part, empty parts left out. */
    public String printable() {
        StringJoiner joiner = new StringJoiner("\n");
        for (String part : new String[] {line1, line2, join(postalCode, city)}) {
            if (part != null && !part.isBlank()) {
                joiner.add(part);
            }
        }
        return joiner.toString();
    }

    private static String join(String a, String b) {
        if (a == null || a.isBlank()) {
            return b;
        }
        return b == null || b.isBlank() ? a : a + " " + b;
    }
}
