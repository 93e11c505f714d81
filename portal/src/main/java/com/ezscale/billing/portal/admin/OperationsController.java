package com.ezscale.billing.portal.admin;

import com.ezscale.billing.app.outbox.OutboxAdmin;
import com.ezscale.billing.outbox.db.OutboxRow;
import com.ezscale.billing.usage.db.StoredDeadLetter;
import com.ezscale.billing.usage.db.UsageMapper;
import java.security.Principal;
import java.util.List;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The outbox (emails, panel calls, alerts; retry of an exhausted row) and ingest's dead letters with their raw records. */
@Controller
public class OperationsController {

    static final int PAGE = 100;

    private final OutboxAdmin outbox;
    private final UsageMapper usage;

    public OperationsController(OutboxAdmin outbox, UsageMapper usage) {
        this.outbox = outbox;
        this.usage = usage;
    }

    @GetMapping("/admin/outbox")
    public String outbox(
            @RequestParam(required = false) String status,
            @RequestParam(required = false) String channel,
            @RequestParam(required = false) Long before,
            Model model) {
        List<OutboxRow> page = outbox.page(status, channel, before, PAGE);
        model.addAttribute("rows", page);
        model.addAttribute(
                "next", page.size() == PAGE ? page.get(page.size() - 1).id() : null);
        model.addAttribute("status", status);
        model.addAttribute("channel", channel);
        return "admin/outbox";
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
}
