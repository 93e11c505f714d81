package com.ezscale.billing.reports.finance;

import java.util.List;

/**
 * A finance report ready to write: its tables, each a header of typed columns, rows of values and
 * a totals row, usually one table per currency (amounts of different currencies are never added).
 *
 * @param parameters what the report was run for, printed under its title (e.g. "2026-11-01 to 2026-11-30")
 */
public record Report(String name, String title, String parameters, List<Table> tables, List<String> notes) {

    /** One table; {@code currency} formats its money columns (null: no money in it). */
    public record Table(String title, String currency, List<Column> columns, List<Object[]> rows, Object[] totals) {}

    /** A column and what its values are: they are written as typed cells (numbers as numbers, dates as dates). */
    public record Column(String header, Kind kind, int width) {}

    public enum Kind {
        TEXT,
        DATE,
        MONEY,
        INTEGER,
        /** A decimal that is not money (a rate in percent, Mbit/s). */
        NUMBER
    }
}
