package com.ezscale.billing.portal.security;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;

/** The authorities of the portal's two login steps. */
public final class Staff {

    /** Granted by the password alone: reaches the second-factor pages and nothing else. */
    public static final String PASSWORD_OK = "PASSWORD_OK";

    public static final String ROLE_FINANCE = "ROLE_FINANCE";
    public static final String ROLE_ADMIN = "ROLE_ADMIN";

    private Staff() {}

    public static boolean passwordOnly(Authentication authentication) {
        return authentication != null
                && authentication.getAuthorities().stream()
                        .map(GrantedAuthority::getAuthority)
                        .anyMatch(PASSWORD_OK::equals);
    }

    /** Where a request came from (the servlet's remote address; put the portal behind a proxy that sets it). */
    public static String address(HttpServletRequest request) {
        return request.getRemoteAddr();
    }
}
