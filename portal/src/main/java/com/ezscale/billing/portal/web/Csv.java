package com.ezscale.billing.portal.web;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.Writer;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.Function;
import java.util.function.ToLongFunction;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/** Every list exports as CSV (Commons CSV): all its rows, read a page at a time by their key. */
public final class Csv {

    private Csv() {}

    public static <T> void write(
            HttpServletResponse response,
            String filename,
            List<String> header,
            Iterable<T> rows,
            Function<T, List<?>> cells)
            throws IOException {
        response.setContentType("text/csv;charset=UTF-8");
        response.setHeader("Content-Disposition", "attachment; filename=\"" + filename + "\"");
        Writer out = response.getWriter();
        try (CSVPrinter printer = CSVFormat.DEFAULT
                .builder()
                .setHeader(header.toArray(String[]::new))
                .get()
                .print(out)) {
            for (T row : rows) {
                printer.printRecord(cells.apply(row));
            }
        }
    }

    /** The rows of {@code page(before)} (newest first, {@code null} for the first page), page after page by {@code key}. */
    public static <T> Iterable<T> pages(Function<Long, List<T>> page, ToLongFunction<T> key) {
        return () -> new Iterator<>() {
            private List<T> current = page.apply(null);
            private int index;

            @Override
            public boolean hasNext() {
                if (index < current.size()) {
                    return true;
                }
                if (current.isEmpty()) {
                    return false;
                }
                current = page.apply(key.applyAsLong(current.get(current.size() - 1)));
                index = 0;
                return !current.isEmpty();
            }

            @Override
            public T next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return current.get(index++);
            }
        };
    }
}
