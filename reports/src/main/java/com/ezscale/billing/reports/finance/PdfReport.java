package com.ezscale.billing.reports.finance;

import com.ezscale.billing.reports.pdf.DocumentLayout;
import com.ezscale.billing.reports.pdf.RowsDataSource;
import java.awt.Color;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import net.sf.jasperreports.engine.JRException;
import net.sf.jasperreports.engine.JRParameter;
import net.sf.jasperreports.engine.JasperCompileManager;
import net.sf.jasperreports.engine.JasperFillManager;
import net.sf.jasperreports.engine.JasperPrint;
import net.sf.jasperreports.engine.JasperReport;
import net.sf.jasperreports.engine.design.JRDesignBand;
import net.sf.jasperreports.engine.design.JRDesignExpression;
import net.sf.jasperreports.engine.design.JRDesignField;
import net.sf.jasperreports.engine.design.JRDesignFrame;
import net.sf.jasperreports.engine.design.JRDesignParameter;
import net.sf.jasperreports.engine.design.JRDesignSection;
import net.sf.jasperreports.engine.design.JRDesignStaticText;
import net.sf.jasperreports.engine.design.JRDesignStyle;
import net.sf.jasperreports.engine.design.JRDesignTextField;
import net.sf.jasperreports.engine.design.JasperDesign;
import net.sf.jasperreports.engine.fill.JRSwapFileVirtualizer;
import net.sf.jasperreports.engine.type.HorizontalTextAlignEnum;
import net.sf.jasperreports.engine.type.ModeEnum;
import net.sf.jasperreports.engine.type.OrientationEnum;
import net.sf.jasperreports.engine.type.PositionTypeEnum;
import net.sf.jasperreports.engine.type.TextAdjustEnum;
import net.sf.jasperreports.engine.util.JRSwapFile;
import net.sf.jasperreports.export.SimpleExporterInput;
import net.sf.jasperreports.export.SimpleOutputStreamExporterOutput;
import net.sf.jasperreports.pdf.JRPdfExporter;
import net.sf.jasperreports.pdf.SimplePdfExporterConfiguration;

/**
 * Writes a {@link Report} as a PDF with JasperReports: a section per table (its title, the report's
 * parameters, a header repeated on every page, the rows, the totals in bold), portrait or landscape
 * by the columns' widths. The layout is built with Jasper's design API from the columns (compiled
 * once per shape; every expression a bare $F or $P reference, evaluated without javac). Long
 * tables fill through a swap-file virtualizer, so their pages do not all sit in the heap.
 */
public final class PdfReport {

    private static final Map<String, JasperReport> COMPILED = new ConcurrentHashMap<>();
    private static final int VIRTUALIZE_ABOVE_ROWS = 2_000;

    private PdfReport() {}

    public static void write(Report report, OutputStream out) {
        write(report, out, Progress.NONE);
    }

    /** Prints the report, telling {@code progress} the rows filled. */
    public static void write(Report report, OutputStream out, Progress progress) {
        Progress.Counter counter = Progress.counter(progress, report);
        JRSwapFileVirtualizer virtualizer = null;
        try {
            List<JasperPrint> prints = new ArrayList<>();
            // nothing in any currency (a quiet month's credit notes): still a PDF, one page saying so; the exporter
            // refuses an empty input, and a monthly pack must not fail for a report with nothing in it
            List<Report.Table> tables = report.tables().isEmpty()
                    ? List.of(new Report.Table(
                            "Nothing to report",
                            null,
                            List.of(new Report.Column("", Report.Kind.TEXT, 100)),
                            List.<Object[]>of(new Object[] {"Nothing to report for these parameters."}),
                            null))
                    : report.tables();
            for (Report.Table table : tables) {
                boolean landscape =
                        table.columns().stream().mapToInt(Report.Column::width).sum() > 110;
                JasperReport layout = COMPILED.computeIfAbsent(shape(table, landscape), k -> compile(table, landscape));
                Map<String, Object> parameters = new HashMap<>(); // Jasper writes into it: never Map.of
                parameters.put(
                        "title", report.title() + (table.currency() == null ? "" : " (" + table.currency() + ")"));
                parameters.put("subtitle", table.title() + " · " + report.parameters());
                parameters.put("notes", String.join("\n", report.notes()));
                for (int c = 0; c < table.columns().size(); c++) {
                    Object total = table.totals() == null ? null : table.totals()[c];
                    parameters.put("t" + c, text(table.columns().get(c).kind(), total, table.currency()));
                }
                if (table.rows().size() > VIRTUALIZE_ABOVE_ROWS) {
                    if (virtualizer == null) {
                        virtualizer = new JRSwapFileVirtualizer(
                                200, new JRSwapFile(System.getProperty("java.io.tmpdir"), 4096, 1024), true);
                    }
                    parameters.put(JRParameter.REPORT_VIRTUALIZER, virtualizer);
                }
                Report.Kind[] kinds =
                        table.columns().stream().map(Report.Column::kind).toArray(Report.Kind[]::new);
                prints.add(JasperFillManager.fillReport(
                        layout,
                        parameters,
                        new RowsDataSource<>(
                                table.rows(),
                                (row, field) -> {
                                    int c = Integer.parseInt(field.substring(1));
                                    return text(kinds[c], row[c], table.currency());
                                },
                                counter::row)));
            }
            JRPdfExporter exporter = new JRPdfExporter();
            exporter.setExporterInput(SimpleExporterInput.getInstance(prints));
            exporter.setExporterOutput(new SimpleOutputStreamExporterOutput(out));
            SimplePdfExporterConfiguration configuration = new SimplePdfExporterConfiguration();
            configuration.setMetadataTitle(report.title() + " " + report.parameters());
            configuration.setMetadataCreator("EZSCALE Billing");
            configuration.setCompressed(true);
            exporter.setConfiguration(configuration);
            exporter.exportReport();
        } catch (JRException e) {
            throw new IllegalStateException("could not print the " + report.name() + " report: " + e.getMessage(), e);
        } finally {
            if (virtualizer != null) {
                virtualizer.cleanup();
            }
        }
    }

    static String text(Report.Kind kind, Object value, String currency) {
        if (value == null) {
            return "";
        }
        if (value instanceof String label) {
            return label;
        }
        return switch (kind) {
            case MONEY ->
                currency == null
                        ? plain((BigDecimal) value, 2, 2)
                        : DocumentLayout.amount((BigDecimal) value, Currency.getInstance(currency));
            case NUMBER -> plain((BigDecimal) value, 2, 4);
            case INTEGER -> plain(BigDecimal.valueOf(((Number) value).longValue()), 0, 0);
            default -> value.toString();
        };
    }

    private static String plain(BigDecimal v, int min, int max) {
        DecimalFormat f = new DecimalFormat("#,##0", DecimalFormatSymbols.getInstance(Locale.ROOT));
        f.setMinimumFractionDigits(min);
        f.setMaximumFractionDigits(max);
        return f.format(v);
    }

    private static String shape(Report.Table table, boolean landscape) {
        return landscape + ":"
                + table.columns().stream()
                        .map(c -> c.header() + "/" + c.kind() + "/" + c.width())
                        .collect(Collectors.joining("|"));
    }

    private static JasperReport compile(Report.Table table, boolean landscape) {
        try {
            JasperDesign d = new JasperDesign();
            d.setName("table");
            int pageWidth = landscape ? 842 : 595;
            d.setPageWidth(pageWidth);
            d.setPageHeight(landscape ? 595 : 842);
            d.setOrientation(landscape ? OrientationEnum.LANDSCAPE : OrientationEnum.PORTRAIT);
            d.setLeftMargin(30);
            d.setRightMargin(30);
            d.setTopMargin(30);
            d.setBottomMargin(30);
            int width = pageWidth - 60;
            d.setColumnWidth(width);
            JRDesignStyle base = new JRDesignStyle();
            base.setName("base");
            base.setDefault(true);
            base.setFontName("DejaVu Sans");
            base.setFontSize(7.5f);
            d.addStyle(base);
            for (String p : List.of("title", "subtitle", "notes")) {
                d.addParameter(parameter(p));
            }
            int n = table.columns().size();
            int[] x = new int[n + 1];
            int total = table.columns().stream().mapToInt(Report.Column::width).sum();
            for (int c = 0; c < n; c++) {
                d.addParameter(parameter("t" + c));
                JRDesignField f = new JRDesignField();
                f.setName("c" + c);
                f.setValueClass(String.class);
                d.addField(f);
                x[c + 1] = x[c] + table.columns().get(c).width() * width / total;
            }
            x[n] = width;

            JRDesignBand title = new JRDesignBand();
            title.setHeight(34);
            title.addElement(textField("$P{title}", 0, 0, width, 16, 12f, true, false));
            title.addElement(textField("$P{subtitle}", 0, 17, width, 12, 8f, false, false));
            d.setTitle(title);

            JRDesignBand header = new JRDesignBand();
            header.setHeight(16);
            JRDesignFrame background = new JRDesignFrame();
            background.setWidth(width);
            background.setHeight(14);
            background.setMode(ModeEnum.OPAQUE);
            background.setBackcolor(new Color(0xEE, 0xF1, 0xF5));
            header.addElement(background);
            JRDesignBand detail = new JRDesignBand();
            detail.setHeight(12);
            JRDesignBand summary = new JRDesignBand();
            summary.setHeight(32);
            for (int c = 0; c < n; c++) {
                Report.Column column = table.columns().get(c);
                boolean right = column.kind() == Report.Kind.MONEY
                        || column.kind() == Report.Kind.NUMBER
                        || column.kind() == Report.Kind.INTEGER;
                int w = x[c + 1] - x[c];
                JRDesignStaticText h = new JRDesignStaticText();
                h.setX(x[c] + 2);
                h.setY(2);
                h.setWidth(w - 4);
                h.setHeight(11);
                h.setText(column.header());
                h.setBold(true);
                h.setHorizontalTextAlign(right ? HorizontalTextAlignEnum.RIGHT : HorizontalTextAlignEnum.LEFT);
                header.addElement(h);
                detail.addElement(textField("$F{c" + c + "}", x[c] + 2, 1, w - 4, 10, 7.5f, false, right));
                summary.addElement(textField("$P{t" + c + "}", x[c] + 2, 4, w - 4, 11, 7.5f, true, right));
            }
            JRDesignTextField notes = textField("$P{notes}", 0, 18, width, 12, 7f, false, false);
            notes.setPositionType(PositionTypeEnum.FLOAT);
            summary.addElement(notes);
            d.setColumnHeader(header);
            ((JRDesignSection) d.getDetailSection()).addBand(detail);
            d.setSummary(summary);

            JRDesignBand footer = new JRDesignBand();
            footer.setHeight(14);
            footer.addElement(textField("$V{PAGE_NUMBER}", width - 40, 2, 40, 10, 7f, false, true));
            d.setPageFooter(footer);
            return JasperCompileManager.compileReport(d);
        } catch (JRException e) {
            throw new IllegalStateException("could not lay out a report table: " + e.getMessage(), e);
        }
    }

    private static JRDesignParameter parameter(String name) {
        JRDesignParameter p = new JRDesignParameter();
        p.setName(name);
        p.setValueClass(String.class);
        return p;
    }

    private static JRDesignTextField textField(
            String expression, int x, int y, int width, int height, float size, boolean bold, boolean right) {
        JRDesignTextField t = new JRDesignTextField();
        t.setX(x);
        t.setY(y);
        t.setWidth(width);
        t.setHeight(height);
        t.setExpression(new JRDesignExpression(expression));
        t.setFontSize(size);
        t.setBold(bold);
        t.setTextAdjust(TextAdjustEnum.STRETCH_HEIGHT);
        t.setHorizontalTextAlign(right ? HorizontalTextAlignEnum.RIGHT : HorizontalTextAlignEnum.LEFT);
        return t;
    }
}
