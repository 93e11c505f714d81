package com.ezscale.billing.persistence;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * Rows in the text {@code LOAD DATA} reads with its defaults: fields separated by a tab, rows ended
 * by a newline, a backslash escaping, {@code \N} for NULL. Each value is written as the driver would
 * bind it in an {@code INSERT}: decimals in plain notation, dates ISO, instants as their UTC wall time
 * to the microsecond ({@link InstantTypeHandler}), booleans 1 and 0, enums by name.
 */
public final class TsvRows {

    private static final DateTimeFormatter DATETIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS");

    private final StringBuilder text = new StringBuilder(64 * 1024);
    private boolean rowStarted;
    private int rows;
    private Instant lastInstant;
    private String lastInstantText;

    /** A text value (NULL when null): tab, newline, carriage return, NUL and backslash escaped. */
    public TsvRows text(String value) {
        if (value == null) {
            return nul();
        }
        separate();
        int first = 0;
        while (first < value.length() && !escaped(value.charAt(first))) {
            first++;
        }
        // the plain part at once (most values have nothing to escape), then character by character
        text.append(value, 0, first);
        for (int i = first; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> text.append("\\\\");
                case '\t' -> text.append("\\t");
                case '\n' -> text.append("\\n");
                case '\r' -> text.append("\\r");
                case '\0' -> text.append("\\0");
                default -> text.append(c);
            }
        }
        return this;
    }

    private static boolean escaped(char c) {
        return c == '\\' || c == '\t' || c == '\n' || c == '\r' || c == '\0';
    }

    public TsvRows number(long value) {
        separate();
        text.append(value);
        return this;
    }

    /** A whole number, NULL when null. */
    public TsvRows number(Number value) {
        if (value == null) {
            return nul();
        }
        separate();
        text.append(value.longValue());
        return this;
    }

    public TsvRows decimal(BigDecimal value) {
        if (value == null) {
            return nul();
        }
        separate();
        text.append(value.toPlainString());
        return this;
    }

    public TsvRows date(LocalDate value) {
        if (value == null) {
            return nul();
        }
        separate();
        text.append(value);
        return this;
    }

    /**
     * An instant as its UTC wall time to the microsecond ({@code 2026-11-30 23:59:59.123456}), digit by
     * digit (the formatter took a tenth of a large import's time in Java); the same instant as the last
     * one written is copied (a chunk's rows share their {@code created_at}).
     */
    public TsvRows instant(Instant value) {
        if (value == null) {
            return nul();
        }
        separate();
        if (!value.equals(lastInstant)) {
            lastInstant = value;
            lastInstantText = wallTime(value);
        }
        text.append(lastInstantText);
        return this;
    }

    /** The separators before the month, day, hour, minute, second and microseconds, and each field's digits. */
    private static final String WALL_TIME_SEPARATORS = "-- ::.";

    private static final int[] WALL_TIME_WIDTHS = {4, 2, 2, 2, 2, 2, 6};

    /** What {@link #instant} writes for {@code value}: {@code yyyy-MM-dd HH:mm:ss.SSSSSS} in UTC, microseconds truncated. */
    static String wallTime(Instant value) {
        LocalDateTime t = LocalDateTime.ofInstant(value.truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC);
        if (t.getYear() < 1 || t.getYear() > 9999) {
            return DATETIME.format(t);
        }
        int[] fields = {
            t.getYear(),
            t.getMonthValue(),
            t.getDayOfMonth(),
            t.getHour(),
            t.getMinute(),
            t.getSecond(),
            t.getNano() / 1000
        };
        char[] c = new char[26];
        int at = 0;
        for (int k = 0; k < fields.length; k++) {
            if (k > 0) {
                c[at++] = WALL_TIME_SEPARATORS.charAt(k - 1);
            }
            digits(c, at, fields[k], WALL_TIME_WIDTHS[k]);
            at += WALL_TIME_WIDTHS[k];
        }
        return new String(c);
    }

    private static void digits(char[] c, int at, int value, int width) {
        for (int k = at + width - 1; k >= at; k--) {
            c[k] = (char) ('0' + value % 10);
            value /= 10;
        }
    }

    public TsvRows bool(boolean value) {
        separate();
        text.append(value ? '1' : '0');
        return this;
    }

    public TsvRows name(Enum<?> value) {
        return text(value == null ? null : value.name());
    }

    public TsvRows nul() {
        separate();
        text.append("\\N");
        return this;
    }

    /** Ends the current row. */
    public TsvRows end() {
        text.append('\n');
        rowStarted = false;
        rows++;
        return this;
    }

    /** The rows ended so far. */
    public int rows() {
        return rows;
    }

    byte[] bytes() {
        if (rowStarted) {
            throw new IllegalStateException("a row was started and not ended");
        }
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    private void separate() {
        if (rowStarted) {
            text.append('\t');
        }
        rowStarted = true;
    }
}
