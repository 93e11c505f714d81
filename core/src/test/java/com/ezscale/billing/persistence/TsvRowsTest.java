package com.ezscale.billing.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** An instant is written as the formatter wrote it, character for character, and a repeated one as the first. */
class TsvRowsTest {

    static final DateTimeFormatter FORMATTER = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS");

    static Stream<Instant> instants() {
        Random random = new Random(7);
        return Stream.concat(
                Stream.of(
                        Instant.parse("2026-11-30T23:59:59.123456789Z"),
                        Instant.parse("2026-01-01T00:00:00Z"),
                        Instant.parse("1970-01-01T00:00:00.000001Z"),
                        Instant.parse("0001-01-01T00:00:00Z"),
                        Instant.parse("9999-12-31T23:59:59.999999999Z"),
                        Instant.parse("2024-02-29T12:34:56.000100Z"),
                        Instant.parse("1969-12-31T23:59:59.999999Z"),
                        Instant.parse("+10000-01-01T00:00:00Z"),
                        Instant.parse("-0001-06-15T10:00:00Z")),
                random.longs(200, -62_135_596_800L, 253_402_300_799L)
                        .mapToObj(s -> Instant.ofEpochSecond(s, random.nextInt(1_000_000_000))));
    }

    @ParameterizedTest
    @MethodSource("instants")
    void anInstantIsWrittenAsTheFormatterWroteIt(Instant instant) {
        String expected =
                FORMATTER.format(LocalDateTime.ofInstant(instant.truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC));
        assertThat(TsvRows.wallTime(instant)).isEqualTo(expected);
    }

    @Test
    void aRepeatedInstantIsWrittenAgainAndAnotherAfterIt() {
        Instant a = Instant.parse("2026-11-30T10:00:00.5Z");
        Instant b = Instant.parse("2026-11-30T10:00:01Z");
        TsvRows rows =
                new TsvRows().instant(a).instant(a).end().instant(b).nul().end();
        assertThat(new String(rows.bytes(), java.nio.charset.StandardCharsets.UTF_8))
                .isEqualTo("2026-11-30 10:00:00.500000\t2026-11-30 10:00:00.500000\n2026-11-30 10:00:01.000000\t\\N\n");
    }

    @Test
    void textIsEscapedWhereverTheCharacterIs() {
        TsvRows rows = new TsvRows()
                .text("plain text, é")
                .text("\\start")
                .text("mid\tdle\r\nend\0")
                .text("")
                .text(null)
                .end();
        assertThat(new String(rows.bytes(), java.nio.charset.StandardCharsets.UTF_8))
                .isEqualTo("plain text, é\t\\\\start\tmid\\tdle\\r\\nend\\0\t\t\\N\n");
    }
}
