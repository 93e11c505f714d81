package com.ezscale.billing.portal.account;

import com.ezscale.billing.app.collection.PayPalWallets;
import com.ezscale.billing.app.collection.SavedCards;
import com.ezscale.billing.portal.security.CustomerPrincipal;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * How the customer's invoices are paid: the card, shown as Stripe describes it (brand, last four
 * digits, expiry), saved or replaced on Stripe Checkout's page in setup mode (no card data reaches
 * us), or removed; the PayPal account, approved at PayPal (only the vaulted token's id is kept), or
 * removed; and the gateway the invoices are charged through (card, PayPal, or none: by hand).
 * BILLING and OWNER logins.
 */
@Controller
public class AccountCardController {

    private final SavedCards cards;
    private final PayPalWallets wallets;
    private final String portalUrl;

    public AccountCardController(
            SavedCards cards, PayPalWallets wallets, @Value("${ezscale.collection.portal-url:}") String portalUrl) {
        this.cards = cards;
        this.wallets = wallets;
        this.portalUrl = portalUrl;
    }

    @GetMapping("/account/payment-method")
    public String card(@AuthenticationPrincipal CustomerPrincipal me, Model model) {
        model.addAttribute("card", cards.current(me.customerId()));
        model.addAttribute("available", cards.available());
        model.addAttribute("paypalAvailable", wallets.available());
        model.addAttribute("choice", wallets.choice(me.customerId()));
        return "account/payment-method";
    }

    /** To PayPal's page, where the customer approves; PayPal sends the browser back to the return below. */
    @PostMapping("/account/payment-method/paypal")
    public String savePayPal(@AuthenticationPrincipal CustomerPrincipal me) {
        return "redirect:" + wallets.startSetup(me.customerId(), portalUrl, me.actor());
    }

    /** Back from PayPal with the approved setup token: saved once, for the customer that started it only. */
    @GetMapping("/account/payment-method/paypal/return")
    public String payPalApproved(
            @AuthenticationPrincipal CustomerPrincipal me,
            @RequestParam(name = "approval_token_id", required = false) String setupToken,
            RedirectAttributes redirect) {
        try {
            redirect.addFlashAttribute("message", wallets.complete(me.customerId(), setupToken, me.actor()));
        } catch (PayPalWallets.NotYours e) {
            throw new ResponseStatusException(org.springframework.http.HttpStatus.NOT_FOUND, e.getMessage());
        }
        return "redirect:/account/payment-method";
    }

    @PostMapping("/account/payment-method/paypal/remove")
    public String removePayPal(@AuthenticationPrincipal CustomerPrincipal me, RedirectAttributes redirect) {
        wallets.remove(me.customerId(), me.actor());
        redirect.addFlashAttribute("message", "Your PayPal account was removed; invoices are no longer charged to it.");
        return "redirect:/account/payment-method";
    }

    /** The gateway the invoices are charged through: the card, PayPal, or none (paid by hand). */
    @PostMapping("/account/payment-method/prefer")
    public String prefer(
            @AuthenticationPrincipal CustomerPrincipal me,
            @RequestParam(name = "gateway", required = false) String gateway,
            RedirectAttributes redirect) {
        wallets.prefer(me.customerId(), gateway, me.actor());
        redirect.addFlashAttribute(
                "message",
                switch (gateway) {
                    case "STRIPE" -> "Invoices are charged to your card.";
                    case "PAYPAL" -> "Invoices are charged to your PayPal account.";
                    case "CRYPTO" -> "Invoices are not charged: their reminders link to a crypto payment page.";
                    default -> "Invoices are no longer charged automatically: pay them here or by bank transfer.";
                });
        return "redirect:/account/payment-method";
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
