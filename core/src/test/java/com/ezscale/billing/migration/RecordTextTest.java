package com.ezscale.billing.migration;

import static org.assertj.core.api.Assertions.assertThat;

import com.ezscale.billing.app.migration.WhmcsSource;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A fingerprint stored by an earlier import must come out the same: {@link RecordText} writes exactly
 * what the record's generated {@code toString()} writes, for every kind of component.
 */
class RecordTextTest {

    private record Nested(String name, List<Object> parts, Nested inner) {}

    private record Primitives(int i, long l, boolean b, char c, double d, short s, byte y, float f) {}

    private record Empty() {}

    static Stream<Object> values() {
        return Stream.of(
                new WhmcsSource.Invoice(
                        42,
                        7,
                        "INV-%s 100%",
                        LocalDate.parse("2025-03-01"),
                        LocalDate.parse("2025-03-15"),
                        null,
                        new BigDecimal("20.00"),
                        BigDecimal.ZERO,
                        new BigDecimal("2.0000"),
                        new BigDecimal("0E-4"),
                        new BigDecimal("22.00"),
                        new BigDecimal("10.000"),
                        null,
                        "Paid"),
                new WhmcsSource.InvoiceItem(1, 42, "Hosting", 3, "VPS, \"S\"\n[monthly]", null, null),
                new Nested(
                        "a=b, c]", List.of(1, "x", LocalDate.parse("2026-01-31")), new Nested(null, List.of(), null)),
                new Primitives(-1, Long.MAX_VALUE, true, 'é', 0.1, (short) 3, (byte) -8, 1.5e10f),
                new Empty(),
                "plain text",
                new BigDecimal("1E+3"),
                12345L);
    }

    @ParameterizedTest
    @MethodSource("values")
    void writesWhatToStringWrites(Object value) {
        assertThat(RecordText.of(value)).isEqualTo(value.toString());
    }

    @org.junit.jupiter.api.Test
    void nullIsNull() {
        assertThat(RecordText.of(null)).isEqualTo("null");
    }
}
