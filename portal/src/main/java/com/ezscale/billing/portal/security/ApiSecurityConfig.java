package com.ezscale.billing.portal.security;

import com.ezscale.billing.app.account.ApiTokens;
import com.ezscale.billing.app.staff.StaffAccounts;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;

/**
 * The JSON API ({@code /api/v1/**}): the portal's security with bearer tokens instead of the login
 * form (same principals, same headers): stateless, no session, no CSRF (no cookie authenticates a
 * call). Customer routes need the token's scope ({@code read}; {@code webhooks} for webhooks);
 * {@code /api/v1/staff/**} a staff token of the role (finance reports, admin jobs). The OpenAPI
 * description is public.
 */
@Configuration(proxyBeanMethods = false)
public class ApiSecurityConfig {

    public static final String OPENAPI = "/api/v1/openapi.json";

    @Bean
    @Order(1)
    SecurityFilterChain apiSecurity(
            HttpSecurity http, ApiTokens tokens, StaffAccounts staff, PortalSecurityProperties properties)
            throws Exception {
        http.securityMatcher("/api/v1/**")
                .authorizeHttpRequests(auth -> auth.requestMatchers(OPENAPI, OPENAPI + "/**")
                        .permitAll()
                        .requestMatchers("/api/v1/staff/jobs/**", "/api/v1/staff/jobs")
                        .hasRole("ADMIN")
                        .requestMatchers("/api/v1/staff/**")
                        .hasRole("FINANCE")
                        .requestMatchers("/api/v1/webhooks/**", "/api/v1/webhooks")
                        .hasAuthority("SCOPE_" + ApiTokens.WEBHOOKS)
                        .anyRequest()
                        .hasAuthority("SCOPE_" + ApiTokens.READ))
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(csrf -> csrf.disable())
                .requestCache(cache -> cache.disable())
                .formLogin(form -> form.disable())
                .httpBasic(basic -> basic.disable())
                .logout(logout -> logout.disable())
                .exceptionHandling(errors -> errors.authenticationEntryPoint((request, response, e) -> ApiProblem.write(
                                response, 401, "Unauthorized", "a token is needed: Authorization: Bearer <token>"))
                        .accessDeniedHandler((request, response, e) -> ApiProblem.write(
                                response,
                                403,
                                "Forbidden",
                                "this token's scopes or role do not reach " + request.getRequestURI())))
                .headers(headers -> headers.contentSecurityPolicy(
                        csp -> csp.policyDirectives(PortalSecurityConfig.contentSecurityPolicy(""))))
                .addFilterBefore(
                        new ApiTokenFilter(tokens, staff, properties.apiRequestsPerMinute()),
                        AnonymousAuthenticationFilter.class);
        return http.build();
    }
}
