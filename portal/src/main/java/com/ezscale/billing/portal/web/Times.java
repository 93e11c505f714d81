package com.ezscale.billing.portal.web;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import org.springframework.stereotype.Component;

/**
 * Times as the pages show them ({@code ${@times.at(x)}}): UTC to the second, the zone stated in
 * the column header; durations as 1h 02m 03s. The database keeps microseconds; nobody reads them.
 */
@Component("times")
public class Times {

    private static final DateTimeFormatter AT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    /** An {@link Instant} or a UTC {@link LocalDateTime} (Spring Batch's columns); blank for null. */
    public String at(Object time) {
        if (time instanceof Instant i) {
            return AT.format(i.atOffset(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS));
        }
        if (time instanceof LocalDateTime t) {
            return AT.format(t.truncatedTo(ChronoUnit.SECONDS));
        }
        return time == null ? "" : time.toString();
    }

    /** From start to end (or still running: blank end); blank without a start. */
    public String duration(LocalDateTime start, LocalDateTime end) {
        if (start == null || end == null) {
            return "";
        }
        Duration d = Duration.between(start, end);
        long s = d.toSeconds();
        if (s < 60) {
            // tenths of a second under 10 s, rounded half up as %.1f rounds (no Formatter: a list page writes 50)
            long tenths = (d.toMillis() + 50) / 100;
            return d.toMillis() < 10_000 ? tenths / 10 + "." + tenths % 10 + "s" : s + "s";
        }
        StringBuilder text = new StringBuilder();
        if (s >= 3600) {
            text.append(s / 3600).append("h ");
            twoDigits(text, s / 60 % 60).append("m ");
        } else {
            text.append(s / 60).append("m ");
        }
        return twoDigits(text, s % 60).append('s').toString();
    }

    private static StringBuilder twoDigits(StringBuilder text, long value) {
        return text.append(value < 10 ? "0" : "").append(value);
    }
}
