package com.ezscale.billing.portal.admin;

import com.ezscale.billing.audit.db.AuditEntry;
import com.ezscale.billing.audit.db.AuditMapper;
import com.ezscale.billing.persistence.replica.ReplicaReads;
import com.ezscale.billing.portal.web.Csv;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The audit log: every admin and finance action, who, what, when and from where; filtered by actor and action. */
@Controller
public class AuditController {

    static final int PAGE = 100;

    private final AuditMapper audit;

    private final ReplicaReads reads;

    public AuditController(AuditMapper audit, ReplicaReads reads) {
        this.reads = reads;
        this.audit = audit;
    }

    @GetMapping("/admin/audit")
    public String list(
            @RequestParam(required = false) String actor,
            @RequestParam(required = false) String action,
            @RequestParam(required = false) Long before,
            Model model) {
        List<AuditEntry> page = reads.read(() -> audit.select(actor, action, before, PAGE));
        model.addAttribute("entries", page);
        model.addAttribute(
                "next", page.size() == PAGE ? page.get(page.size() - 1).id() : null);
        model.addAttribute("actor", actor);
        model.addAttribute("action", action);
        return "admin/audit";
    }

    @GetMapping("/admin/audit.csv")
    public void csv(
            @RequestParam(required = false) String actor,
            @RequestParam(required = false) String action,
            HttpServletResponse response)
            throws IOException {
        Csv.write(
                response,
                "audit.csv",
                List.of("id", "at", "actor", "action", "target", "detail", "origin"),
                Csv.pages(before -> reads.read(() -> audit.select(actor, action, before, 1000)), AuditEntry::id),
                e -> List.of(e.id(), e.at(), e.actor(), e.action(), nz(e.target()), nz(e.detail()), nz(e.origin())));
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
