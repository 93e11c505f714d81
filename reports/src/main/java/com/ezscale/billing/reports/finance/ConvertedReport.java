package com.ezscale.billing.reports.finance;

import com.ezscale.billing.app.fx.FxRates;
import com.ezscale.billing.fx.FxRateRule;
import com.ezscale.billing.money.Money;
import com.ezscale.billing.reports.finance.Report.Column;
import com.ezscale.billing.reports.finance.Report.Kind;
import com.ezscale.billing.reports.finance.Report.Role;
import com.ezscale.billing.reports.finance.Report.Table;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A report with its per-currency tables converted into one currency and combined: each row's
 * amounts at the rate of the row's day (its date; a month at its last day, not after the report's
 * day; otherwise the report's day), each amount rounded to the target's minor unit by the one
 * rounding rule, then rows with the same keys (month, product, customer...) added together. Totals
 * are the sum of the converted rows, so they still add up; values at a point in time (balances,
 * MRR) are not totalled across days. The rates used are listed in a table of their own. A missing
 * rate refuses the whole report, naming the currency and day.
 */
public final class ConvertedReport {

    private ConvertedReport() {}

    /**
     * {@code report} converted by {@code conversion}; {@code day} is the day of amounts that carry
     * none (aging: its as-of; otherwise the period's last day). A report without amounts is returned as it is.
     */
    public static Report convert(Report report, FxRates.Conversion conversion, LocalDate day) {
        if (report.tables().stream().allMatch(t -> t.currency() == null)) {
            return report;
        }
        String target = conversion.target();
        Currency currency = Money.currency(target);
        Map<String, FxRateRule.Quote> used = new TreeMap<>();
        Map<String, List<Table>> groups = new LinkedHashMap<>();
        for (Table table : report.tables()) {
            groups.computeIfAbsent(baseTitle(table), k -> new ArrayList<>()).add(table);
        }
        List<Table> tables = new ArrayList<>();
        groups.forEach((title, members) -> {
            if (members.get(0).currency() == null) {
                tables.addAll(members);
                return;
            }
            List<Column> columns = members.get(0).columns();
            Map<List<Object>, Object[]> rows = new LinkedHashMap<>();
            Map<List<Object>, Integer> contributions = new LinkedHashMap<>();
            for (Table table : members) {
                for (Object[] row : table.rows()) {
                    BigDecimal rate = BigDecimal.ONE;
                    if (!table.currency().equals(target)) {
                        LocalDate rowDay = dayOf(columns, row, day);
                        FxRateRule.Quote quote = conversion.quote(table.currency(), rowDay);
                        used.putIfAbsent(table.currency() + " " + rowDay, quote);
                        rate = quote.rate();
                    }
                    Object[] converted = row.clone();
                    for (int c = 0; c < columns.size(); c++) {
                        if (columns.get(c).kind() == Kind.MONEY && row[c] != null) {
                            converted[c] = Money.rounded(((BigDecimal) row[c]).multiply(rate), currency)
                                    .amount();
                        }
                    }
                    List<Object> key = new ArrayList<>();
                    for (int c = 0; c < columns.size(); c++) {
                        if (columns.get(c).role() == Role.KEY) {
                            key.add(row[c]);
                        }
                    }
                    Object[] merged = rows.get(key);
                    contributions.merge(key, 1, Integer::sum);
                    rows.put(key, merged == null ? converted : add(columns, merged, converted));
                }
            }
            List<Object[]> combined = new ArrayList<>();
            rows.forEach((key, row) -> {
                if (contributions.get(key) > 1) {
                    for (int c = 0; c < columns.size(); c++) {
                        if (columns.get(c).kind() == Kind.NUMBER
                                && columns.get(c).role() != Role.KEY) {
                            row[c] = null; // a percentage of one currency says nothing of the sum
                        }
                    }
                }
                combined.add(row);
            });
            combined.sort(byKeys(columns));
            Object[] totals = new Object[columns.size()];
            totals[0] = "Total " + target;
            for (int c = 1; c < columns.size(); c++) {
                Column column = columns.get(c);
                if (column.role() == Role.SUM && column.kind() == Kind.MONEY) {
                    int k = c;
                    totals[c] = combined.stream()
                            .map(r -> (BigDecimal) r[k])
                            .filter(v -> v != null)
                            .reduce(BigDecimal.ZERO, BigDecimal::add);
                } else if (column.role() == Role.SUM && column.kind() == Kind.INTEGER) {
                    int k = c;
                    totals[c] = combined.stream()
                            .filter(r -> r[k] != null)
                            .mapToLong(r -> ((Number) r[k]).longValue())
                            .sum();
                }
            }
            tables.add(new Table(title + " in " + target, target, columns, combined, totals));
        });
        List<Object[]> rates = used.values().stream()
                .map(q -> new Object[] {
                    q.from(),
                    q.requested(),
                    q.dated(),
                    "1 " + q.from() + " = " + q.rate().stripTrailingZeros().toPlainString() + " " + q.to(),
                    q.inverse() ? "inverse of the " + q.to() + "/" + q.from() + " rate" : "",
                    q.source()
                })
                .toList();
        List<Column> rateColumns = List.of(
                new Column("Currency", Kind.TEXT, 8),
                new Column("For day", Kind.DATE, 11),
                new Column("Rate of", Kind.DATE, 11),
                new Column("Rate", Kind.TEXT, 30),
                new Column("How", Kind.TEXT, 26),
                new Column("Source", Kind.TEXT, 12));
        Object[] rateTotals = new Object[rateColumns.size()];
        rateTotals[0] = rates.size() + " rate(s)";
        tables.add(new Table("Rates used", null, rateColumns, rates, rateTotals));
        List<String> notes = new ArrayList<>(report.notes());
        notes.add("Converted to " + target + ": each row's amounts at the rate of its day (a month at its last day,"
                + " not after " + day + "; rows without a day at " + day + "), or the latest rate of the "
                + FxRateRule.LOOKBACK_DAYS + " days before, each amount rounded to the " + target
                + " minor unit, then rows of the same keys added. Balances and MRR are not totalled across days."
                + " The rates are listed under 'Rates used'.");
        return new Report(
                report.name(), report.title(), report.parameters() + ", in " + target, tables, List.copyOf(notes));
    }

    /** The day whose rate converts a row: its first date, else a YYYY-MM month's last day (at most {@code day}), else {@code day}. */
    static LocalDate dayOf(List<Column> columns, Object[] row, LocalDate day) {
        for (int c = 0; c < columns.size(); c++) {
            if (columns.get(c).kind() == Kind.DATE && row[c] instanceof LocalDate d) {
                return d;
            }
        }
        for (int c = 0; c < columns.size(); c++) {
            if (columns.get(c).kind() == Kind.TEXT && row[c] instanceof String s && s.matches("\\d{4}-\\d{2}")) {
                LocalDate end = LocalDate.parse(s + "-01").plusMonths(1).minusDays(1);
                return end.isAfter(day) ? day : end;
            }
        }
        return day;
    }

    private static String baseTitle(Table table) {
        String suffix = " " + table.currency();
        return table.currency() != null && table.title().endsWith(suffix)
                ? table.title().substring(0, table.title().length() - suffix.length())
                : table.title();
    }

    private static Object[] add(List<Column> columns, Object[] into, Object[] row) {
        for (int c = 0; c < columns.size(); c++) {
            Column column = columns.get(c);
            if (column.role() == Role.KEY || row[c] == null) {
                continue;
            }
            if (into[c] == null) {
                into[c] = row[c];
            } else if (column.kind() == Kind.MONEY) {
                into[c] = ((BigDecimal) into[c]).add((BigDecimal) row[c]);
            } else if (column.kind() == Kind.INTEGER) {
                into[c] = ((Number) into[c]).longValue() + ((Number) row[c]).longValue();
            }
        }
        return into;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Comparator<Object[]> byKeys(List<Column> columns) {
        int[] keys = java.util.stream.IntStream.range(0, columns.size())
                .filter(c -> columns.get(c).role() == Role.KEY)
                .toArray();
        return (a, b) -> {
            for (int c : keys) {
                Comparable x = (Comparable) a[c];
                Comparable y = (Comparable) b[c];
                int order = x == null ? (y == null ? 0 : -1) : y == null ? 1 : x.compareTo(y);
                if (order != 0) {
                    return order;
                }
            }
            return 0;
        };
    }
}
