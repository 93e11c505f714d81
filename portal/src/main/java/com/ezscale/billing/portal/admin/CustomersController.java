package com.ezscale.billing.portal.admin;

import com.ezscale.billing.app.BusinessDates;
import com.ezscale.billing.app.account.CustomerAccounts;
import com.ezscale.billing.app.catalog.Catalog;
import com.ezscale.billing.app.credit.AccountCredit;
import com.ezscale.billing.app.customer.Customers;
import com.ezscale.billing.app.customer.Erasure;
import com.ezscale.billing.app.run.JobControl;
import com.ezscale.billing.app.subscription.PlanChanges;
import com.ezscale.billing.app.subscription.ServiceBook;
import com.ezscale.billing.customer.CustomerStatus;
import com.ezscale.billing.customer.db.CustomerView;
import com.ezscale.billing.invoice.db.InvoiceMapper;
import com.ezscale.billing.portal.web.Csv;
import com.ezscale.billing.portal.web.Forms;
import com.ezscale.billing.rules.BillingRuleViolation;
import com.ezscale.billing.subscription.PlanChangeKind;
import com.ezscale.billing.subscription.PlanChangeTiming;
import com.ezscale.billing.subscription.db.ServiceView;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.math.BigDecimal;
import java.security.Principal;
import java.util.List;
import java.util.function.Supplier;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Customers and their services as admins keep them, on the services the CLI calls: search, view,
 * suspend and unsuspend a service (its panel is told through the outbox), change its plan (an
 * upgrade or an immediate change is invoiced at once by a serve node, as the CLI's change-plan
 * does), and credit or debit the account. Every action is audited by its service.
 */
@Controller
public class CustomersController {

    static final int PAGE = 50;

    private final Customers customers;
    private final ServiceBook services;
    private final PlanChanges planChanges;
    private final AccountCredit credit;
    private final Catalog catalog;
    private final InvoiceMapper invoices;
    private final JobControl jobs;
    private final BusinessDates dates;
    private final Erasure erasure;
    private final CustomerAccounts logins;
    private final String portalUrl;

    public CustomersController(
            Customers customers,
            ServiceBook services,
            PlanChanges planChanges,
            AccountCredit credit,
            Catalog catalog,
            InvoiceMapper invoices,
            JobControl jobs,
            BusinessDates dates,
            Erasure erasure,
            CustomerAccounts logins,
            @org.springframework.beans.factory.annotation.Value("${ezscale.collection.portal-url:}") String portalUrl) {
        this.customers = customers;
        this.services = services;
        this.planChanges = planChanges;
        this.credit = credit;
        this.catalog = catalog;
        this.invoices = invoices;
        this.jobs = jobs;
        this.dates = dates;
        this.erasure = erasure;
        this.logins = logins;
        this.portalUrl = portalUrl;
    }

    @GetMapping("/admin/customers")
    public String list(
            @RequestParam(defaultValue = "") String q,
            @RequestParam(defaultValue = "") String status,
            @RequestParam(required = false) Long after,
            Model model) {
        List<CustomerView> page = customers.search(q, status(status), after == null ? 0 : after, PAGE);
        model.addAttribute("customers", page);
        model.addAttribute(
                "next", page.size() == PAGE ? page.get(page.size() - 1).row().id() : null);
        model.addAttribute("q", q);
        model.addAttribute("status", status);
        return "admin/customers";
    }

    @GetMapping("/admin/customers.csv")
    public void csv(
            @RequestParam(defaultValue = "") String q,
            @RequestParam(defaultValue = "") String status,
            HttpServletResponse response)
            throws IOException {
        CustomerStatus s = status(status);
        Csv.write(
                response,
                "customers.csv",
                List.of("id", "name", "company", "email", "country", "currency", "group", "status", "created_at"),
                Csv.pages(
                        after -> customers.search(q, s, after == null ? 0 : after, 1000),
                        v -> v.row().id()),
                v -> List.of(
                        v.row().id(),
                        v.row().name(),
                        v.row().company() == null ? "" : v.row().company(),
                        v.row().email(),
                        v.row().country(),
                        v.row().billingCurrency().getCurrencyCode(),
                        v.group() == null ? "" : v.group(),
                        v.row().status(),
                        v.createdAt()));
    }

    @GetMapping("/admin/customers/{id}")
    public String view(@PathVariable long id, Model model) {
        CustomerView customer = customers.show(id);
        List<ServiceView> list = services.list(id);
        model.addAttribute("customer", customer);
        model.addAttribute("services", list);
        model.addAttribute("credit", credit.balance(id));
        model.addAttribute("logins", logins.logins(id));
        model.addAttribute("erasureRequest", erasure.requested(id).orElse(null));
        model.addAttribute("plans", catalog.plans());
        model.addAttribute("invoices", invoices.selectInvoicePage(null, id, null, null, 20));
        return "admin/customer";
    }

    @PostMapping("/admin/customers/{id}/credit")
    public String credit(
            @PathVariable long id,
            @RequestParam(defaultValue = "") String amount,
            @RequestParam(defaultValue = "") String note,
            Principal principal,
            Model model,
            HttpServletResponse response,
            RedirectAttributes redirect) {
        return act(id, model, response, redirect, () -> {
            BigDecimal value = Forms.decimal("amount", amount, "25.00 (or -25.00 to debit)");
            if (note.isBlank()) {
                throw new BillingRuleViolation("note: say why the account is credited or debited");
            }
            return "Account credit is now " + credit.add(id, value, note.strip(), principal.getName()) + ".";
        });
    }

    /** A login for the customer (its first owner, usually): its holder is e-mailed the link that sets its password. */
    @PostMapping("/admin/customers/{id}/logins")
    public String invite(
            @PathVariable long id,
            @RequestParam(defaultValue = "") String email,
            @RequestParam(defaultValue = "") String name,
            @RequestParam(defaultValue = "OWNER") String role,
            Principal principal,
            Model model,
            HttpServletResponse response,
            RedirectAttributes redirect) {
        return act(id, model, response, redirect, () -> {
            com.ezscale.billing.account.CustomerRole r;
            try {
                r = com.ezscale.billing.account.CustomerRole.valueOf(
                        role.strip().toUpperCase(java.util.Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new BillingRuleViolation("role: one of OWNER, BILLING, TECHNICAL, not '" + role + "'");
            }
            logins.invite(id, email, name, r, portalUrl, principal.getName());
            return "A login for " + email.strip() + " was added; the link that sets its password is e-mailed.";
        });
    }

    /** Erasure on the customer's request (GDPR): the customer's id typed again to confirm; refused while it owes money. */
    @PostMapping("/admin/customers/{id}/erase")
    public String erase(
            @PathVariable long id,
            @RequestParam(defaultValue = "") String confirm,
            Principal principal,
            Model model,
            HttpServletResponse response,
            RedirectAttributes redirect) {
        return act(id, model, response, redirect, () -> {
            if (!confirm.strip().equals(Long.toString(id))) {
                throw new BillingRuleViolation("confirm: type the customer's id (" + id + ") to erase it");
            }
            erasure.erase(id, principal.getName());
            return "Customer " + id + " is erased: its personal data is anonymised; its issued invoices keep their"
                    + " snapshot for the retention period.";
        });
    }

    @PostMapping("/admin/services/{id}/{action}")
    public String service(
            @PathVariable long id,
            @PathVariable String action,
            @RequestParam(defaultValue = "") String reason,
            @RequestParam(defaultValue = "") String plan,
            @RequestParam(defaultValue = "false") boolean immediate,
            Principal principal,
            Model model,
            HttpServletResponse response,
            RedirectAttributes redirect) {
        long customer = services.show(id).service().subscription().customerId();
        return act(customer, model, response, redirect, () -> switch (action) {
            case "suspend" -> {
                services.suspend(id, reasonOf(reason), principal.getName());
                yield "Service " + id + " is suspended; its panel is told.";
            }
            case "unsuspend" -> {
                services.unsuspend(id, reasonOf(reason), principal.getName());
                yield "Service " + id + " is active again; its panel is told.";
            }
            case "plan" -> {
                if (plan.isBlank()) {
                    throw new BillingRuleViolation("plan: choose the new plan");
                }
                var change = planChanges.changePlan(id, plan, immediate, dates.today(), principal.getName());
                String done = change.kind().name().toLowerCase() + " of service " + id + " to " + plan + ": "
                        + change.timing().name().toLowerCase().replace('_', ' ') + ", effective "
                        + change.effectiveDate() + ".";
                if (change.kind() == PlanChangeKind.UPGRADE || change.timing() == PlanChangeTiming.IMMEDIATE) {
                    long request = jobs.runForCustomer("invoiceRun", dates.today(), customer, principal.getName());
                    done += " Its invoice is being issued (request " + request + ").";
                }
                yield done;
            }
            default ->
                throw new org.springframework.web.server.ResponseStatusException(
                        HttpStatus.NOT_FOUND, "no service action " + action);
        });
    }

    /** The action, then the customer's page with its outcome; refused: the page again, 400, naming the problem, nothing written. */
    private String act(
            long customer,
            Model model,
            HttpServletResponse response,
            RedirectAttributes redirect,
            Supplier<String> action) {
        try {
            redirect.addFlashAttribute("message", action.get());
            return "redirect:/admin/customers/" + customer;
        } catch (BillingRuleViolation | IllegalArgumentException e) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            model.addAttribute("error", e.getMessage());
            return view(customer, model);
        }
    }

    private static String reasonOf(String reason) {
        if (reason.isBlank()) {
            throw new BillingRuleViolation("reason: say why (it goes to the audit log)");
        }
        return reason.strip();
    }

    private static CustomerStatus status(String status) {
        if (status.isBlank()) {
            return null;
        }
        try {
            return CustomerStatus.valueOf(status);
        } catch (IllegalArgumentException e) {
            throw new BillingRuleViolation("status: one of ACTIVE, INACTIVE, CLOSED, not '" + status + "'");
        }
    }
}
