package com.ezscale.billing.portal.home;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** The start page after login: what the member's role can reach. */
@Controller
public class HomeController {

    @GetMapping("/")
    public String home() {
        return "home";
    }
}
