package com.ezscale.billing.reports.finance;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

class PdfReportTest {

    @Test
    void aReportWithNothingInAnyCurrencyIsStillAPdfThatSaysSo() throws Exception {
        // a quiet month's credit notes: the monthly pack must not fail on it
        Report empty = new Report("credit-notes", "Credit notes", "2026-12-01 to 2026-12-31", List.of(), List.of());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PdfReport.write(empty, out);
        try (PDDocument doc = Loader.loadPDF(out.toByteArray())) {
            assertThat(doc.getNumberOfPages()).isEqualTo(1);
            assertThat(new PDFTextStripper().getText(doc))
                    .contains("Credit notes")
                    .contains("Nothing to report for these parameters.");
        }
    }
}
