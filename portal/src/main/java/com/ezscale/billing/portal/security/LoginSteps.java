package com.ezscale.billing.portal.security;

import com.ezscale.billing.account.db.CustomerUser;
import com.ezscale.billing.app.account.CustomerAccounts;
import com.ezscale.billing.app.account.CustomerSecondFactors;
import com.ezscale.billing.app.staff.StaffAccounts;
import com.ezscale.billing.staff.db.StaffUser;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.stereotype.Component;

/**
 * The login's steps around Spring Security's form login: where the password leads (for staff the
 * TOTP page, or its set-up on a first login; a customer is in at once, as its customer, unless its
 * login turned a second factor on), what a refusal records, and the grant of the role once the
 * second factor is checked, in a new session id. Every step is recorded with its address.
 */
@Component
public class LoginSteps {

    private final StaffAccounts staff;
    private final CustomerAccounts customers;
    private final CustomerSecondFactors secondFactors;
    private final Logins logins;
    private final SecurityContextRepository contexts;
    private final LoginThrottle throttle;

    public LoginSteps(
            StaffAccounts staff,
            CustomerAccounts customers,
            CustomerSecondFactors secondFactors,
            Logins logins,
            SecurityContextRepository contexts,
            LoginThrottle throttle) {
        this.staff = staff;
        this.customers = customers;
        this.secondFactors = secondFactors;
        this.logins = logins;
        this.contexts = contexts;
        this.throttle = throttle;
    }

    /** A wrong second-factor code: recorded, and counted by the throttle. */
    void secondFactorRefused(String username, HttpServletRequest request) {
        logins.record(username, Staff.address(request), "TOTP_FAILED");
        throttle.failed(username, Staff.address(request));
    }

    void passwordAccepted(HttpServletRequest request, HttpServletResponse response, Authentication authentication)
            throws IOException {
        if (Logins.isCustomer(authentication.getName())) {
            CustomerUser user = customers.find(authentication.getName()).orElseThrow();
            customers.recordLogin(user.email(), Staff.address(request), "PASSWORD_OK");
            if (secondFactors.state(user.id()).ready()) {
                // the password step's authority only: the second-factor page, then the customer
                response.sendRedirect(request.getContextPath() + "/login/totp");
                return;
            }
            CustomerPrincipal principal = CustomerPrincipal.of(user);
            replace(
                    UsernamePasswordAuthenticationToken.authenticated(principal, null, principal.authorities()),
                    request,
                    response);
            response.sendRedirect(request.getContextPath() + "/account");
            return;
        }
        staff.recordLogin(authentication.getName(), Staff.address(request), "PASSWORD_OK");
        boolean ready = staff.find(authentication.getName())
                .map(StaffUser::secondFactorReady)
                .orElse(false);
        response.sendRedirect(request.getContextPath() + (ready ? "/login/totp" : "/login/totp/setup"));
    }

    void passwordRefused(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
            throws IOException {
        logins.record(request.getParameter("username"), Staff.address(request), "PASSWORD_FAILED");
        throttle.failed(request.getParameter("username"), Staff.address(request));
        response.sendRedirect(request.getContextPath() + "/login?error");
    }

    void loggedOut(HttpServletRequest request, HttpServletResponse response, Authentication authentication) {
        if (authentication != null) {
            logins.record(authentication.getName(), Staff.address(request), "LOGOUT");
        }
    }

    /** A password-only login sent to its second factor; anyone else refused with 403. */
    void denied(HttpServletRequest request, HttpServletResponse response, AccessDeniedException e) throws IOException {
        if (Staff.passwordOnly(SecurityContextHolder.getContext().getAuthentication())) {
            response.sendRedirect(request.getContextPath() + "/login/totp");
        } else {
            response.sendError(HttpServletResponse.SC_FORBIDDEN, "not for your role");
        }
    }

    /** The second factor passed: the login becomes the member's role, in a new session id. */
    void grant(StaffUser user, HttpServletRequest request, HttpServletResponse response, String outcome) {
        replace(
                UsernamePasswordAuthenticationToken.authenticated(
                        user.username(), null, List.of(new SimpleGrantedAuthority("ROLE_" + user.role()))),
                request,
                response);
        staff.recordLogin(user.username(), Staff.address(request), outcome);
    }

    /** A customer's second factor passed: the login becomes its customer's, in a new session id. */
    void grantCustomer(CustomerUser user, HttpServletRequest request, HttpServletResponse response, String outcome) {
        CustomerPrincipal principal = CustomerPrincipal.of(user);
        replace(
                UsernamePasswordAuthenticationToken.authenticated(principal, null, principal.authorities()),
                request,
                response);
        customers.recordLogin(user.email(), Staff.address(request), outcome);
    }

    /** The login's full authentication replaces the password step's, in a new session id. */
    private void replace(Authentication full, HttpServletRequest request, HttpServletResponse response) {
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(full);
        SecurityContextHolder.setContext(context);
        request.changeSessionId();
        contexts.saveContext(context, request, response);
    }
}
