package com.ezscale.billing.portal.admin;

import com.ezscale.billing.app.BusinessDates;
import com.ezscale.billing.app.outbox.OutboxAdmin;
import com.ezscale.billing.outbox.db.OutboxRow;
import com.ezscale.billing.portal.web.Csv;
import com.ezscale.billing.portal.web.Forms;
import com.ezscale.billing.run.db.ParkedEntry;
import com.ezscale.billing.run.db.RunMapper;
import com.ezscale.billing.usage.db.IngestWindowEntry;
import com.ezscale.billing.usage.db.StoredDeadLetter;
import com.ezscale.billing.usage.db.UnattributedIp;
import com.ezscale.billing.usage.db.UsageMapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.security.Principal;
import java.time.LocalDate;
import java.util.List;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * What the nightly left for an admin: the outbox (emails, panel calls, alerts; retry of an
 * exhausted row), customers parked by runs with their reasons, ingest's passes, its dead letters
 * with their raw records, and the traffic no service owned. Every list pages by its key and
 * exports as CSV.
 */
@Controller
public class OperationsController {

    static final int PAGE = 100;

    /** The unattributed addresses a page and its CSV show for a day (the largest first). */
    static final int UNATTRIBUTED = 1000;

    private final OutboxAdmin outbox;
    private final UsageMapper usage;
    private final RunMapper runs;
    private final BusinessDates dates;

    public OperationsController(OutboxAdmin outbox, UsageMapper usage, RunMapper runs, BusinessDates dates) {
        this.outbox = outbox;
        this.usage = usage;
        this.runs = runs;
        this.dates = dates;
    }

    @GetMapping("/admin/outbox")
    public String outbox(
            @RequestParam(required = false) String status,
            @RequestParam(required = false) String channel,
            @RequestParam(required = false) Long before,
            Model model) {
        List<OutboxRow> page = outbox.page(blank(status), blank(channel), before, PAGE);
        model.addAttribute("rows", page);
        model.addAttribute(
                "next", page.size() == PAGE ? page.get(page.size() - 1).id() : null);
        model.addAttribute("status", status);
        model.addAttribute("channel", channel);
        return "admin/outbox";
    }

    @GetMapping("/admin/outbox.csv")
    public void outboxCsv(
            @RequestParam(required = false) String status,
            @RequestParam(required = false) String channel,
            HttpServletResponse response)
            throws IOException {
        Csv.write(
                response,
                "outbox.csv",
                List.of(
                        "id",
                        "channel",
                        "action",
                        "dedupe_key",
                        "customer",
                        "status",
                        "attempts",
                        "next_attempt_at",
                        "last_error",
                        "created_at"),
                Csv.pages(before -> outbox.page(blank(status), blank(channel), before, 1000), OutboxRow::id),
                r -> List.of(
                        r.id(),
                        r.channel(),
                        r.action(),
                        r.dedupeKey(),
                        text(r.customerId()),
                        r.status(),
                        r.attempts(),
                        text(r.nextAttemptAt()),
                        text(r.lastError()),
                        r.createdAt()));
    }

    @PostMapping("/admin/outbox/{id}/retry")
    public String retry(@PathVariable long id, Principal principal, RedirectAttributes redirect) {
        outbox.retry(id, principal.getName());
        redirect.addFlashAttribute("message", "Outbox row " + id + " is pending again; the next pass sends it.");
        return "redirect:/admin/outbox";
    }

    @GetMapping("/admin/dead-letters")
    public String deadLetters(@RequestParam(required = false) Long before, Model model) {
        List<StoredDeadLetter> page = usage.selectDeadLetters(before, PAGE);
        model.addAttribute("letters", page);
        model.addAttribute(
                "next", page.size() == PAGE ? page.get(page.size() - 1).id() : null);
        return "admin/dead-letters";
    }

    @GetMapping("/admin/dead-letters.csv")
    public void deadLettersCsv(HttpServletResponse response) throws IOException {
        Csv.write(
                response,
                "dead-letters.csv",
                List.of("id", "source", "position", "reason", "raw_record", "received_at"),
                Csv.pages(before -> usage.selectDeadLetters(before, 1000), StoredDeadLetter::id),
                d -> List.of(d.id(), d.source(), d.position(), d.reason(), text(d.rawRecord()), d.receivedAt()));
    }

    @GetMapping("/admin/parked")
    public String parked(
            @RequestParam(required = false) Long customer, @RequestParam(required = false) Long before, Model model) {
        List<ParkedEntry> page = runs.selectParkedPage(customer, before, PAGE);
        model.addAttribute("parked", page);
        model.addAttribute(
                "next", page.size() == PAGE ? page.get(page.size() - 1).id() : null);
        model.addAttribute("customer", customer);
        return "admin/parked";
    }

    @GetMapping("/admin/parked.csv")
    public void parkedCsv(@RequestParam(required = false) Long customer, HttpServletResponse response)
            throws IOException {
        Csv.write(
                response,
                "parked.csv",
                List.of("id", "execution", "job", "step", "customer", "name", "as_of", "reason", "at"),
                Csv.pages(before -> runs.selectParkedPage(customer, before, 1000), ParkedEntry::id),
                p -> List.of(
                        p.id(),
                        p.jobExecutionId(),
                        p.jobName(),
                        p.stepName(),
                        p.customerId(),
                        text(p.customerName()),
                        p.asOf(),
                        p.reason(),
                        p.createdAt()));
    }

    @GetMapping("/admin/ingest")
    public String ingest(
            @RequestParam(required = false) String source, @RequestParam(required = false) Long before, Model model) {
        List<IngestWindowEntry> page = usage.selectWindowPage(blank(source), before, PAGE);
        model.addAttribute("windows", page);
        model.addAttribute(
                "next", page.size() == PAGE ? page.get(page.size() - 1).id() : null);
        model.addAttribute("source", source);
        return "admin/ingest";
    }

    @GetMapping("/admin/ingest.csv")
    public void ingestCsv(@RequestParam(required = false) String source, HttpServletResponse response)
            throws IOException {
        Csv.write(
                response,
                "ingest-windows.csv",
                List.of(
                        "id",
                        "source",
                        "label",
                        "window_start",
                        "window_end",
                        "records",
                        "attributed",
                        "unattributed",
                        "ignored",
                        "dead_letters",
                        "bytes",
                        "finished_at"),
                Csv.pages(before -> usage.selectWindowPage(blank(source), before, 1000), IngestWindowEntry::id),
                w -> List.of(
                        w.id(),
                        w.source(),
                        w.label(),
                        text(w.windowStart()),
                        text(w.windowEnd()),
                        w.records(),
                        w.attributed(),
                        w.unattributed(),
                        w.ignored(),
                        w.deadLetters(),
                        w.bytes(),
                        w.finishedAt()));
    }

    @GetMapping("/admin/unattributed")
    public String unattributed(@RequestParam(defaultValue = "") String day, Model model) {
        LocalDate d = day(day);
        model.addAttribute("day", d);
        model.addAttribute("rows", usage.selectUnattributedDay(d, UNATTRIBUTED));
        return "admin/unattributed";
    }

    @GetMapping("/admin/unattributed.csv")
    public void unattributedCsv(@RequestParam(defaultValue = "") String day, HttpServletResponse response)
            throws IOException {
        LocalDate d = day(day);
        Csv.write(
                response,
                "unattributed-" + d + ".csv",
                List.of("ip", "day", "bytes_in", "bytes_out", "flows"),
                usage.selectUnattributedDay(d, UNATTRIBUTED),
                (UnattributedIp u) -> List.of(u.ip(), u.day(), u.bytesIn(), u.bytesOut(), u.flows()));
    }

    /** The day asked for; by default the last day with unattributed traffic, or yesterday. */
    private LocalDate day(String day) {
        LocalDate d = Forms.date("day", day);
        if (d != null) {
            return d;
        }
        LocalDate latest = usage.selectLatestUnattributedDay();
        return latest != null ? latest : dates.today().minusDays(1);
    }

    private static String blank(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    private static Object text(Object value) {
        return value == null ? "" : value;
    }
}
