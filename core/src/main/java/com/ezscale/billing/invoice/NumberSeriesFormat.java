package com.ezscale.billing.invoice;

import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A number series pattern such as {@code INV-{year}-{000001}}: {@code {year}} is the issue year and
 * the run of digits in braces is the counter, zero-padded to its width. Each distinct resolved
 * prefix ({@code INV-2026-}) is its own gapless series.
 */
public record NumberSeriesFormat(String pattern) {

    private static final Pattern COUNTER = Pattern.compile("\\{(0*1)\\}");
    /** The year or the counter: the parts of a pattern that are not its literal text. */
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{year\\}|\\{(0*1)\\}");

    public NumberSeriesFormat {
        Matcher m = COUNTER.matcher(pattern);
        if (!m.find()) {
            throw new IllegalArgumentException("number pattern '" + pattern + "' needs a counter such as {000001}");
        }
        if (m.find()) {
            throw new IllegalArgumentException("number pattern '" + pattern + "' has more than one counter");
        }
    }

    /** What every number of this series starts with: the pattern up to its year or its counter. */
    public String leadingText() {
        Matcher m = PLACEHOLDER.matcher(pattern);
        m.find();
        return pattern.substring(0, m.start());
    }

    /**
     * True for a number of this pattern's shape: some year and a counter of at least its width
     * ({@code INV-2026-000123} for {@code INV-{year}-{000001}}, not {@code INV-2026-123}), a number
     * this series issues or may issue one day. Compiled once, for many numbers.
     */
    public Predicate<String> shape() {
        StringBuilder regex = new StringBuilder();
        Matcher m = PLACEHOLDER.matcher(pattern);
        int from = 0;
        while (m.find()) {
            regex.append(Pattern.quote(pattern.substring(from, m.start())));
            regex.append(m.group(1) == null ? "\\d{4,}" : "\\d{" + m.group(1).length() + ",}");
            from = m.end();
        }
        regex.append(Pattern.quote(pattern.substring(from)));
        return Pattern.compile(regex.toString()).asMatchPredicate();
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
