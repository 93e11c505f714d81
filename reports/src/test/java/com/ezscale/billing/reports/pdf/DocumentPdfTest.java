package com.ezscale.billing.reports.pdf;

import static org.assertj.core.api.Assertions.assertThat;

import com.ezscale.billing.document.db.SheetTax;
import com.ezscale.billing.document.db.UsageEvidence;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

/** The PDF itself, read back with PDFBox: what it says, its fonts, and that the same document gives the same bytes. */
class DocumentPdfTest {

    private final DocumentPdf pdf = new DocumentPdf();

    private PrintedDocument jpyInvoiceWithUsage() {
        UsageEvidence e = new UsageEvidence(
                41,
                9,
                DocumentLayoutTest.NOV,
                DocumentLayoutTest.NOV.plusMonths(1),
                0,
                8640,
                8640,
                8207,
                3_750_000_000L,
                1_875_000_000L,
                "MAX_OF_IN_AND_OUT",
                new BigDecimal("100"),
                new BigDecimal("50"),
                new BigDecimal("50"),
                1_200_000_000_000L,
                600_000_000_000L,
                null,
                null,
                null,
                null);
        double[] in = new double[8640];
        double[] out = new double[8640];
        for (int i = 0; i < in.length; i++) {
            in[i] = 60 + 40 * Math.sin(i * 2 * Math.PI / 288);
            out[i] = in[i] / 2;
        }
        var sheet = DocumentLayoutTest.invoice("JPY", "STANDARD", null, "16500", "0", "0");
        sheet = new com.ezscale.billing.document.db.InvoiceSheet(
                sheet.id(),
                sheet.number(),
                sheet.currency(),
                sheet.issueDate(),
                sheet.dueDate(),
                sheet.issuedAt(),
                "EZSCALE Japan K.K.\nChiyoda-ku, Tokyo\nJP",
                "Светлана Иванова",
                "Ελληνική Φιλοξενία Α.Ε.",
                "svetlana@example.com",
                "Ул. Ленина 1\nΑθήνα 105 57",
                null,
                "GR",
                null,
                new BigDecimal("15000"),
                new BigDecimal("1500"),
                new BigDecimal("16500"),
                BigDecimal.ZERO,
                BigDecimal.ZERO,
                false,
                "STANDARD",
                null);
        return DocumentLayout.invoice(
                sheet,
                List.of(
                        DocumentLayoutTest.line(1, "RECURRING", "10000", null, null),
                        DocumentLayoutTest.line(2, "USAGE_COMMIT", "5000", null, 41L)),
                List.of(new SheetTax(
                        "Consumption tax", new BigDecimal("10.0000"), new BigDecimal("15000"), new BigDecimal("1500"))),
                List.of(e),
                Map.of(
                        41L,
                        new UsageChart(
                                DocumentLayoutTest.NOV,
                                in,
                                out,
                                new BigDecimal("100"),
                                new BigDecimal("50"),
                                "95th percentile")),
                "Bank transfer: Mizuho, quoting {number}. Paiement accepté en €, £ ou ¥.");
    }

    @Test
    void theSameDocumentGivesTheSameBytesEveryTime() {
        PrintedDocument d = jpyInvoiceWithUsage();
        byte[] first = pdf.render(d);
        byte[] second = pdf.render(d);
        assertThat(second).isEqualTo(first);
        assertThat(Documents.sha256(second)).isEqualTo(Documents.sha256(first)).hasSize(64);
    }

    @Test
    void itSaysWhatTheRowsSayInTheirOwnScriptsWithEveryFontEmbedded() throws IOException {
        byte[] bytes = pdf.render(jpyInvoiceWithUsage());
        try (PDDocument doc = Loader.loadPDF(bytes)) {
            String text = new PDFTextStripper().getText(doc);
            assertThat(text)
                    .contains("INVOICE", "INV-2026-000007", "Ελληνική Φιλοξενία Α.Ε.", "Светлана Иванова")
                    .contains("¥16,500", "15,000", "1,500", "€, £ ou ¥")
                    .contains("N = 8,640 five-minute samples, rank 8,208")
                    .doesNotContain("16,500.00"); // JPY has no minor unit
            assertThat(doc.getDocumentInformation().getCreationDate().toInstant())
                    .isEqualTo(java.time.Instant.parse("2026-11-01T02:00:00Z"));
            List<String> fonts = new ArrayList<>();
            for (PDPage page : doc.getPages()) {
                for (COSName name : page.getResources().getFontNames()) {
                    PDFont font = page.getResources().getFont(name);
                    fonts.add(font.getName());
                    assertThat(font.isEmbedded()).as(font.getName()).isTrue();
                }
            }
            assertThat(fonts).anyMatch(f -> f.endsWith("DejaVuSans")).allMatch(f -> f.matches("[A-Z]{6}\\+.*"));
        }
    }
}
