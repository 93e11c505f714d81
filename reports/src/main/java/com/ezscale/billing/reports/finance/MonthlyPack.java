package com.ezscale.billing.reports.finance;

import com.ezscale.billing.report.db.ReportFileRow;
import com.ezscale.billing.report.db.ReportMapper;
import com.ezscale.billing.reports.pdf.Documents;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

/**
 * The finance pack of a month: every report of {@link FinanceReports#NAMES} for the month, as XLSX
 * and PDF, written into {@code ezscale.reports.pack-dir}/YYYY-MM/ and recorded in {@code report_file}
 * with its SHA-256 and the job execution that wrote it. What is recorded is not written again, so a
 * rerun of the day writes nothing.
 */
@Service("financePack") // the bean name "monthlyPack" is the job's
public class MonthlyPack {

    static final List<String> FORMATS = List.of("xlsx", "pdf");

    private static final Logger log = LoggerFactory.getLogger(MonthlyPack.class);

    private final FinanceReports reports;
    private final ReportMapper files;
    private final Clock clock;
    private final Path directory;

    public MonthlyPack(
            FinanceReports reports,
            ReportMapper files,
            Clock clock,
            @Value("${ezscale.reports.pack-dir:}") String directory) {
        this.reports = reports;
        this.files = files;
        this.clock = clock;
        this.directory = directory == null || directory.isBlank() ? null : Path.of(directory);
    }

    /**
     * On the 1st of a month, the month before's pack; any other day, or with no {@code pack-dir}
     * configured (said in the log), nothing. Returns the files written.
     */
    public int render(LocalDate asOf, Long jobExecutionId) {
        if (asOf.getDayOfMonth() != 1) {
            return 0;
        }
        if (directory == null) {
            log.warn("ezscale.reports.pack-dir is not set: the {} finance pack is not written", asOf.minusDays(1));
            return 0;
        }
        return render(YearMonth.from(asOf.minusDays(1)), jobExecutionId);
    }

    /** The pack of {@code month}: the files not recorded yet. Returns how many were written. */
    public int render(YearMonth month, Long jobExecutionId) {
        Set<String> done = files.selectReportFiles(month.toString()).stream()
                .map(f -> f.report() + "." + f.format())
                .collect(Collectors.toSet());
        Path folder = directory.resolve(month.toString());
        int written = 0;
        try {
            Files.createDirectories(folder);
            for (String name : FinanceReports.NAMES.keySet()) {
                Report report = null;
                for (String format : FORMATS) {
                    if (done.contains(name + "." + format)) {
                        continue;
                    }
                    if (report == null) {
                        report = reports.run(name, month.atDay(1), month.atEndOfMonth(), month.atEndOfMonth());
                    }
                    Path file = folder.resolve(name + "." + format);
                    Path partial = Files.createTempFile(folder, "." + name, ".part");
                    try {
                        try (OutputStream out = Files.newOutputStream(partial)) {
                            if (format.equals("xlsx")) {
                                XlsxReport.write(report, out);
                            } else {
                                PdfReport.write(report, out);
                            }
                        }
                        Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                    } finally {
                        Files.deleteIfExists(partial);
                    }
                    byte[] bytes = Files.readAllBytes(file);
                    files.insertReportFile(new ReportFileRow(
                            month.toString(),
                            name,
                            format,
                            file.toAbsolutePath().toString(),
                            Documents.sha256(bytes),
                            bytes.length,
                            jobExecutionId,
                            clock.instant()));
                    written++;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the " + month + " pack into " + folder, e);
        }
        return written;
    }
}
