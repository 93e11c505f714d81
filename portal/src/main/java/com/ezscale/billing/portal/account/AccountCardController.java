package com.ezscale.billing.portal.account;

import com.ezscale.billing.app.collection.SavedCards;
import com.ezscale.billing.portal.security.CustomerPrincipal;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The card the customer's overdue invoices are charged to: shown as Stripe describes it (brand,
 * last four digits, expiry), saved or replaced on Stripe Checkout's page in setup mode (no card
 * data reaches us), or removed. BILLING and OWNER logins.
 */
@Controller
public class AccountCardController {

    private final SavedCards cards;
    private final String portalUrl;

    public AccountCardController(SavedCards cards, @Value("${ezscale.collection.portal-url:}") String portalUrl) {
        this.cards = cards;
        this.portalUrl = portalUrl;
    }

    @GetMapping("/account/payment-method")
    public String card(@AuthenticationPrincipal CustomerPrincipal me, Model model) {
        model.addAttribute("card", cards.current(me.customerId()));
        model.addAttribute("available", cards.available());
        return "account/payment-method";
    }

    /** To Stripe's page, where the card is entered; Stripe's webhook records it. */
    @PostMapping("/account/payment-method")
    public String save(@AuthenticationPrincipal CustomerPrincipal me) {
        return "redirect:" + cards.startSetup(me.customerId(), portalUrl, me.actor());
    }

    @PostMapping("/account/payment-method/remove")
    public String remove(@AuthenticationPrincipal CustomerPrincipal me, RedirectAttributes redirect) {
        String removed = cards.remove(me.customerId(), me.actor());
        redirect.addFlashAttribute(
                "message", removed + " was removed. Overdue invoices are no longer charged to a card: pay them here.");
        return "redirect:/account/payment-method";
    }
}
