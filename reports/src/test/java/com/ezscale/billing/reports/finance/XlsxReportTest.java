package com.ezscale.billing.reports.finance;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

class XlsxReportTest {

    @Test
    void aReportWithNothingInAnyCurrencyIsStillAWorkbookThatSaysSo() throws Exception {
        Report empty = new Report("aging", "Receivables aging", "as of 2026-11-30", List.of(), List.of());
        List<long[]> told = new ArrayList<>();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        XlsxReport.write(empty, out, (done, total) -> told.add(new long[] {done, total}));
        try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(out.toByteArray()))) {
            assertThat(book.getNumberOfSheets())
                    .as("Excel refuses a workbook without a sheet")
                    .isEqualTo(1);
            assertThat(book.getSheetAt(0).getRow(0).getCell(0).getStringCellValue())
                    .isEqualTo("Receivables aging");
            assertThat(book.getSheetAt(0).getRow(3).getCell(0).getStringCellValue())
                    .isEqualTo("Nothing to report for these parameters.");
        }
        assertThat(told).isEmpty();
    }
}
