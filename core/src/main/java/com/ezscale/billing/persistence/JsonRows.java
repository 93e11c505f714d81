package com.ezscale.billing.persistence;

import java.util.List;
import tools.jackson.databind.json.JsonMapper;

/**
 * Rows for a set-based statement, bound as one JSON parameter ({@code [[1, "a"], [2, "b"]]}) and read
 * back in SQL by {@code JSON_TABLE}: a chunk's hundreds of updates become one statement with one bound
 * value, where a batch of single-row updates cost the server a statement each and the driver a bind
 * per value. Values are numbers and strings (dates as ISO strings); the JSON library escapes them.
 */
public final class JsonRows {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private JsonRows() {}

    /** {@code rows} as a JSON array of arrays. */
    public static String of(List<? extends List<?>> rows) {
        return JSON.writeValueAsString(rows);
    }
}
