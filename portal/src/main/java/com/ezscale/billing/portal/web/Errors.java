package com.ezscale.billing.portal.web;

import com.ezscale.billing.rules.BillingRuleViolation;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.server.ResponseStatusException;

/**
 * A refused action answers its status with one line naming the problem (a rule's refusal: 400),
 * on the portal's error page; anything unexpected stays Spring Boot's error page without details.
 */
@ControllerAdvice(basePackages = "com.ezscale.billing.portal")
public class Errors {

    @ExceptionHandler(BillingRuleViolation.class)
    public String refused(BillingRuleViolation e, Model model, HttpServletResponse response) {
        return page(HttpStatus.BAD_REQUEST, e.getMessage(), model, response);
    }

    @ExceptionHandler(ResponseStatusException.class)
    public String status(ResponseStatusException e, Model model, HttpServletResponse response) {
        HttpStatus status = HttpStatus.valueOf(e.getStatusCode().value());
        return page(status, e.getReason() == null ? status.getReasonPhrase() : e.getReason(), model, response);
    }

    private static String page(HttpStatus status, String message, Model model, HttpServletResponse response) {
        response.setStatus(status.value());
        model.addAttribute("status", status.value());
        model.addAttribute("error", message);
        return "refused";
    }
}
