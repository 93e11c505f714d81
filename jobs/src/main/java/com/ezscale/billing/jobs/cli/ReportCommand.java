package com.ezscale.billing.jobs.cli;

import com.ezscale.billing.reports.finance.FinanceReports;
import com.ezscale.billing.reports.finance.PdfReport;
import com.ezscale.billing.reports.finance.Progress;
import com.ezscale.billing.reports.finance.Report;
import com.ezscale.billing.reports.finance.XlsxReport;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Map;
import java.util.concurrent.Callable;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
        name = "report",
        mixinStandardHelpOptions = true,
        description = "Write a finance report as XLSX or PDF, one table per currency unless --currency converts them.",
        footerHeading = "%nReports:%n",
        footer = {
            "  aging         open receivables on --as-of by customer and currency: current, 1-30, 31-60, 61-90, 90+ days",
            "  revenue       invoiced, credited and net (before tax) by month, product and plan, --from to --to",
            "  tax           tax by jurisdiction and rate, reverse-charge net amounts by customer VAT number",
            "  payments      payments and refunds by day and method, with disputes",
            "  credit-notes  every credit note issued: what it credits, why, how it was settled",
            "  dunning       dunning steps by kind, late fees and suspensions per month",
            "  pnl           per month: invoiced, late fees, credit notes, net revenue, refunds, cash received",
            "  deferred      revenue recognised day by day over each invoiced period, deferred balance at month ends",
            "  usage         services by 95th percentile and transfer (latest ratings), and the threshold events",
            "  leak          the revenue leak: traffic no service owned, by day and prefix",
            "  mrr           MRR and ARR at each month end with new, reactivation, expansion, contraction, churn"
        })
class ReportCommand implements Callable<Integer> {

    enum Format {
        xlsx,
        pdf
    }

    @CommandLine.ParentCommand
    Main main;

    @Parameters(
            index = "0",
            paramLabel = "NAME",
            description = "aging, revenue, tax, payments, credit-notes, dunning, pnl, deferred, usage, leak or mrr")
    String name;

    @Option(names = "--from", paramLabel = "DATE", description = "first day of the period (included)")
    LocalDate from;

    @Option(names = "--to", paramLabel = "DATE", description = "last day of the period (included)")
    LocalDate to;

    @Option(
            names = "--as-of",
            paramLabel = "DATE",
            description = "the day of a point-in-time report (aging); default --to, else today")
    LocalDate asOf;

    @Option(
            names = "--currency",
            paramLabel = "CODE",
            description =
                    "convert every amount into this currency with the stored exchange rates (`fx`), listed on"
                            + " the report; refused when a rate is missing. Default: one table per currency, nothing converted.")
    String currency;

    @Option(
            names = "--progress",
            negatable = true,
            description = "print rows done and the rate on stderr while writing (default: when run from a terminal)")
    Boolean progress;

    @Option(names = "--format", required = true, paramLabel = "xlsx|pdf")
    Format format;

    @Option(names = "--out", required = true, paramLabel = "FILE")
    Path out;

    @Override
    public Integer call() throws Exception {
        try (ConfigurableApplicationContext context = Contexts.oneShot(main, Map.of())) {
            LocalDate day = asOf != null ? asOf : to != null ? to : LocalDate.now(context.getBean(Clock.class));
            long start = System.nanoTime();
            boolean printing = progress != null ? progress : System.console() != null;
            if (printing) {
                System.err.printf("%s: reading the ledger...%n", name);
            }
            Report report = context.getBean(FinanceReports.class).run(name, from, to, day, currency);
            if (printing) {
                System.err.printf(
                        "%s: %,d rows read in %.1f s%n",
                        name,
                        report.tables().stream().mapToInt(t -> t.rows().size()).sum(),
                        (System.nanoTime() - start) / 1e9);
            }
            Progress shown = printing ? new TerminalProgress(name, start) : Progress.NONE;
            Path partial = Files.createTempFile(out.toAbsolutePath().getParent(), ".report-", ".part");
            try {
                try (OutputStream stream = Files.newOutputStream(partial)) {
                    if (format == Format.xlsx) {
                        XlsxReport.write(report, stream, shown);
                    } else {
                        PdfReport.write(report, stream, shown);
                    }
                }
                Files.move(partial, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(partial);
            }
            int rows = report.tables().stream().mapToInt(t -> t.rows().size()).sum();
            System.out.printf(
                    "%s %s: %d table(s), %,d row(s), %,d bytes in %.1f s, written to %s%n",
                    report.name(),
                    report.parameters(),
                    report.tables().size(),
                    rows,
                    Files.size(out),
                    (System.nanoTime() - start) / 1e9,
                    out);
            return 0;
        }
    }

    /** Progress on stderr: rows written of the total and the rate, rewritten in place at most twice a second. */
    static final class TerminalProgress implements Progress {
        private final String name;
        private final long start;
        private long shownAt;

        TerminalProgress(String name, long start) {
            this.name = name;
            this.start = start;
        }

        @Override
        public void rows(long done, long total) {
            long now = System.nanoTime();
            if (done < total && now - shownAt < 500_000_000L) {
                return;
            }
            shownAt = now;
            double seconds = Math.max(1e-3, (now - start) / 1e9);
            System.err.printf(
                    "\r%s: %,d of %,d rows written, %,.0f rows/s, %.1f s%s",
                    name, done, total, done / seconds, seconds, done == total ? System.lineSeparator() : "");
            System.err.flush();
        }
    }
}
