package com.ezscale.billing.portal.api;

import com.ezscale.billing.app.run.JobControl;
import com.ezscale.billing.audit.db.AuditMapper;
import com.ezscale.billing.portal.security.TokenPrincipal;
import com.ezscale.billing.portal.web.Forms;
import com.ezscale.billing.report.db.ReportMapper;
import com.ezscale.billing.report.db.ReportOutput;
import com.ezscale.billing.report.db.ReportRequestRow;
import com.ezscale.billing.reports.finance.FinanceReports;
import com.ezscale.billing.rules.BillingRuleViolation;
import com.ezscale.billing.run.db.JobRequestRow;
import com.ezscale.billing.run.db.RunMapper;
import com.ezscale.billing.run.db.RunSummary;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * The staff API, mirroring the staff portal: admins list executions and ask for a run, restart or
 * stop (a one-shot Quartz trigger a serve node picks up, as the portal's buttons do); finance asks
 * for a report as a job, follows it and downloads its file. Each action is audited as the token's
 * staff member, by the same services as the pages.
 */
@RestController
@RequestMapping(path = "/api/v1/staff", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "staff", description = "Job control (ADMIN tokens) and reports (FINANCE tokens)")
@SecurityRequirement(name = "token")
public class StaffApiController {

    private final RunMapper runs;
    private final JobControl jobs;
    private final ReportMapper reports;
    private final AuditMapper audit;
    private final Clock clock;

    public StaffApiController(RunMapper runs, JobControl jobs, ReportMapper reports, AuditMapper audit, Clock clock) {
        this.runs = runs;
        this.jobs = jobs;
        this.reports = reports;
        this.audit = audit;
        this.clock = clock;
    }

    /** A request stored: a serve node starts it within seconds. */
    public record Accepted(long request) {}

    public record RunRequest(String job, String asOf) {}

    public record ReportRequest(String name, String from, String to, String asOf, String currency, String format) {}

    @GetMapping("/jobs")
    @Operation(summary = "Executions, newest first (job, asOf, status, counts, parked customers)")
    public List<RunSummary> executions(
            @RequestParam(required = false) String job,
            @RequestParam(required = false) String status,
            @RequestParam(required = false) Long before) {
        return runs.selectRuns(job, status, before, 50);
    }

    @GetMapping("/jobs/requests")
    @Operation(summary = "Runs, restarts and stops asked for, and what became of them")
    public List<JobRequestRow> requests() {
        return jobs.recentRequests(50);
    }

    @PostMapping(path = "/jobs/runs", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Run a job for a day: {\"job\": \"invoiceRun\", \"asOf\": \"2026-11-30\"}")
    public ResponseEntity<Accepted> run(@AuthenticationPrincipal TokenPrincipal me, @RequestBody RunRequest body) {
        LocalDate day = Forms.date("asOf", body.asOf());
        if (day == null) {
            throw new BillingRuleViolation("asOf: a YYYY-MM-DD date is needed");
        }
        return accepted(jobs.run(body.job(), day, me.getName()));
    }

    @PostMapping("/jobs/{id}/{action:restart|stop}")
    @Operation(summary = "Restart a failed or stopped execution, or stop a running one")
    public ResponseEntity<Accepted> control(
            @AuthenticationPrincipal TokenPrincipal me, @PathVariable long id, @PathVariable String action) {
        return accepted(action.equals("restart") ? jobs.restart(id, me.getName()) : jobs.stop(id, me.getName()));
    }

    @PostMapping(path = "/reports", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(
            summary =
                    "Ask for a finance report as a job: {\"name\": \"revenue\", \"from\": ..., \"to\": ..., \"format\": \"xlsx\"}")
    public ResponseEntity<Accepted> report(
            @AuthenticationPrincipal TokenPrincipal me, @RequestBody ReportRequest body) {
        String name = body.name() == null ? "" : body.name().strip();
        boolean aging = name.equals("aging");
        LocalDate from = aging ? null : Forms.date("from", body.from());
        LocalDate to = aging ? null : Forms.date("to", body.to());
        if (!aging && (from == null || to == null)) {
            throw new BillingRuleViolation("from and to: the " + name + " report covers a range of days");
        }
        LocalDate asOf = body.asOf() == null || body.asOf().isBlank()
                ? (to != null ? to : LocalDate.now(clock))
                : Forms.date("asOf", body.asOf());
        return accepted(jobs.runReport(
                name,
                from,
                to,
                asOf,
                body.currency() == null || body.currency().isBlank()
                        ? null
                        : body.currency().strip().toUpperCase(Locale.ROOT),
                body.format() == null ? "xlsx" : body.format().strip(),
                FinanceReports.NAMES.keySet(),
                me.getName()));
    }

    @GetMapping("/reports/requests")
    @Operation(summary = "Reports asked for as jobs: progress (rows read and written) and the output id once written")
    public List<ReportRequestRow> reportRequests() {
        return reports.selectReportRequests(50);
    }

    @GetMapping(
            path = "/reports/outputs/{id}",
            produces = {"application/pdf", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"})
    @Operation(summary = "A written report's file (audited)")
    public ResponseEntity<byte[]> output(@AuthenticationPrincipal TokenPrincipal me, @PathVariable long id) {
        ReportOutput output = reports.selectReportOutput(id);
        if (output == null) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no report output " + id);
        }
        audit.insert(
                clock.instant(),
                me.getName(),
                "report.download",
                "report " + output.report(),
                output.parameters() + " " + output.format() + " (execution " + output.jobExecutionId() + ", API)");
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(
                        output.format().equals("xlsx")
                                ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                                : "application/pdf"))
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + output.fileName() + "\"")
                .body(output.content());
    }

    private static ResponseEntity<Accepted> accepted(long request) {
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(new Accepted(request));
    }
}
