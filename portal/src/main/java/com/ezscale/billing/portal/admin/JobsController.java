package com.ezscale.billing.portal.admin;

import com.ezscale.billing.app.run.ExecutionPages;
import com.ezscale.billing.app.run.JobControl;
import com.ezscale.billing.portal.web.Csv;
import com.ezscale.billing.portal.web.Forms;
import com.ezscale.billing.portal.web.HtmlRows;
import com.ezscale.billing.portal.web.Times;
import com.ezscale.billing.rules.BillingRuleViolation;
import com.ezscale.billing.run.db.JobRequestRow;
import com.ezscale.billing.run.db.RunMapper;
import com.ezscale.billing.run.db.RunSummary;
import com.ezscale.billing.run.db.StepProgress;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.security.Principal;
import java.time.LocalDate;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Spring Batch executions with their steps' live counts, and runs, restarts and stops asked of the serve nodes. */
@Controller
public class JobsController {

    static final int PAGE = 50;

    private final RunMapper runs;
    private final ExecutionPages pages;
    private final JobControl control;
    private final Times times;

    /**
     * Rows written, by the row read (a bounded cache: 400 pages' worth, a few MB). Keyed by identity ({@code weakKeys}):
     * {@link ExecutionPages} hands out the same row for an ended execution while it remembers it, and hashing a row's
     * twelve values on every lookup cost more than the lookup saved; an entry goes when its row is forgotten there.
     */
    private final Cache<RunSummary, Rendered> rendered =
            Caffeine.newBuilder().weakKeys().maximumSize(20_000).build();

    public JobsController(RunMapper runs, ExecutionPages pages, JobControl control, Times times) {
        this.runs = runs;
        this.pages = pages;
        this.control = control;
        this.times = times;
    }

    @GetMapping("/admin/jobs")
    public String executions(
            @RequestParam(required = false) String job,
            @RequestParam(required = false) String status,
            @RequestParam(required = false) Long before,
            HttpServletRequest request,
            Model model) {
        List<RunSummary> page = pages.page(job, status, before, PAGE);
        model.addAttribute("rows", rows(page, request.getContextPath()));
        model.addAttribute(
                "next", page.size() == PAGE ? page.get(page.size() - 1).executionId() : null);
        model.addAttribute("job", job);
        model.addAttribute("status", status);
        model.addAttribute("jobs", control.dayJobs());
        List<JobRequestRow> requests = control.recentRequests(10);
        model.addAttribute("requests", requests.isEmpty() ? null : requestRows(requests, request.getContextPath()));
        if (!model.containsAttribute("asOf")) {
            model.addAttribute("asOf", "");
        }
        return "admin/jobs";
    }

    /** The executions table's rows (see {@link HtmlRows}: written in Java, every value escaped). */
    String rows(List<RunSummary> page, String contextPath) {
        StringBuilder html = new StringBuilder(page.size() * 400);
        for (RunSummary r : page) {
            html.append(row(r, contextPath));
        }
        return html.toString();
    }

    /**
     * One execution's row. A row is a function of the execution's values alone (no clock: a running execution's
     * duration is blank), and a row read is never changed (a record), so it is remembered by the row read: an ended
     * execution, shown again and again from {@link ExecutionPages}' memory, is written once; a running one is read
     * afresh on every page and written afresh.
     */
    String row(RunSummary r, String contextPath) {
        Rendered known = rendered.getIfPresent(r);
        if (known != null && known.contextPath().equals(contextPath)) {
            return known.html();
        }
        String html = new HtmlRows(contextPath, 512)
                .row()
                .link("/admin/jobs/", r.executionId(), r.executionId())
                .cell(r.jobName())
                .cell(r.asOf())
                .cell("status " + r.status(), r.status())
                .cell(times.at(r.startTime()))
                .cell("num", times.duration(r.startTime(), r.endTime()))
                .cell("num", r.readCount())
                .cell("num", r.writeCount())
                .cell("num", r.parked())
                .cell("message-cell", r.exitMessage())
                .html();
        rendered.put(r, new Rendered(contextPath, html));
        return html;
    }

    private record Rendered(String contextPath, String html) {}

    /** The recent requests' rows, written as the executions' are. */
    String requestRows(List<JobRequestRow> requests, String contextPath) {
        HtmlRows rows = new HtmlRows(contextPath);
        for (JobRequestRow r : requests) {
            rows.row()
                    .cell(r.id())
                    .cell(times.at(r.requestedAt()))
                    .cell(r.requestedBy())
                    .cell(r.action())
                    .cell(r.jobName())
                    .cell(r.asOf())
                    .cell("status " + r.status(), r.status())
                    .link("/admin/jobs/", r.resultExecution(), r.resultExecution())
                    .cell(r.message());
        }
        return rows.html();
    }

    @GetMapping("/admin/jobs.csv")
    public void executionsCsv(
            @RequestParam(required = false) String job,
            @RequestParam(required = false) String status,
            HttpServletResponse response)
            throws IOException {
        Csv.write(
                response,
                "executions.csv",
                List.of(
                        "execution",
                        "job",
                        "as_of",
                        "status",
                        "exit_code",
                        "start",
                        "end",
                        "read",
                        "written",
                        "parked"),
                Csv.pages(before -> runs.selectRuns(job, status, before, 1000), RunSummary::executionId),
                r -> List.of(
                        r.executionId(),
                        r.jobName(),
                        r.asOf(),
                        r.status(),
                        r.exitCode(),
                        r.startTime(),
                        r.endTime(),
                        r.readCount(),
                        r.writeCount(),
                        r.parked()));
    }

    @PostMapping("/admin/jobs/run")
    public String run(
            @RequestParam(defaultValue = "") String job,
            @RequestParam(defaultValue = "") String asOf,
            Principal principal,
            Model model,
            HttpServletRequest request,
            HttpServletResponse response,
            RedirectAttributes redirect) {
        try {
            LocalDate day = Forms.date("as of", asOf);
            long id = control.run(job, day, principal.getName());
            redirect.addFlashAttribute(
                    "message",
                    "Request " + id + ": " + job + " for " + day
                            + " is queued; a serve node starts it within seconds.");
            return "redirect:/admin/jobs";
        } catch (BillingRuleViolation e) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            model.addAttribute("error", e.getMessage());
            model.addAttribute("asOf", asOf);
            model.addAttribute("selectedJob", job);
            return executions(null, null, null, request, model);
        }
    }

    @GetMapping("/admin/jobs/{id}")
    public String execution(@PathVariable long id, Model model) {
        RunSummary run = runs.selectRun(id);
        if (run == null) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no job execution " + id);
        }
        model.addAttribute("run", run);
        model.addAttribute("steps", runs.selectSteps(id));
        model.addAttribute("parked", runs.selectParked(id));
        return "admin/job";
    }

    /** The steps' counts, polled by the page every two seconds while the execution runs. */
    @GetMapping("/admin/jobs/{id}/progress")
    public String progress(@PathVariable long id, Model model) {
        RunSummary run = runs.selectRun(id);
        if (run == null) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no job execution " + id);
        }
        List<StepProgress> steps = runs.selectSteps(id);
        model.addAttribute("run", run);
        model.addAttribute("steps", steps);
        return "admin/job :: progress";
    }

    @PostMapping("/admin/jobs/{id}/restart")
    public String restart(@PathVariable long id, Principal principal, RedirectAttributes redirect) {
        return act(() -> control.restart(id, principal.getName()), "restart of execution " + id, id, redirect);
    }

    @PostMapping("/admin/jobs/{id}/stop")
    public String stop(@PathVariable long id, Principal principal, RedirectAttributes redirect) {
        return act(() -> control.stop(id, principal.getName()), "stop of execution " + id, id, redirect);
    }

    private String act(java.util.function.LongSupplier action, String what, long id, RedirectAttributes redirect) {
        try {
            long request = action.getAsLong();
            redirect.addFlashAttribute("message", "Request " + request + ": " + what + " is queued.");
        } catch (BillingRuleViolation e) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, e.getMessage());
        }
        return "redirect:/admin/jobs/" + id;
    }
}
