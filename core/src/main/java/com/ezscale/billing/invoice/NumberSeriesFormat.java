package com.ezscale.billing.invoice;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A number series pattern such as {@code INV-{year}-{000001}}: {@code {year}} is the issue year and
 * the run of digits in braces is the counter, zero-padded to its width. Each distinct resolved
 * prefix ({@code INV-2026-}) is its own gapless series.
 */
public record NumberSeriesFormat(String pattern) {

    private static final Pattern COUNTER = Pattern.compile("\\{(0*1)\\}");

    public NumberSeriesFormat {
        Matcher m = COUNTER.matcher(pattern);
        if (!m.find()) {
            throw new IllegalArgumentException("number pattern '" + pattern + "' needs a counter such as {000001}");
        }
        if (m.find()) {
            throw new IllegalArgumentException("number pattern '" + pattern + "' has more than one counter");
        }
    }

    /** The key of the series a number issued in {@code year} belongs to. */
    public String seriesKey(int year) {
        return pattern.replace("{year}", Integer.toString(year));
    }

    public String format(int year, long value) {
        if (value < 1) {
            throw new IllegalArgumentException("series values start at 1");
        }
        Matcher m = COUNTER.matcher(seriesKey(year));
        m.find();
        int width = m.group(1).length();
        String digits = String.format("%0" + width + "d", value);
        return m.replaceFirst(Matcher.quoteReplacement(digits));
    }
}
