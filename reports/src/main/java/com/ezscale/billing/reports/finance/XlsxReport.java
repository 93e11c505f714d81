package com.ezscale.billing.reports.finance;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.DataFormat;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

/**
 * Writes a {@link Report} as an XLSX workbook with POI's streaming {@link SXSSFWorkbook} (a window
 * of rows in memory, the rest flushed to a compressed temporary file): a sheet per table, the title
 * and parameters above a frozen header row with an autofilter, typed cells (amounts as numbers in
 * their currency's format, dates as dates, counts as integers), the totals in bold under the rows.
 */
public final class XlsxReport {

    private static final int WINDOW = 500;

    private XlsxReport() {}

    public static void write(Report report, OutputStream out) throws IOException {
        write(report, out, Progress.NONE);
    }

    /** Writes the workbook, telling {@code progress} the rows written. */
    public static void write(Report report, OutputStream out, Progress progress) throws IOException {
        Progress.Counter counter = Progress.counter(progress, report);
        SXSSFWorkbook workbook = new SXSSFWorkbook(WINDOW);
        workbook.setCompressTempFiles(true);
        try {
            Styles styles = new Styles(workbook);
            Set<String> names = new HashSet<>();
            for (Report.Table table : report.tables()) {
                SXSSFSheet sheet = workbook.createSheet(sheetName(table.title(), names));
                int r = 0;
                Row title = sheet.createRow(r++);
                text(
                        title,
                        0,
                        report.title() + (table.currency() == null ? "" : " (" + table.currency() + ")"),
                        styles.title);
                text(sheet.createRow(r++), 0, report.parameters(), null);
                r++;
                int header = r;
                Row head = sheet.createRow(r++);
                for (int c = 0; c < table.columns().size(); c++) {
                    Report.Column column = table.columns().get(c);
                    text(head, c, column.header(), styles.header);
                    sheet.setColumnWidth(c, Math.min(255, column.width()) * 256);
                }
                for (Object[] values : table.rows()) {
                    Row row = sheet.createRow(r++);
                    for (int c = 0; c < values.length; c++) {
                        cell(row, c, table.columns().get(c).kind(), values[c], styles, table.currency(), false);
                    }
                    counter.row();
                }
                int last = r - 1;
                sheet.createFreezePane(0, header + 1);
                sheet.setAutoFilter(new CellRangeAddress(
                        header, Math.max(header, last), 0, table.columns().size() - 1));
                if (table.totals() != null) {
                    Row totals = sheet.createRow(r++);
                    for (int c = 0; c < table.totals().length; c++) {
                        cell(
                                totals,
                                c,
                                table.columns().get(c).kind(),
                                table.totals()[c],
                                styles,
                                table.currency(),
                                true);
                    }
                }
                for (String note : report.notes()) {
                    text(sheet.createRow(++r), 0, note, null);
                }
            }
            if (report.tables().isEmpty()) {
                // nothing in any currency: still a workbook Excel opens (it refuses one without a sheet), saying so
                SXSSFSheet sheet = workbook.createSheet(sheetName(report.title(), names));
                text(sheet.createRow(0), 0, report.title(), styles.title);
                text(sheet.createRow(1), 0, report.parameters(), null);
                text(sheet.createRow(3), 0, "Nothing to report for these parameters.", null);
            }
            workbook.write(out);
        } finally {
            workbook.close(); // and its temporary files
        }
    }

    private static void cell(
            Row row, int c, Report.Kind kind, Object value, Styles styles, String currency, boolean total) {
        if (value == null) {
            return;
        }
        Cell cell = row.createCell(c);
        if (value instanceof String label) {
            cell.setCellValue(label);
            if (total) {
                cell.setCellStyle(styles.header);
            }
            return;
        }
        switch (kind) {
            case MONEY -> {
                cell.setCellValue(((BigDecimal) value).doubleValue());
                cell.setCellStyle(styles.money(currency, total));
            }
            case NUMBER -> {
                cell.setCellValue(((BigDecimal) value).doubleValue());
                cell.setCellStyle(total ? styles.numberTotal : styles.number);
            }
            case INTEGER -> {
                cell.setCellValue(((Number) value).longValue());
                cell.setCellStyle(total ? styles.integerTotal : styles.integer);
            }
            case DATE -> {
                if (value instanceof LocalDate day) {
                    cell.setCellValue(day);
                    cell.setCellStyle(styles.date);
                } else {
                    cell.setCellValue(value.toString());
                }
            }
            default -> {
                cell.setCellValue(value.toString());
                if (total) {
                    cell.setCellStyle(styles.header);
                }
            }
        }
    }

    private static void text(Row row, int c, String value, CellStyle style) {
        Cell cell = row.createCell(c);
        cell.setCellValue(value);
        if (style != null) {
            cell.setCellStyle(style);
        }
    }

    /** Sheet names: at most 31 characters, none of []:*?/\, unique in the workbook. */
    static String sheetName(String title, Set<String> taken) {
        String base = title.replaceAll("[\\[\\]:*?/\\\\]", " ");
        base = base.length() > 28 ? base.substring(0, 28) : base;
        String name = base;
        for (int n = 2; !taken.add(name.toLowerCase()); n++) {
            name = base + " " + n;
        }
        return name;
    }

    private static final class Styles {
        final SXSSFWorkbook workbook;
        final DataFormat format;
        final CellStyle title;
        final CellStyle header;
        final CellStyle date;
        final CellStyle integer;
        final CellStyle integerTotal;
        final CellStyle number;
        final CellStyle numberTotal;
        final Font bold;
        final Map<String, CellStyle> money = new HashMap<>();

        Styles(SXSSFWorkbook workbook) {
            this.workbook = workbook;
            this.format = workbook.createDataFormat();
            bold = workbook.createFont();
            bold.setBold(true);
            Font big = workbook.createFont();
            big.setBold(true);
            big.setFontHeightInPoints((short) 13);
            title = workbook.createCellStyle();
            title.setFont(big);
            header = workbook.createCellStyle();
            header.setFont(bold);
            date = style("yyyy-mm-dd", false);
            integer = style("#,##0", false);
            integerTotal = style("#,##0", true);
            number = style("#,##0.00##", false);
            numberTotal = style("#,##0.00##", true);
        }

        CellStyle style(String pattern, boolean isBold) {
            CellStyle s = workbook.createCellStyle();
            s.setDataFormat(format.getFormat(pattern));
            if (isBold) {
                s.setFont(bold);
            }
            return s;
        }

        /** The currency's own scale and sign: #,##0.00 "EUR"; JPY without decimals. */
        CellStyle money(String currency, boolean total) {
            return money.computeIfAbsent((total ? "T" : "") + currency, k -> {
                int digits = currency == null
                        ? 2
                        : java.util.Currency.getInstance(currency).getDefaultFractionDigits();
                String pattern = "#,##0" + (digits > 0 ? "." + "0".repeat(digits) : "")
                        + (currency == null ? "" : " \"" + currency + "\"");
                return style(pattern + ";-" + pattern, total);
            });
        }
    }
}
