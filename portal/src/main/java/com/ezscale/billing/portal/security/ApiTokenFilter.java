package com.ezscale.billing.portal.security;

import com.ezscale.billing.account.db.ApiToken;
import com.ezscale.billing.app.account.ApiTokens;
import com.ezscale.billing.app.staff.StaffAccounts;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The JSON API's authentication: {@code Authorization: Bearer ezk_...}. A live customer token acts
 * for its customer with authorities {@code SCOPE_<scope>}; a staff token with its member's role.
 * A token that is unknown, revoked or expired answers 401 (Problem Details); a token over its
 * requests per minute ({@code ezscale.portal.api-requests-per-minute}) answers 429 with
 * Retry-After, before anything is read. No session is made.
 */
public class ApiTokenFilter extends OncePerRequestFilter {

    private static final int KEYS = 10_000;

    private final ApiTokens tokens;
    private final StaffAccounts staff;
    private final int perMinute;
    private final Map<Long, Bucket> buckets =
            Caffeine.newBuilder().maximumSize(KEYS).<Long, Bucket>build().asMap();

    public ApiTokenFilter(ApiTokens tokens, StaffAccounts staff, int perMinute) {
        this.tokens = tokens;
        this.staff = staff;
        this.perMinute = perMinute;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader("Authorization");
        if (header == null || header.isBlank()) {
            chain.doFilter(request, response); // the entry point answers 401 where a token is needed
            return;
        }
        if (!header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            ApiProblem.write(response, 401, "Unauthorized", "Authorization: expected 'Bearer <token>'");
            return;
        }
        Optional<ApiToken> found = tokens.authenticate(header.substring(7).strip());
        if (found.isEmpty()) {
            ApiProblem.write(response, 401, "Unauthorized", "the token is unknown, revoked or expired");
            return;
        }
        ApiToken token = found.get();
        Bucket bucket = buckets.computeIfAbsent(
                token.id(),
                id -> Bucket.builder()
                        .addLimit(Bandwidth.builder()
                                .capacity(perMinute)
                                .refillGreedy(perMinute, Duration.ofMinutes(1))
                                .build())
                        .build());
        var probe = bucket.tryConsumeAndReturnRemaining(1);
        if (!probe.isConsumed()) {
            response.setHeader(
                    "Retry-After",
                    Long.toString(Math.max(
                            1, Duration.ofNanos(probe.getNanosToWaitForRefill()).toSeconds())));
            ApiProblem.write(
                    response, 429, "Too Many Requests", "over " + perMinute + " requests a minute for this token");
            return;
        }
        response.setHeader("X-RateLimit-Remaining", Long.toString(probe.getRemainingTokens()));
        List<GrantedAuthority> authorities = new ArrayList<>();
        if (token.staffUsername() != null) {
            staff.find(token.staffUsername())
                    .ifPresent(u -> authorities.add(new SimpleGrantedAuthority("ROLE_" + u.role())));
        } else {
            token.scopeSet().forEach(s -> authorities.add(new SimpleGrantedAuthority("SCOPE_" + s)));
        }
        TokenPrincipal principal =
                new TokenPrincipal(token.id(), token.customerId(), token.staffUsername(), token.scopeSet());
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(principal, null, authorities));
        SecurityContextHolder.setContext(context);
        try {
            chain.doFilter(request, response);
        } finally {
            SecurityContextHolder.clearContext();
        }
    }
}
