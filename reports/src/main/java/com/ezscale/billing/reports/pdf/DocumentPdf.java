package com.ezscale.billing.reports.pdf;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import net.sf.jasperreports.engine.JRException;
import net.sf.jasperreports.engine.JasperCompileManager;
import net.sf.jasperreports.engine.JasperFillManager;
import net.sf.jasperreports.engine.JasperPrint;
import net.sf.jasperreports.engine.JasperReport;
import net.sf.jasperreports.export.SimpleExporterInput;
import net.sf.jasperreports.export.SimpleOutputStreamExporterOutput;
import net.sf.jasperreports.pdf.JRPdfExporter;
import net.sf.jasperreports.pdf.SimplePdfExporterConfiguration;

/**
 * Prints a {@link PrintedDocument} to PDF with JasperReports ({@code document.jrxml}, compiled once
 * per JVM), then pins what the PDF library would otherwise vary between two renders (dates, file
 * id, font subset tags: {@link PdfNormalizer}), so the same document always gives the same bytes.
 * Thread-safe.
 */
public final class DocumentPdf {

    public static final String CONTENT_TYPE = "application/pdf";

    private static final String TEMPLATE = "/com/ezscale/billing/reports/pdf/document.jrxml";

    private static volatile JasperReport compiled;

    public byte[] render(PrintedDocument document) {
        Map<String, Object> parameters = new HashMap<>(); // Jasper adds its own entries to this map: never Map.of
        parameters.put("title", document.title());
        parameters.put("number", document.number());
        parameters.put("sellerName", document.sellerName());
        parameters.put("sellerDetails", document.sellerDetails());
        parameters.put("metaLabels", column(document.meta(), 0));
        parameters.put("metaValues", column(document.meta(), 1));
        parameters.put("buyerName", document.buyerName());
        parameters.put("buyerDetails", document.buyerDetails());
        parameters.put("totalLabels", column(document.totals(), 0));
        parameters.put("totalValues", column(document.totals(), 1));
        parameters.put("dueLabel", document.dueLabel());
        parameters.put("dueValue", document.dueValue());
        parameters.put("notes", document.notes());
        try {
            JasperPrint print = JasperFillManager.fillReport(
                    template(), parameters, new RowsDataSource<>(document.rows(), DocumentPdf::field));
            ByteArrayOutputStream out = new ByteArrayOutputStream(32 * 1024);
            JRPdfExporter exporter = new JRPdfExporter();
            exporter.setExporterInput(new SimpleExporterInput(print));
            exporter.setExporterOutput(new SimpleOutputStreamExporterOutput(out));
            SimplePdfExporterConfiguration configuration = new SimplePdfExporterConfiguration();
            configuration.setMetadataTitle(document.title() + " " + document.number());
            configuration.setMetadataAuthor(document.sellerName());
            configuration.setMetadataCreator("EZSCALE Billing");
            configuration.setCompressed(true);
            exporter.setConfiguration(configuration);
            exporter.exportReport();
            return PdfNormalizer.normalize(out.toByteArray(), document.created(), document.number());
        } catch (JRException e) {
            throw new IllegalStateException("could not print " + document.number() + ": " + e.getMessage(), e);
        }
    }

    /** A field of the template's detail band, from a row. */
    private static Object field(PrintedDocument.Row r, String name) {
        return switch (name) {
            case "description" -> r.description();
            case "period" -> r.period();
            case "quantity" -> r.quantity();
            case "unitPrice" -> r.unitPrice();
            case "amount" -> r.amount();
            case "evidence" -> r.evidence();
            case "chart" -> r.chart();
            case "hasEvidence" -> r.evidence() != null;
            case "hasChart" -> r.chart() != null;
            default -> throw new IllegalArgumentException("the document template has no field " + name);
        };
    }

    private static String column(List<String[]> pairs, int index) {
        return pairs.stream().map(p -> p[index]).collect(Collectors.joining("\n"));
    }

    private static JasperReport template() throws JRException {
        JasperReport report = compiled;
        if (report == null) {
            synchronized (DocumentPdf.class) {
                report = compiled;
                if (report == null) {
                    try (InputStream in = DocumentPdf.class.getResourceAsStream(TEMPLATE)) {
                        report = JasperCompileManager.compileReport(in);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                    compiled = report;
                }
            }
        }
        return report;
    }
}
