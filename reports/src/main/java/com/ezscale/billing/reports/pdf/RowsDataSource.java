package com.ezscale.billing.reports.pdf;

import java.util.Iterator;
import java.util.List;
import java.util.function.BiFunction;
import net.sf.jasperreports.engine.JRDataSource;
import net.sf.jasperreports.engine.JRField;

/**
 * A Jasper data source over typed rows: each field of the template is read from the current row by
 * {@code field} (row, field name), so rows stay records instead of one map per row.
 */
public final class RowsDataSource<T> implements JRDataSource {

    private final Iterator<T> rows;
    private final BiFunction<T, String, Object> field;
    private T current;

    private final Runnable onRow;

    public RowsDataSource(List<T> rows, BiFunction<T, String, Object> field) {
        this(rows, field, () -> {});
    }

    /** As the other, running {@code onRow} as each row is reached (progress). */
    public RowsDataSource(List<T> rows, BiFunction<T, String, Object> field, Runnable onRow) {
        this.rows = rows.iterator();
        this.field = field;
        this.onRow = onRow;
    }

    @Override
    public boolean next() {
        current = rows.hasNext() ? rows.next() : null;
        if (current != null) {
            onRow.run();
        }
        return current != null;
    }

    @Override
    public Object getFieldValue(JRField jrField) {
        return field.apply(current, jrField.getName());
    }
}
