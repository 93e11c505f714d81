package com.ezscale.billing.portal.web;

import com.ezscale.billing.portal.security.CustomerPrincipal;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/**
 * Which groups of links the page header shows ({@code ${@navigation.links()}}): the same decisions
 * as {@code hasRole('ADMIN')}, {@code hasRole('FINANCE')}, {@code hasRole('CUSTOMER')} and the
 * customer's {@code hasAuthority(...)}, read once per page from the request's authentication. The
 * header did them with {@code sec:authorize}, which parses its expression anew on every page: 21 %
 * of the executions page's rendering (JFR). The routes' own authorisation is unchanged; the header
 * only hides links a member may not follow.
 */
@Component("navigation")
public class Navigation {

    /** The header's link groups for one page. */
    public record Links(boolean admin, boolean finance, boolean customer, boolean billing, boolean owner) {}

    private static final Links NONE = new Links(false, false, false, false, false);

    public Links links() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null || !authentication.isAuthenticated()) {
            return NONE;
        }
        Set<String> granted = authentication.getAuthorities().stream()
                .map(GrantedAuthority::getAuthority)
                .collect(Collectors.toSet());
        return new Links(
                granted.contains("ROLE_ADMIN"),
                granted.contains("ROLE_FINANCE"),
                granted.contains(CustomerPrincipal.ROLE_CUSTOMER),
                granted.contains(CustomerPrincipal.BILLING),
                granted.contains(CustomerPrincipal.OWNER));
    }
}
