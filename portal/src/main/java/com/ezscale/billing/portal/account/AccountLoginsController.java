package com.ezscale.billing.portal.account;

import com.ezscale.billing.account.CustomerRole;
import com.ezscale.billing.app.account.CustomerAccounts;
import com.ezscale.billing.app.customer.Erasure;
import com.ezscale.billing.portal.security.CustomerPrincipal;
import com.ezscale.billing.rules.BillingRuleViolation;
import java.util.List;
import java.util.Locale;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The customer's logins, kept by its owners: add one (its holder is e-mailed the link that sets
 * its password), turn one off or on, and the login history of them all. Audited as the owner.
 */
@Controller
public class AccountLoginsController {

    private final CustomerAccounts accounts;
    private final Erasure erasure;
    private final String portalUrl;

    public AccountLoginsController(
            CustomerAccounts accounts, Erasure erasure, @Value("${ezscale.collection.portal-url:}") String portalUrl) {
        this.accounts = accounts;
        this.erasure = erasure;
        this.portalUrl = portalUrl;
    }

    @GetMapping("/account/logins")
    public String logins(@AuthenticationPrincipal CustomerPrincipal me, Model model) {
        model.addAttribute("erasureRequest", erasure.requested(me.customerId()).orElse(null));
        model.addAttribute("logins", accounts.logins(me.customerId()));
        model.addAttribute("history", accounts.loginHistory(me.customerId(), 50));
        return "account/logins";
    }

    @PostMapping("/account/logins")
    public String add(
            @AuthenticationPrincipal CustomerPrincipal me,
            @RequestParam(defaultValue = "") String email,
            @RequestParam(defaultValue = "") String name,
            @RequestParam(defaultValue = "") String role,
            RedirectAttributes redirect) {
        CustomerRole r;
        try {
            r = CustomerRole.valueOf(role.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new BillingRuleViolation("role: one of OWNER, BILLING, TECHNICAL, not '" + role + "'");
        }
        accounts.invite(me.customerId(), email, name, r, portalUrl, me.actor());
        redirect.addFlashAttribute(
                "message", "A login for " + email.strip() + " was added; a link to set its password is on its way.");
        return "redirect:/account/logins";
    }

    /** The owner asks for the customer's personal data to be erased: the admins are told, and what blocks it is said. */
    @PostMapping("/account/erasure-request")
    public String requestErasure(@AuthenticationPrincipal CustomerPrincipal me, RedirectAttributes redirect) {
        List<String> blockers = erasure.request(me.customerId(), me.actor());
        redirect.addFlashAttribute(
                "message",
                blockers.isEmpty()
                        ? "We have your request to erase your personal data: we erase it shortly."
                        : "We have your request to erase your personal data. Your account still "
                                + String.join(" and ", blockers) + ": we erase it once that is settled.");
        return "redirect:/account/logins";
    }

    @PostMapping("/account/logins/{id}/{action:enable|disable}")
    public String enable(
            @AuthenticationPrincipal CustomerPrincipal me,
            @PathVariable long id,
            @PathVariable String action,
            RedirectAttributes redirect) {
        if (id == me.userId()) {
            throw new BillingRuleViolation("you cannot turn off your own login");
        }
        accounts.setEnabled(me.customerId(), id, action.equals("enable"), me.actor());
        redirect.addFlashAttribute("message", "Login " + (action.equals("enable") ? "turned on." : "turned off."));
        return "redirect:/account/logins";
    }
}
