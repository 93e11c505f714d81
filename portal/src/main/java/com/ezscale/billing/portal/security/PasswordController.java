package com.ezscale.billing.portal.security;

import com.ezscale.billing.account.db.CustomerUser;
import com.ezscale.billing.app.account.CustomerAccounts;
import com.ezscale.billing.rules.BillingRuleViolation;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * A customer's forgotten password, and the first one of a new login: the login page's "forgot"
 * form e-mails a link (through the outbox; throttled per address and account like a failed login,
 * and the page answers the same whether the address is known or not); the link's page sets the
 * password once. Staff passwords are reset by an admin, not here.
 */
@Controller
public class PasswordController {

    private final CustomerAccounts accounts;
    private final LoginThrottle throttle;
    private final String portalUrl;

    public PasswordController(
            CustomerAccounts accounts,
            LoginThrottle throttle,
            @Value("${ezscale.collection.portal-url:}") String portalUrl) {
        this.accounts = accounts;
        this.throttle = throttle;
        this.portalUrl = portalUrl;
    }

    @GetMapping("/login/forgot")
    public String forgotForm() {
        return "login-forgot";
    }

    @PostMapping("/login/forgot")
    public String forgot(@RequestParam(defaultValue = "") String username, HttpServletRequest request, Model model) {
        throttle.failed(username, Staff.address(request));
        if (Logins.isCustomer(username)) {
            accounts.requestReset(username, portalUrl, Staff.address(request));
        }
        model.addAttribute("sent", true);
        return "login-forgot";
    }

    @GetMapping("/login/reset")
    public String resetForm(@RequestParam(defaultValue = "") String token, Model model, HttpServletResponse response) {
        Optional<CustomerUser> holder = accounts.linkHolder(token);
        if (holder.isEmpty()) {
            response.setStatus(HttpServletResponse.SC_NOT_FOUND);
            model.addAttribute("error", "This link was used or has expired: ask for a new one.");
            return "login-forgot";
        }
        model.addAttribute("token", token);
        model.addAttribute("email", holder.get().email());
        return "login-reset";
    }

    @PostMapping("/login/reset")
    public String reset(
            @RequestParam(defaultValue = "") String token,
            @RequestParam(defaultValue = "") String password,
            @RequestParam(defaultValue = "") String confirm,
            HttpServletRequest request,
            HttpServletResponse response,
            Model model) {
        try {
            if (!password.equals(confirm)) {
                throw new BillingRuleViolation("confirm: the two passwords differ");
            }
            accounts.setPassword(token, password, Staff.address(request));
            return "redirect:/login?reset";
        } catch (BillingRuleViolation e) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            model.addAttribute("error", e.getMessage());
            model.addAttribute("token", token);
            model.addAttribute(
                    "email", accounts.linkHolder(token).map(CustomerUser::email).orElse(""));
            return "login-reset";
        }
    }
}
