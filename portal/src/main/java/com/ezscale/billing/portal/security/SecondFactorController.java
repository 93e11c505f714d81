package com.ezscale.billing.portal.security;

import com.ezscale.billing.account.db.CustomerUser;
import com.ezscale.billing.app.account.CustomerAccounts;
import com.ezscale.billing.app.account.CustomerSecondFactors;
import com.ezscale.billing.app.security.Totp;
import com.ezscale.billing.app.staff.StaffAccounts;
import com.ezscale.billing.staff.db.StaffUser;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.security.Principal;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The login page, the second factor (staff always; a customer's login when it turned one on), and
 * the staff's set-up at the first login (QR code, recovery codes shown once).
 */
@Controller
public class SecondFactorController {

    private static final String PENDING_SECRET = "totp.pending";

    private final StaffAccounts staff;
    private final CustomerAccounts customers;
    private final CustomerSecondFactors secondFactors;
    private final LoginSteps steps;

    public SecondFactorController(
            StaffAccounts staff, CustomerAccounts customers, CustomerSecondFactors secondFactors, LoginSteps steps) {
        this.staff = staff;
        this.customers = customers;
        this.secondFactors = secondFactors;
        this.steps = steps;
    }

    @GetMapping("/login")
    public String login() {
        return "login";
    }

    @GetMapping("/login/totp")
    public String totp(Principal principal) {
        if (Logins.isCustomer(principal.getName())) {
            return "totp"; // a customer's password step stops here only when its second factor is on
        }
        return ready(principal) ? "totp" : "redirect:/login/totp/setup";
    }

    @PostMapping("/login/totp")
    public String checkTotp(
            @RequestParam(defaultValue = "") String code,
            Principal principal,
            HttpServletRequest request,
            HttpServletResponse response,
            Model model) {
        if (Logins.isCustomer(principal.getName())) {
            CustomerUser customer = customers.find(principal.getName()).orElseThrow();
            Totp.Check checked = secondFactors.verify(customer.id(), code);
            if (checked == Totp.Check.FAILED) {
                steps.secondFactorRefused(customer.email(), request);
                model.addAttribute("error", "code: not the code of this minute, already used, or not a recovery code");
                response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
                return "totp";
            }
            steps.grantCustomer(customer, request, response, checked.name());
            return "redirect:/account";
        }
        StaffUser user = staff.find(principal.getName()).orElseThrow();
        Totp.Check result = staff.verifySecondFactor(user.username(), code);
        if (result == Totp.Check.FAILED) {
            steps.secondFactorRefused(user.username(), request);
            model.addAttribute("error", "code: not the code of this minute, already used, or not a recovery code");
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            return "totp";
        }
        steps.grant(user, request, response, result.name());
        return "redirect:/";
    }

    @GetMapping("/login/totp/setup")
    public String setup(Principal principal, HttpSession session, Model model) {
        if (ready(principal) || Logins.isCustomer(principal.getName())) {
            return "redirect:/login/totp";
        }
        String secret = pending(principal, session).orElseGet(() -> {
            String fresh = staff.beginSecondFactor(principal.getName());
            session.setAttribute(PENDING_SECRET, fresh);
            return fresh;
        });
        return setupPage(principal.getName(), secret, model);
    }

    @PostMapping("/login/totp/setup")
    public String confirm(
            @RequestParam(defaultValue = "") String code,
            Principal principal,
            HttpSession session,
            HttpServletRequest request,
            HttpServletResponse response,
            Model model) {
        Optional<String> secret =
                Logins.isCustomer(principal.getName()) ? Optional.empty() : pending(principal, session);
        if (secret.isEmpty()) {
            return "redirect:/login/totp/setup";
        }
        Optional<List<String>> recovery = staff.confirmSecondFactor(principal.getName(), code);
        if (recovery.isEmpty()) {
            steps.secondFactorRefused(principal.getName(), request);
            model.addAttribute("error", "code: not the code your authenticator shows now");
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            return setupPage(principal.getName(), secret.get(), model);
        }
        session.removeAttribute(PENDING_SECRET);
        StaffUser user = staff.find(principal.getName()).orElseThrow();
        steps.grant(user, request, response, "TOTP_OK");
        model.addAttribute(
                "codes",
                recovery.get().stream()
                        .map(c -> c.substring(0, 5) + "-" + c.substring(5))
                        .toList());
        return "recovery-codes";
    }

    private boolean ready(Principal principal) {
        return staff.find(principal.getName()).map(StaffUser::secondFactorReady).orElse(false);
    }

    /** The secret this session began setting up, while it is still the stored one. */
    private Optional<String> pending(Principal principal, HttpSession session) {
        Object secret = session.getAttribute(PENDING_SECRET);
        return staff.find(principal.getName())
                .filter(u -> !u.secondFactorReady() && secret != null && secret.equals(u.totpSecret()))
                .map(u -> (String) secret);
    }

    private String setupPage(String username, String secret, Model model) {
        TotpQr.addTo(model, username, secret);
        return "totp-setup";
    }
}
