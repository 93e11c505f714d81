package com.ezscale.billing.portal.security;

import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Login attempts (password and second factor, and customers' password-reset requests) are limited per account
 * ({@code ezscale.portal.login-attempts-per-minute}) and per address ({@code ...-per-address}), by
 * token buckets (Bucket4j) from which each failed attempt takes one: once one is empty, the next
 * attempt is refused with 429 before the password or code is checked, and recorded (RATE_LIMITED). The
 * buckets are per portal node, in a Caffeine cache bounded at 10,000 keys.
 */
@Component
public class LoginThrottle extends OncePerRequestFilter {

    private static final int KEYS = 10_000;

    private final Logins logins;
    private final int perAccount;
    private final int perAddress;
    private final Map<String, Bucket> buckets =
            Caffeine.newBuilder().maximumSize(KEYS).<String, Bucket>build().asMap();

    public LoginThrottle(Logins logins, PortalSecurityProperties properties) {
        this.logins = logins;
        this.perAccount = properties.loginAttemptsPerMinute();
        this.perAddress = properties.loginAttemptsPerMinutePerAddress();
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = path(request);
        return !"POST".equals(request.getMethod())
                || !(path.equals("/login")
                        || path.equals("/login/forgot")
                        || path.equals("/login/totp")
                        || path.equals("/login/totp/setup"));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String account;
        if (path(request).equals("/login") || path(request).equals("/login/forgot")) {
            String given = request.getParameter("username");
            account = given == null ? "" : given.strip().toLowerCase(Locale.ROOT);
        } else {
            Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
            account = authentication == null ? "" : authentication.getName();
        }
        String address = Staff.address(request);
        boolean byAddress = bucket("address:" + address, perAddress).getAvailableTokens() > 0;
        boolean byAccount =
                account.isEmpty() || bucket("account:" + account, perAccount).getAvailableTokens() > 0;
        if (!byAddress || !byAccount) {
            logins.record(account, address, "RATE_LIMITED");
            response.setStatus(429);
            response.setHeader("Retry-After", "60");
            response.setContentType("text/html;charset=UTF-8");
            response.getWriter()
                    .write("<!DOCTYPE html><html><head><title>Too many attempts</title>"
                            + "<link rel=\"stylesheet\" href=\"/assets/css/app.css\"></head><body class=\"login\"><main>"
                            + "<h1>Too many attempts</h1><p>Too many failed login attempts for this "
                            + (byAccount ? "address" : "account")
                            + " in the last minute. Wait a minute and try again.</p>"
                            + "<p><a href=\"/login\">Back to the login</a></p></main></body></html>");
            return;
        }
        chain.doFilter(request, response);
    }

    /** A failed attempt (wrong password or code) takes a token from the account's and the address's bucket. */
    public void failed(String account, String address) {
        bucket("address:" + address, perAddress).tryConsume(1);
        if (account != null && !account.isBlank()) {
            bucket("account:" + account.strip().toLowerCase(Locale.ROOT), perAccount)
                    .tryConsume(1);
        }
    }

    private static String path(HttpServletRequest request) {
        return request.getRequestURI().substring(request.getContextPath().length());
    }

    private Bucket bucket(String key, int perMinute) {
        return buckets.computeIfAbsent(
                key,
                k -> Bucket.builder()
                        .addLimit(Bandwidth.builder()
                                .capacity(perMinute)
                                .refillIntervally(perMinute, Duration.ofMinutes(1))
                                .build())
                        .build());
    }
}
