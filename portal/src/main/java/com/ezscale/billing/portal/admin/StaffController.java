package com.ezscale.billing.portal.admin;

import com.ezscale.billing.app.account.ApiTokens;
import com.ezscale.billing.app.staff.StaffAccounts;
import com.ezscale.billing.rules.BillingRuleViolation;
import com.ezscale.billing.staff.StaffRole;
import jakarta.servlet.http.HttpServletResponse;
import java.security.Principal;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Staff accounts (add, disable, enable, reset the second factor) and the login history; audited. */
@Controller
public class StaffController {

    private final StaffAccounts staff;
    private final ApiTokens tokens;

    public StaffController(StaffAccounts staff, ApiTokens tokens) {
        this.staff = staff;
        this.tokens = tokens;
    }

    @GetMapping("/admin/staff")
    public String list(@RequestParam(required = false) String username, Model model) {
        model.addAttribute("staff", staff.list());
        model.addAttribute("logins", staff.logins(username, null, 100));
        model.addAttribute("roles", StaffRole.values());
        model.addAttribute(
                "tokens",
                staff.list().stream()
                        .flatMap(u -> tokens.ofStaff(u.username()).stream())
                        .toList());
        return "admin/staff";
    }

    /** An API token acting as the member with its role (the staff API); shown once, on the next page only. */
    @PostMapping("/admin/staff/{username}/tokens")
    public String token(
            @PathVariable String username,
            @RequestParam(defaultValue = "") String name,
            Principal principal,
            RedirectAttributes redirect) {
        ApiTokens.Created created = tokens.createForStaff(username, name, principal.getName());
        redirect.addFlashAttribute("secret", created.secret());
        redirect.addFlashAttribute(
                "message",
                "API token '" + created.token().name() + "' for " + username + ": copy it now, it is shown once.");
        return "redirect:/admin/staff";
    }

    @PostMapping("/admin/staff/{username}/tokens/{id}/revoke")
    public String revokeToken(
            @PathVariable String username, @PathVariable long id, Principal principal, RedirectAttributes redirect) {
        tokens.revokeForStaff(username, id, principal.getName());
        redirect.addFlashAttribute("message", "API token " + id + " of " + username + " revoked.");
        return "redirect:/admin/staff";
    }

    @PostMapping("/admin/staff")
    public String add(
            @RequestParam(defaultValue = "") String username,
            @RequestParam(defaultValue = "") String name,
            @RequestParam(defaultValue = "") String role,
            @RequestParam(defaultValue = "") String password,
            Principal principal,
            Model model,
            HttpServletResponse response,
            RedirectAttributes redirect) {
        try {
            StaffRole r;
            try {
                r = StaffRole.valueOf(role);
            } catch (IllegalArgumentException e) {
                throw new BillingRuleViolation("role: FINANCE or ADMIN");
            }
            staff.add(username, name, r, password, principal.getName());
            redirect.addFlashAttribute(
                    "message", "Staff " + username + " added; the second factor is set up at the first login.");
            return "redirect:/admin/staff";
        } catch (BillingRuleViolation e) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            model.addAttribute("error", e.getMessage());
            model.addAttribute("form", new String[] {username, name, role});
            return list(null, model);
        }
    }

    /** An admin sets a new password for a staff member (told to them out of band); audited by the service. */
    @PostMapping("/admin/staff/{username}/password")
    public String password(
            @PathVariable String username,
            @RequestParam(defaultValue = "") String password,
            Principal principal,
            Model model,
            HttpServletResponse response,
            RedirectAttributes redirect) {
        try {
            staff.resetPassword(username, password, principal.getName());
            redirect.addFlashAttribute("message", "Staff " + username + ": new password set.");
            return "redirect:/admin/staff";
        } catch (BillingRuleViolation e) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            model.addAttribute("error", e.getMessage());
            return list(null, model);
        }
    }

    @PostMapping("/admin/staff/{username}/{action}")
    public String act(
            @PathVariable String username,
            @PathVariable String action,
            Principal principal,
            RedirectAttributes redirect) {
        switch (action) {
            case "disable" -> {
                if (username.equals(principal.getName())) {
                    throw new org.springframework.web.server.ResponseStatusException(
                            HttpStatus.BAD_REQUEST, "you cannot disable your own account");
                }
                staff.setEnabled(username, false, principal.getName());
            }
            case "enable" -> staff.setEnabled(username, true, principal.getName());
            case "reset-totp" -> staff.resetSecondFactor(username, principal.getName());
            default ->
                throw new org.springframework.web.server.ResponseStatusException(
                        HttpStatus.NOT_FOUND, "no action " + action);
        }
        redirect.addFlashAttribute("message", "Staff " + username + ": " + action + " done.");
        return "redirect:/admin/staff";
    }
}
