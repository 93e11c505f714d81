package com.ezscale.billing.portal.account;

import com.ezscale.billing.app.account.ApiTokens;
import com.ezscale.billing.portal.security.CustomerPrincipal;
import java.util.List;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The customer's API tokens, kept by its owners: created with scopes (shown once), revoked; audited. */
@Controller
public class AccountTokensController {

    private final ApiTokens tokens;

    public AccountTokensController(ApiTokens tokens) {
        this.tokens = tokens;
    }

    @GetMapping("/account/tokens")
    public String list(@AuthenticationPrincipal CustomerPrincipal me, Model model) {
        model.addAttribute("tokens", tokens.ofCustomer(me.customerId()));
        model.addAttribute("scopes", ApiTokens.SCOPES);
        return "account/tokens";
    }

    @PostMapping("/account/tokens")
    public String create(
            @AuthenticationPrincipal CustomerPrincipal me,
            @RequestParam(defaultValue = "") String name,
            @RequestParam(required = false) List<String> scopes,
            RedirectAttributes redirect) {
        ApiTokens.Created created = tokens.createForCustomer(me.customerId(), name, scopes, me.actor());
        redirect.addFlashAttribute("secret", created.secret());
        redirect.addFlashAttribute(
                "message", "Token '" + created.token().name() + "' created: copy it now, it is shown once.");
        return "redirect:/account/tokens";
    }

    @PostMapping("/account/tokens/{id}/revoke")
    public String revoke(
            @AuthenticationPrincipal CustomerPrincipal me, @PathVariable long id, RedirectAttributes redirect) {
        tokens.revokeForCustomer(me.customerId(), id, me.actor());
        redirect.addFlashAttribute("message", "Token " + id + " revoked.");
        return "redirect:/account/tokens";
    }
}
