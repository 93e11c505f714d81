package com.ezscale.billing.portal.account;

import com.ezscale.billing.account.db.CustomerSecondFactor;
import com.ezscale.billing.app.account.CustomerSecondFactors;
import com.ezscale.billing.app.security.Totp;
import com.ezscale.billing.portal.security.CustomerPrincipal;
import com.ezscale.billing.portal.security.TotpQr;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.util.List;
import java.util.Optional;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The login's own security, whatever its role: the optional second factor, turned on (QR code,
 * confirmed with a code, recovery codes shown once) or off (with a current code). The secret being
 * set up lives in this session until confirmed.
 */
@Controller
public class AccountSecurityController {

    private static final String PENDING_SECRET = "customer.totp.pending";

    private final CustomerSecondFactors secondFactors;

    public AccountSecurityController(CustomerSecondFactors secondFactors) {
        this.secondFactors = secondFactors;
    }

    @GetMapping("/account/security")
    public String security(@AuthenticationPrincipal CustomerPrincipal me, HttpSession session, Model model) {
        return page(me, session, model);
    }

    /** Begins the set-up: a new secret, shown on the page until confirmed. */
    @PostMapping("/account/security/totp")
    public String begin(@AuthenticationPrincipal CustomerPrincipal me, HttpSession session) {
        session.setAttribute(PENDING_SECRET, secondFactors.begin(me.userId()));
        return "redirect:/account/security";
    }

    @PostMapping("/account/security/totp/confirm")
    public String confirm(
            @AuthenticationPrincipal CustomerPrincipal me,
            @RequestParam(defaultValue = "") String code,
            HttpSession session,
            HttpServletResponse response,
            Model model) {
        Optional<List<String>> recovery = secondFactors.confirm(me.userId(), code, me.actor());
        if (recovery.isEmpty()) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            model.addAttribute("error", "code: not the code your authenticator shows now");
            return page(me, session, model);
        }
        session.removeAttribute(PENDING_SECRET);
        model.addAttribute("codes", recovery.get().stream().map(Totp::shown).toList());
        model.addAttribute("continueTo", "/account/security");
        return "recovery-codes";
    }

    @PostMapping("/account/security/totp/off")
    public String off(
            @AuthenticationPrincipal CustomerPrincipal me,
            @RequestParam(defaultValue = "") String code,
            RedirectAttributes redirect) {
        secondFactors.turnOff(me.userId(), code, me.actor());
        redirect.addFlashAttribute("message", "The second factor is off: your password alone logs you in.");
        return "redirect:/account/security";
    }

    private String page(CustomerPrincipal me, HttpSession session, Model model) {
        CustomerSecondFactor state = secondFactors.state(me.userId());
        model.addAttribute("on", state.ready());
        if (state.ready()) {
            model.addAttribute("unused", secondFactors.unusedRecoveryCodes(me.userId()));
        } else if (state.totpSecret() != null && state.totpSecret().equals(session.getAttribute(PENDING_SECRET))) {
            TotpQr.addTo(model, me.email(), state.totpSecret());
        }
        return "account/security";
    }
}
