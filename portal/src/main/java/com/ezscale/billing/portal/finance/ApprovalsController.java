package com.ezscale.billing.portal.finance;

import com.ezscale.billing.app.BusinessDates;
import com.ezscale.billing.app.invoice.Approvals;
import com.ezscale.billing.app.run.JobControl;
import java.security.Principal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Drafts held for approval (over the threshold, first invoice...) with the reason, and their
 * approval, after which the customer's invoice run (on a serve node) issues the draft. Audited.
 */
@Controller
public class ApprovalsController {

    private final Approvals approvals;
    private final JobControl jobs;
    private final BusinessDates dates;

    public ApprovalsController(Approvals approvals, JobControl jobs, BusinessDates dates) {
        this.approvals = approvals;
        this.jobs = jobs;
        this.dates = dates;
    }

    @GetMapping("/finance/approvals")
    public String held(Model model) {
        model.addAttribute("held", approvals.held());
        return "finance/approvals";
    }

    @PostMapping("/finance/approvals/{id}")
    public String approve(@PathVariable long id, Principal principal, RedirectAttributes redirect) {
        long customer = approvals.approve(String.valueOf(id), principal.getName());
        // as the `approve` command does: the customer's invoice run issues it now (on a serve node)
        long request = jobs.runForCustomer("invoiceRun", dates.today(), customer, principal.getName());
        redirect.addFlashAttribute(
                "message",
                "Draft " + id + " approved; invoiceRun for customer " + customer + " issues it now (request " + request
                        + ").");
        return "redirect:/finance/approvals";
    }
}
