package com.ezscale.billing.portal.security;

import com.ezscale.billing.account.db.CustomerUser;
import com.ezscale.billing.app.account.CustomerAccounts;
import com.ezscale.billing.app.collection.paypal.PayPalProperties;
import com.ezscale.billing.app.collection.stripe.StripeProperties;
import com.ezscale.billing.app.staff.StaffAccounts;
import com.ezscale.billing.staff.db.StaffUser;
import jakarta.servlet.DispatcherType;
import java.util.LinkedHashMap;
import java.util.List;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.DelegatingAuthenticationEntryPoint;
import org.springframework.security.web.authentication.HttpStatusEntryPoint;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.context.DelegatingSecurityContextRepository;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Staff and customers log in with one form (a customer with its e-mail, and is in at once as its
 * customer, with its role's authorities: {@link CustomerPrincipal}); for staff the password (BCrypt, from {@code staff_user}) grants only
 * {@link Staff#PASSWORD_OK}, which reaches the second-factor pages; a TOTP code (or a recovery
 * code) then grants the role, in a new session id. Admins reach {@code /admin/**}, finance
 * {@code /finance/**} and {@code /api/finance/**}; neither reaches the other's (separation of
 * duties: who runs billing does not record payments). Logins are throttled per account and
 * address ({@link LoginThrottle}) and recorded with the address. CSRF protection is on for every
 * form (not for the Stripe webhook, authenticated by its signature). Every response carries a
 * Content-Security-Policy without inline script or style.
 */
@Configuration(proxyBeanMethods = false)
public class PortalSecurityConfig {

    /**
     * Everything from this origin only, no inline script or style, no framing, forms posted here
     * only (and the redirects the pay and save buttons make: to Stripe Checkout's page, to PayPal's
     * approval page).
     */
    static String contentSecurityPolicy(String... formOrigins) {
        StringBuilder forms = new StringBuilder();
        for (String origin : formOrigins) {
            if (origin != null && !origin.isBlank()) {
                forms.append(' ').append(origin.strip());
            }
        }
        return "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                + "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'"
                + forms + "; frame-ancestors 'none'";
    }

    /** Reachable without a login. */
    public static final List<String> PUBLIC =
            List.of("/login", "/login/forgot", "/login/reset", "/assets/**", "/webjars/**", "/favicon.ico");

    @Bean
    SecurityFilterChain portalSecurity(
            HttpSecurity http,
            LoginThrottle throttle,
            LoginSteps steps,
            SecurityContextRepository contexts,
            StripeProperties stripe,
            PayPalProperties paypal)
            throws Exception {
        http.authorizeHttpRequests(auth -> auth
                        // the container's error page for a refusal already decided (a CSRF failure's 403 stays a 403)
                        .dispatcherTypeMatchers(DispatcherType.ERROR)
                        .permitAll()
                        // gateways call this without a login: the signature on each event is the authentication
                        .requestMatchers("/webhooks/stripe", "/webhooks/paypal", "/webhooks/coinbase")
                        .permitAll()
                        .requestMatchers(PUBLIC.toArray(String[]::new))
                        .permitAll()
                        .requestMatchers("/login/totp", "/login/totp/**")
                        .hasAuthority(Staff.PASSWORD_OK)
                        .requestMatchers(
                                "/account/invoices/**",
                                "/account/credit-notes/**",
                                "/account/payments/**",
                                "/account/payment-method/**")
                        .hasAuthority(CustomerPrincipal.BILLING)
                        .requestMatchers(
                                "/account/logins/**",
                                "/account/tokens/**",
                                "/account/webhooks/**",
                                "/account/data-export",
                                "/account/erasure-request")
                        .hasAuthority(CustomerPrincipal.OWNER)
                        .requestMatchers("/account", "/account/**", "/invoices/*/pay", "/viewinvoice.php")
                        .hasRole("CUSTOMER")
                        .requestMatchers("/")
                        .hasAnyRole("FINANCE", "ADMIN", "CUSTOMER")
                        .requestMatchers("/admin/**")
                        .hasRole("ADMIN")
                        .requestMatchers("/finance/**", "/api/finance/**")
                        .hasRole("FINANCE")
                        .anyRequest()
                        .hasAnyRole("FINANCE", "ADMIN"))
                .securityContext(context -> context.securityContextRepository(contexts))
                .formLogin(form -> form.loginPage("/login")
                        .successHandler(steps::passwordAccepted)
                        .failureHandler(steps::passwordRefused))
                .logout(logout -> logout.logoutUrl("/logout")
                        .logoutSuccessUrl("/login?out")
                        .addLogoutHandler(steps::loggedOut))
                .exceptionHandling(
                        errors -> errors.accessDeniedHandler(steps::denied).authenticationEntryPoint(entryPoint()))
                .sessionManagement(session -> session.sessionFixation(fixation -> fixation.changeSessionId()))
                .csrf(csrf ->
                        csrf.ignoringRequestMatchers("/webhooks/stripe", "/webhooks/paypal", "/webhooks/coinbase"))
                .headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(
                                contentSecurityPolicy(stripe.checkoutOrigin(), paypal.approvalOrigin())))
                        .referrerPolicy(
                                referrer -> referrer.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN)))
                .addFilterBefore(throttle, UsernamePasswordAuthenticationFilter.class);
        return http.build();
    }

    /** The throttle runs inside the security chain only (where the login is known), not as a servlet filter too. */
    @Bean
    FilterRegistrationBean<LoginThrottle> loginThrottleOutsideTheChain(LoginThrottle throttle) {
        FilterRegistrationBean<LoginThrottle> registration = new FilterRegistrationBean<>(throttle);
        registration.setEnabled(false);
        return registration;
    }

    /** Without a login: the API answers 401, every page sends to the login form. */
    private static AuthenticationEntryPoint entryPoint() {
        LinkedHashMap<RequestMatcher, AuthenticationEntryPoint> byPath = new LinkedHashMap<>();
        byPath.put(
                PathPatternRequestMatcher.withDefaults().matcher("/api/**"),
                new HttpStatusEntryPoint(HttpStatus.UNAUTHORIZED));
        DelegatingAuthenticationEntryPoint entryPoint = new DelegatingAuthenticationEntryPoint(byPath);
        entryPoint.setDefaultEntryPoint(new LoginUrlAuthenticationEntryPoint("/login"));
        return entryPoint;
    }

    @Bean
    SecurityContextRepository securityContextRepository() {
        return new DelegatingSecurityContextRepository(
                new RequestAttributeSecurityContextRepository(), new HttpSessionSecurityContextRepository());
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return StaffAccounts.PASSWORDS;
    }

    /**
     * Staff accounts and customers' logins from the database (a login with an {@code @} is a
     * customer's e-mail); the password step grants only {@link Staff#PASSWORD_OK}. A customer's
     * login without a password yet (its link not used) cannot log in.
     */
    @Bean
    UserDetailsService loginUserDetails(StaffAccounts staff, CustomerAccounts customers) {
        return username -> {
            if (Logins.isCustomer(username)) {
                CustomerUser user =
                        customers.find(username).orElseThrow(() -> new UsernameNotFoundException("no such login"));
                return User.withUsername(user.email())
                        .password(user.passwordHash() == null ? "" : user.passwordHash())
                        .authorities(List.of(new SimpleGrantedAuthority(Staff.PASSWORD_OK)))
                        .disabled(!user.enabled() || user.passwordHash() == null)
                        .build();
            }
            StaffUser user = staff.find(
                            username == null ? null : username.strip().toLowerCase(java.util.Locale.ROOT))
                    .orElseThrow(() -> new UsernameNotFoundException("no such staff user"));
            return User.withUsername(user.username())
                    .password(user.passwordHash())
                    .authorities(List.of(new SimpleGrantedAuthority(Staff.PASSWORD_OK)))
                    .disabled(!user.enabled())
                    .build();
        };
    }
}
