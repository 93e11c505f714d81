package com.ezscale.billing.portal.web;

import com.ezscale.billing.audit.AuditOrigin;
import com.ezscale.billing.portal.security.Staff;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/** Every action audited during a request records the address it came from. */
@Component
public class AuditOriginFilter extends OncePerRequestFilter {

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        AuditOrigin.set("portal " + Staff.address(request));
        try {
            chain.doFilter(request, response);
        } finally {
            AuditOrigin.clear();
        }
    }
}
