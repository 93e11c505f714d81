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

    /** A text value (NULL when null): tab, newline, carriage return, NUL and backslash escaped. */
    public TsvRows text(String value) {
        if (value == null) {
            return nul();
        }
        separate();
        for (int i = 0; i < value.length(); i++) {
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

    public TsvRows instant(Instant value) {
        if (value == null) {
            return nul();
        }
        separate();
        text.append(DATETIME.format(LocalDateTime.ofInstant(value.truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC)));
        return this;
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
