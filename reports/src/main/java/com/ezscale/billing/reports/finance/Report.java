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

    /**
     * A column and what its values are: they are written as typed cells (numbers as numbers, dates as
     * dates). Its {@link Role} says how rows of several currencies combine when a report is converted.
     */
    public record Column(String header, Kind kind, int width, Role role) {

        /** A column in its usual role: text and dates identify a row, money and counts add up, other numbers do not. */
        public Column(String header, Kind kind, int width) {
            this(
                    header,
                    kind,
                    width,
                    switch (kind) {
                        case TEXT, DATE -> Role.KEY;
                        case MONEY, INTEGER -> Role.SUM;
                        case NUMBER -> Role.POINT;
                    });
        }

        public Column as(Role other) {
            return new Column(header, kind, width, other);
        }
    }

    /** How a column's values combine across rows. */
    public enum Role {
        /** Identifies the row (a month, a customer, a tax rate): rows of two currencies with the same keys are one row converted. */
        KEY,
        /** A flow: adds up across rows and into the totals. */
        SUM,
        /**
         * A value at a point in time (a balance, MRR, a count of customers, a percentage): rows of the
         * same keys (hence the same day) add up, but it is never added across days into a total.
         */
        POINT
    }

    public enum Kind {
        TEXT,
        DATE,
        MONEY,
        INTEGER,
        /** A decimal that is not money (a rate in percent, Mbit/s). */
        NUMBER
    }
}
