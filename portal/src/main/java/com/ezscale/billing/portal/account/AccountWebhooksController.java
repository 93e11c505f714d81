package com.ezscale.billing.portal.account;

import com.ezscale.billing.app.account.Webhooks;
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

/**
 * The customer's webhooks, kept by its owners: registered with the events they take (the signing
 * secret shown once), turned off or on, and the delivery log with a replay of any delivered or
 * failed event; audited.
 */
@Controller
public class AccountWebhooksController {

    private final Webhooks webhooks;

    public AccountWebhooksController(Webhooks webhooks) {
        this.webhooks = webhooks;
    }

    @GetMapping("/account/webhooks")
    public String list(
            @AuthenticationPrincipal CustomerPrincipal me, @RequestParam(required = false) Long before, Model model) {
        model.addAttribute("endpoints", webhooks.endpoints(me.customerId()));
        model.addAttribute("deliveries", webhooks.deliveries(me.customerId(), before, 50));
        model.addAttribute("events", Webhooks.EVENTS);
        return "account/webhooks";
    }

    @PostMapping("/account/webhooks")
    public String register(
            @AuthenticationPrincipal CustomerPrincipal me,
            @RequestParam(defaultValue = "") String url,
            @RequestParam(required = false) List<String> events,
            RedirectAttributes redirect) {
        Webhooks.Created created = webhooks.register(me.customerId(), url, events, me.actor());
        redirect.addFlashAttribute("secret", created.secret());
        redirect.addFlashAttribute(
                "message",
                "Webhook " + created.endpoint().url() + " added: copy its signing secret now, it is shown once.");
        return "redirect:/account/webhooks";
    }

    @PostMapping("/account/webhooks/{id}/{action:enable|disable}")
    public String enable(
            @AuthenticationPrincipal CustomerPrincipal me,
            @PathVariable long id,
            @PathVariable String action,
            RedirectAttributes redirect) {
        webhooks.setEnabled(me.customerId(), id, action.equals("enable"), me.actor());
        redirect.addFlashAttribute(
                "message", "Webhook " + id + (action.equals("enable") ? " turned on." : " turned off."));
        return "redirect:/account/webhooks";
    }

    @PostMapping("/account/webhooks/deliveries/{id}/replay")
    public String replay(
            @AuthenticationPrincipal CustomerPrincipal me, @PathVariable long id, RedirectAttributes redirect) {
        webhooks.replay(me.customerId(), id, me.actor());
        redirect.addFlashAttribute("message", "Delivery " + id + " is sent again within a minute.");
        return "redirect:/account/webhooks";
    }
}
