package com.ezscale.billing.portal.finance;

import com.ezscale.billing.app.run.JobControl;
import com.ezscale.billing.audit.db.AuditMapper;
import com.ezscale.billing.portal.web.Forms;
import com.ezscale.billing.report.db.ReportMapper;
import com.ezscale.billing.report.db.ReportOutput;
import com.ezscale.billing.reports.finance.FinanceReports;
import com.ezscale.billing.reports.finance.PdfReport;
import com.ezscale.billing.reports.finance.Report;
import com.ezscale.billing.reports.finance.XlsxReport;
import com.ezscale.billing.rules.BillingRuleViolation;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Principal;
import java.time.Clock;
import java.time.LocalDate;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The finance reports: any report for a range as XLSX or PDF, and the monthly packs' stored files. Downloads are audited. */
@Controller
public class ReportsController {

    static final MediaType XLSX =
            MediaType.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");

    /** How many of the reports run as jobs the page lists. */
    static final int REQUESTS = 20;

    private final JobControl jobs;
    private final FinanceReports reports;
    private final ReportMapper mapper;
    private final AuditMapper audit;
    private final Clock clock;

    public ReportsController(
            FinanceReports reports, ReportMapper mapper, AuditMapper audit, JobControl jobs, Clock clock) {
        this.jobs = jobs;
        this.reports = reports;
        this.mapper = mapper;
        this.audit = audit;
        this.clock = clock;
    }

    @GetMapping("/finance/reports")
    public String list(Model model) {
        model.addAttribute("names", FinanceReports.NAMES);
        model.addAttribute("files", mapper.selectStoredReportFiles(200));
        model.addAttribute("requests", mapper.selectReportRequests(REQUESTS));
        LocalDate today = LocalDate.now(clock);
        model.addAttribute("from", today.withDayOfMonth(1).minusMonths(1));
        model.addAttribute("to", today.withDayOfMonth(1).minusDays(1));
        return "finance/reports";
    }

    @GetMapping("/finance/reports/run")
    public Object run(
            @RequestParam(defaultValue = "") String name,
            @RequestParam(defaultValue = "") String from,
            @RequestParam(defaultValue = "") String to,
            @RequestParam(defaultValue = "") String asOf,
            @RequestParam(defaultValue = "") String currency,
            @RequestParam(defaultValue = "xlsx") String format,
            Principal principal,
            Model model,
            HttpServletResponse response)
            throws IOException {
        try {
            if (!format.equals("xlsx") && !format.equals("pdf")) {
                throw new BillingRuleViolation("format: xlsx or pdf");
            }
            LocalDate f = Forms.date("from", from);
            LocalDate t = Forms.date("to", to);
            LocalDate day = asOf.isBlank() ? (t != null ? t : LocalDate.now(clock)) : Forms.date("as of", asOf);
            Report report = reports.run(name, f, t, day, currency.isBlank() ? null : currency.strip());
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            if (format.equals("xlsx")) {
                XlsxReport.write(report, out);
            } else {
                PdfReport.write(report, out);
            }
            audit.insert(
                    clock.instant(),
                    principal.getName(),
                    "report.download",
                    "report " + name,
                    report.parameters() + " " + format);
            String file = name + "-" + (name.equals("aging") ? day : f + "-" + t) + "." + format;
            return ResponseEntity.ok()
                    .contentType(format.equals("xlsx") ? XLSX : MediaType.APPLICATION_PDF)
                    .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + file + "\"")
                    .body(out.toByteArray());
        } catch (BillingRuleViolation | IllegalArgumentException e) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            model.addAttribute("error", e.getMessage());
            return list(model);
        }
    }

    /** A report run as a job by a serve node (see {@link JobControl#runReport}); its progress and file show on the list. */
    @PostMapping("/finance/reports/jobs")
    public String runAsJob(
            @RequestParam(defaultValue = "") String name,
            @RequestParam(defaultValue = "") String from,
            @RequestParam(defaultValue = "") String to,
            @RequestParam(defaultValue = "") String asOf,
            @RequestParam(defaultValue = "") String currency,
            @RequestParam(defaultValue = "xlsx") String format,
            Principal principal,
            Model model,
            HttpServletResponse response,
            RedirectAttributes redirect) {
        try {
            boolean aging = name.equals("aging"); // a day, not a range: the form's range is not its
            LocalDate f = aging ? null : Forms.date("from", from);
            LocalDate t = aging ? null : Forms.date("to", to);
            if (!aging && (f == null || t == null)) {
                throw new BillingRuleViolation("from and to: the " + name + " report covers a range of days");
            }
            LocalDate day = asOf.isBlank() ? (t != null ? t : LocalDate.now(clock)) : Forms.date("as of", asOf);
            long id = jobs.runReport(
                    name,
                    f,
                    t,
                    day,
                    currency.isBlank() ? null : currency.strip().toUpperCase(java.util.Locale.ROOT),
                    format,
                    FinanceReports.NAMES.keySet(),
                    principal.getName());
            redirect.addFlashAttribute(
                    "message", "Report request " + id + ": a serve node writes it; its progress shows below.");
            return "redirect:/finance/reports";
        } catch (BillingRuleViolation e) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            model.addAttribute("error", e.getMessage());
            model.addAttribute("selected", name);
            return list(model);
        }
    }

    /** The reports run as jobs, as the page's table (htmx refreshes it while one is being written). */
    @GetMapping("/finance/reports/requests")
    public String requests(Model model) {
        model.addAttribute("requests", mapper.selectReportRequests(REQUESTS));
        return "finance/report-parts :: requests";
    }

    @GetMapping("/finance/reports/outputs/{id}")
    public ResponseEntity<byte[]> output(@PathVariable long id, Principal principal) {
        ReportOutput output = mapper.selectReportOutput(id);
        if (output == null) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no report output " + id);
        }
        audit.insert(
                clock.instant(),
                principal.getName(),
                "report.download",
                "report " + output.report(),
                output.parameters() + " " + output.format() + " (execution " + output.jobExecutionId() + ")");
        return ResponseEntity.ok()
                .contentType(output.format().equals("xlsx") ? XLSX : MediaType.APPLICATION_PDF)
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + output.fileName() + "\"")
                .body(output.content());
    }

    @GetMapping("/finance/reports/files/{id}")
    public ResponseEntity<byte[]> file(@PathVariable long id, Principal principal) throws IOException {
        var row = mapper.selectStoredReportFile(id);
        if (row == null) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no report file " + id);
        }
        Path path = Path.of(row.path());
        if (!Files.isReadable(path)) {
            throw new ResponseStatusException(HttpStatus.GONE, "the pack file " + path + " is not on this node's disk");
        }
        audit.insert(clock.instant(), principal.getName(), "report.file", "report_file " + id, row.path());
        return ResponseEntity.ok()
                .contentType(row.format().equals("xlsx") ? XLSX : MediaType.APPLICATION_PDF)
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + path.getFileName() + "\"")
                .body(Files.readAllBytes(path));
    }
}
