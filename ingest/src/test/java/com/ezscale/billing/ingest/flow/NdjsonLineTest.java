package com.ezscale.billing.ingest.flow;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NdjsonLineTest {

    private static List<String> values(String line) {
        byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
        return NdjsonLine.values(bytes).stream()
                .map(s -> new String(bytes, s.offset(), s.length(), StandardCharsets.UTF_8))
                .toList();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '"',
            value = {
                "one record                       | {'a':1}                   | {'a':1}",
                "two exports joined               | {'a':1}{'b':[2,{'c':3}]}  | {'a':1};{'b':[2,{'c':3}]}",
                "joined with a space              | {'a':1} {'b':2}           | {'a':1};{'b':2}",
                "a broken record after a good one | {'a':1}{'b':               | {'a':1};{'b':",
                "text after a record              | {'a':1} oops {'b':2}      | {'a':1};oops {'b':2}",
                "not JSON at all                  | {oops                     | {oops",
                "a scalar (the parser refuses it) | 42                        | 42",
                "non-ASCII bytes counted as bytes | {'é':'ü'}{'b':2}          | {'é':'ü'};{'b':2}",
            })
    void everyByteOfALineIsInARecordOrTheRemainder(String name, String line, String expected) {
        assertThat(values(line.replace('\'', '"')))
                .containsExactly(expected.replace('\'', '"').split(";"));
    }
}
