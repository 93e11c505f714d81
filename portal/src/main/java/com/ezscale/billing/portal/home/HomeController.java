package com.ezscale.billing.portal.home;

import com.ezscale.billing.portal.security.CustomerPrincipal;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** The start page after login: what the member's role can reach; a customer's is its account. */
@Controller
public class HomeController {

    @GetMapping("/")
    public String home(Authentication authentication) {
        return authentication != null && authentication.getPrincipal() instanceof CustomerPrincipal
                ? "redirect:/account"
                : "home";
    }
}
