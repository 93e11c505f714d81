package com.ezscale.billing.ingest.flow;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.json.JsonFactory;

/**
 * The JSON values on one line of an NDJSON export. A line normally holds one record, but two exports
 * joined without a final newline put two (or more) records on one line; each is read on its own.
 * Where the line stops being JSON, the rest of it is one more span, which the record parser then
 * refuses with its reason, so every byte of the line ends in a record or a dead letter.
 */
public final class NdjsonLine {

    /** A value's bytes: {@code line[offset, offset + length)}. */
    public record Span(int offset, int length) {}

    private static final JsonFactory JSON = JsonFactory.builder().build();

    private NdjsonLine() {}

    public static List<Span> values(byte[] line) {
        List<Span> spans = new ArrayList<>(1);
        int end = 0;
        try (JsonParser parser = JSON.createParser(line)) {
            JsonToken token;
            while ((token = parser.nextToken()) != null) {
                int start = (int) parser.currentTokenLocation().getByteOffset();
                if (token.isStructStart()) {
                    parser.skipChildren();
                }
                end = (int) parser.currentLocation().getByteOffset();
                spans.add(new Span(start, end - start));
            }
        } catch (JacksonException e) {
            int start = firstNonBlank(line, end);
            if (start < line.length) {
                spans.add(new Span(start, line.length - start));
            }
        }
        return spans;
    }

    private static int firstNonBlank(byte[] line, int from) {
        int i = from;
        while (i < line.length && (line[i] == ' ' || line[i] == '\t' || line[i] == '\r')) {
            i++;
        }
        return i;
    }
}
