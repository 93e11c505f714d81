package com.ezscale.billing.portal.security;

import jakarta.servlet.DispatcherType;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;

/**
 * Everything needs a login; finance reports need FINANCE or ADMIN. CSRF protection stays on, except
 * for the Stripe webhook (a server-to-server call authenticated by its signature). Every response
 * carries a Content-Security-Policy without inline script and a same-origin Referrer-Policy.
 */
@Configuration(proxyBeanMethods = false)
public class PortalSecurityConfig {

    private static final Logger log = LoggerFactory.getLogger(PortalSecurityConfig.class);

    /** Everything from this origin only, no inline script or style, no framing, forms posted here only. */
    static final String CONTENT_SECURITY_POLICY =
            "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                    + "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    @Bean
    SecurityFilterChain portalSecurity(HttpSecurity http) throws Exception {
        http.authorizeHttpRequests(auth -> auth
                        // the container's error page for a refusal already decided (a CSRF failure's 403 stays a 403,
                        // not a 401 for the anonymous error dispatch)
                        .dispatcherTypeMatchers(DispatcherType.ERROR)
                        .permitAll()
                        // gateways call this without a login: the signature on each event is the authentication
                        .requestMatchers("/webhooks/stripe")
                        .permitAll()
                        .requestMatchers("/api/finance/**")
                        .hasAnyRole("FINANCE", "ADMIN")
                        .anyRequest()
                        .authenticated())
                .csrf(csrf -> csrf.ignoringRequestMatchers("/webhooks/stripe"))
                .headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
                        .referrerPolicy(
                                referrer -> referrer.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN)))
                .httpBasic(Customizer.withDefaults());
        return http.build();
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return new BCryptPasswordEncoder();
    }

    @Bean
    InMemoryUserDetailsManager staffAccounts(PortalSecurityProperties properties) {
        List<UserDetails> users = new ArrayList<>();
        if (hasText(properties.financePasswordHash())) {
            users.add(User.withUsername("finance")
                    .password(properties.financePasswordHash())
                    .roles("FINANCE")
                    .build());
        }
        if (hasText(properties.adminPasswordHash())) {
            users.add(User.withUsername("admin")
                    .password(properties.adminPasswordHash())
                    .roles("ADMIN")
                    .build());
        }
        if (users.isEmpty()) {
            log.warn(
                    "no staff account configured (EZSCALE_PORTAL_FINANCE_PASSWORD_HASH, EZSCALE_PORTAL_ADMIN_PASSWORD_HASH): nobody can log in");
        }
        return new InMemoryUserDetailsManager(users);
    }

    private static boolean hasText(String s) {
        return s != null && !s.isBlank();
    }
}
