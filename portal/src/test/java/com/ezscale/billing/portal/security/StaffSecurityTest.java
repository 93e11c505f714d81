package com.ezscale.billing.portal.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.ezscale.billing.app.staff.StaffAccounts;
import com.ezscale.billing.app.subscription.ServiceBook;
import com.ezscale.billing.catalog.ProductKind;
import com.ezscale.billing.customer.CustomerDetails;
import com.ezscale.billing.customer.PostalAddress;
import com.ezscale.billing.period.BillingCycle;
import com.ezscale.billing.run.JobRequests;
import com.ezscale.billing.staff.StaffRole;
import com.ezscale.billing.testing.DatabaseTest;
import dev.samstevens.totp.code.DefaultCodeGenerator;
import dev.samstevens.totp.code.HashingAlgorithm;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.quartz.JobDetail;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * The staff portal's security: every mapped route's access by role (a new route without an entry
 * here fails the test), the login with its second factor on the real form and database, the
 * throttle, CSRF, and a job run asked for through Quartz's store.
 */
@AutoConfigureMockMvc
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StaffSecurityTest extends DatabaseTest {

    /**
     * Who may reach each route: PUBLIC, SIGNED (the webhook), PASSWORD (between the two login
     * steps), STAFF, ADMIN, FINANCE, CUSTOMER (a customer's login: CustomerPortalTest tries each
     * such route across customers), API (bearer tokens: CustomerPortalTest).
     */
    static final Map<String, String> ACCESS = new TreeMap<>(Map.ofEntries(
            Map.entry("GET /login", "PUBLIC"),
            Map.entry("GET /login/forgot", "PUBLIC"),
            Map.entry("POST /login/forgot", "PUBLIC"),
            Map.entry("GET /login/reset", "PUBLIC"),
            Map.entry("POST /login/reset", "PUBLIC"),
            Map.entry("GET /account", "CUSTOMER"),
            Map.entry("GET /account/invoices", "CUSTOMER"),
            Map.entry("GET /account/invoices/{number}", "CUSTOMER"),
            Map.entry("GET /account/invoices/{number}/pdf", "CUSTOMER"),
            Map.entry("GET /account/credit-notes", "CUSTOMER"),
            Map.entry("GET /account/credit-notes/{number}/pdf", "CUSTOMER"),
            Map.entry("GET /account/payments", "CUSTOMER"),
            Map.entry("GET /account/payment-method", "CUSTOMER"),
            Map.entry("GET /account/security", "CUSTOMER"),
            Map.entry("POST /account/erasure-request", "CUSTOMER"),
            Map.entry("POST /account/security/totp", "CUSTOMER"),
            Map.entry("POST /account/security/totp/confirm", "CUSTOMER"),
            Map.entry("POST /account/security/totp/off", "CUSTOMER"),
            Map.entry("POST /account/payment-method", "CUSTOMER"),
            Map.entry("POST /account/payment-method/remove", "CUSTOMER"),
            Map.entry("POST /account/payment-method/paypal", "CUSTOMER"),
            Map.entry("GET /account/payment-method/paypal/return", "CUSTOMER"),
            Map.entry("POST /account/payment-method/paypal/remove", "CUSTOMER"),
            Map.entry("POST /account/payment-method/prefer", "CUSTOMER"),
            Map.entry("GET /account/invoices/{number}/pay/crypto", "CUSTOMER"),
            Map.entry("GET /account/services", "CUSTOMER"),
            Map.entry("GET /account/services/{id}/usage", "CUSTOMER"),
            Map.entry("GET /account/services/{id}/usage.json", "CUSTOMER"),
            Map.entry("GET /account/services/{id}/usage.csv", "CUSTOMER"),
            Map.entry("GET /account/logins", "CUSTOMER"),
            Map.entry("POST /account/logins", "CUSTOMER"),
            Map.entry("POST /account/logins/{id}/{action:enable|disable}", "CUSTOMER"),
            Map.entry("GET /invoices/{number}/pay", "CUSTOMER"),
            Map.entry("GET /viewinvoice.php", "CUSTOMER"),
            Map.entry("POST /account/invoices/{number}/pay", "CUSTOMER"),
            Map.entry("GET /account/webhooks", "CUSTOMER"),
            Map.entry("GET /account/data-export", "CUSTOMER"),
            Map.entry("POST /admin/customers/{id}/erase", "ADMIN"),
            Map.entry("POST /admin/customers/{id}/logins", "ADMIN"),
            Map.entry("POST /account/webhooks", "CUSTOMER"),
            Map.entry("POST /account/webhooks/{id}/{action:enable|disable}", "CUSTOMER"),
            Map.entry("POST /account/webhooks/deliveries/{id}/replay", "CUSTOMER"),
            Map.entry("GET /api/v1/webhooks", "API"),
            Map.entry("POST /api/v1/webhooks", "API"),
            Map.entry("POST /api/v1/webhooks/{id}/{action:enable|disable}", "API"),
            Map.entry("GET /api/v1/webhooks/deliveries", "API"),
            Map.entry("POST /api/v1/webhooks/deliveries/{id}/replay", "API"),
            Map.entry("GET /account/tokens", "CUSTOMER"),
            Map.entry("POST /account/tokens", "CUSTOMER"),
            Map.entry("POST /account/tokens/{id}/revoke", "CUSTOMER"),
            Map.entry("POST /admin/staff/{username}/tokens", "ADMIN"),
            Map.entry("POST /admin/staff/{username}/tokens/{id}/revoke", "ADMIN"),
            Map.entry("GET /api/v1/services", "API"),
            Map.entry("GET /api/v1/services/{id}/usage", "API"),
            Map.entry("GET /api/v1/services/{id}/usage.csv", "API"),
            Map.entry("GET /api/v1/invoices", "API"),
            Map.entry("GET /api/v1/invoices/{number}", "API"),
            Map.entry("GET /api/v1/invoices/{number}/pdf", "API"),
            Map.entry("GET /api/v1/credit-notes", "API"),
            Map.entry("GET /api/v1/credit-notes/{number}/pdf", "API"),
            Map.entry("GET /api/v1/payments", "API"),
            Map.entry("GET /api/v1/staff/jobs", "API"),
            Map.entry("GET /api/v1/staff/jobs/requests", "API"),
            Map.entry("POST /api/v1/staff/jobs/runs", "API"),
            Map.entry("POST /api/v1/staff/jobs/{id}/{action:restart|stop}", "API"),
            Map.entry("POST /api/v1/staff/reports", "API"),
            Map.entry("GET /api/v1/staff/reports/requests", "API"),
            Map.entry("GET /api/v1/staff/reports/outputs/{id}", "API"),
            Map.entry("POST /webhooks/stripe", "SIGNED"),
            Map.entry("POST /webhooks/paypal", "SIGNED"),
            Map.entry("POST /webhooks/coinbase", "SIGNED"),
            Map.entry("GET /login/totp", "PASSWORD"),
            Map.entry("POST /login/totp", "PASSWORD"),
            Map.entry("GET /login/totp/setup", "PASSWORD"),
            Map.entry("POST /login/totp/setup", "PASSWORD"),
            Map.entry("GET /", "STAFF"),
            Map.entry("GET /admin/jobs", "ADMIN"),
            Map.entry("GET /admin/jobs.csv", "ADMIN"),
            Map.entry("POST /admin/jobs/run", "ADMIN"),
            Map.entry("GET /admin/jobs/{id}", "ADMIN"),
            Map.entry("GET /admin/jobs/{id}/progress", "ADMIN"),
            Map.entry("POST /admin/jobs/{id}/restart", "ADMIN"),
            Map.entry("POST /admin/jobs/{id}/stop", "ADMIN"),
            Map.entry("GET /admin/audit", "ADMIN"),
            Map.entry("GET /admin/outbox", "ADMIN"),
            Map.entry("POST /admin/outbox/{id}/retry", "ADMIN"),
            Map.entry("GET /admin/dead-letters", "ADMIN"),
            Map.entry("GET /admin/schedules", "ADMIN"),
            Map.entry("POST /admin/schedules/{group}/{name}/{action}", "ADMIN"),
            Map.entry("GET /admin/audit.csv", "ADMIN"),
            Map.entry("GET /admin/staff", "ADMIN"),
            Map.entry("POST /admin/staff", "ADMIN"),
            Map.entry("POST /admin/staff/{username}/{action}", "ADMIN"),
            Map.entry("GET /admin/customers", "ADMIN"),
            Map.entry("GET /admin/customers.csv", "ADMIN"),
            Map.entry("GET /admin/customers/{id}", "ADMIN"),
            Map.entry("POST /admin/customers/{id}/credit", "ADMIN"),
            Map.entry("POST /admin/services/{id}/{action}", "ADMIN"),
            Map.entry("GET /admin/outbox.csv", "ADMIN"),
            Map.entry("GET /admin/dead-letters.csv", "ADMIN"),
            Map.entry("GET /admin/parked", "ADMIN"),
            Map.entry("GET /admin/parked.csv", "ADMIN"),
            Map.entry("GET /admin/ingest", "ADMIN"),
            Map.entry("GET /admin/ingest.csv", "ADMIN"),
            Map.entry("GET /admin/unattributed", "ADMIN"),
            Map.entry("GET /admin/unattributed.csv", "ADMIN"),
            Map.entry("POST /admin/staff/{username}/password", "ADMIN"),
            Map.entry("POST /finance/invoices/{number}/refunds", "FINANCE"),
            Map.entry("POST /finance/reports/jobs", "FINANCE"),
            Map.entry("GET /finance/reports/requests", "FINANCE"),
            Map.entry("GET /finance/reports/outputs/{id}", "FINANCE"),
            Map.entry("GET /finance/reports", "FINANCE"),
            Map.entry("GET /finance", "FINANCE"),
            Map.entry("GET /finance/approvals", "FINANCE"),
            Map.entry("POST /finance/approvals/{id}", "FINANCE"),
            Map.entry("POST /finance/invoices/{number}/credit-notes", "FINANCE"),
            Map.entry("GET /finance/dashboard/mrr.json", "FINANCE"),
            Map.entry("GET /finance/invoices", "FINANCE"),
            Map.entry("GET /finance/invoices.csv", "FINANCE"),
            Map.entry("GET /finance/invoices/{number}", "FINANCE"),
            Map.entry("GET /finance/invoices/{number}/pdf", "FINANCE"),
            Map.entry("POST /finance/invoices/{number}/payments", "FINANCE"),
            Map.entry("GET /finance/reports/run", "FINANCE"),
            Map.entry("GET /finance/reports/files/{id}", "FINANCE"),
            Map.entry("GET /api/finance/invoice-summary", "FINANCE")));

    static final String PASSWORD = "correct horse battery";

    @Autowired
    MockMvc mvc;

    @Autowired
    StaffAccounts staff;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    Scheduler scheduler;

    @Autowired
    com.ezscale.billing.app.catalog.Catalog catalog;

    @Autowired
    com.ezscale.billing.app.customer.Customers customers;

    @Autowired
    ServiceBook services;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    private void accounts() {
        if (staff.find("adam").isEmpty()) {
            staff.add("adam", "Adam Admin", StaffRole.ADMIN, PASSWORD, "test");
            staff.add("fiona", "Fiona Finance", StaffRole.FINANCE, PASSWORD, "test");
        }
    }

    @Test
    @Order(1)
    void everyRouteIsReachedByItsRolesOnlyAndANewRouteNeedsAnEntryHere() throws Exception {
        accounts();
        List<String> routes = new ArrayList<>();
        for (Map.Entry<RequestMappingInfo, HandlerMethod> e :
                mappings.getHandlerMethods().entrySet()) {
            if (!e.getValue().getBeanType().getPackageName().startsWith("com.ezscale")) {
                continue; // Spring Boot's error controller
            }
            RequestMappingInfo info = e.getKey();
            List<String> methods = info.getMethodsCondition().getMethods().isEmpty()
                    ? List.of("GET")
                    : info.getMethodsCondition().getMethods().stream()
                            .map(Enum::name)
                            .toList();
            for (String method : methods) {
                for (String path : info.getPatternValues()) {
                    routes.add(method + " " + path);
                }
            }
        }
        assertThat(routes).as("every route has an access rule in ACCESS").allMatch(ACCESS::containsKey);
        assertThat(ACCESS.keySet()).as("every rule here is a route").allMatch(routes::contains);

        RequestPostProcessor passwordOnly = user("adam").authorities(new SimpleGrantedAuthority(Staff.PASSWORD_OK));
        RequestPostProcessor admin = user("adam").roles("ADMIN");
        RequestPostProcessor finance = user("fiona").roles("FINANCE");
        for (String route : routes) {
            String access = ACCESS.get(route);
            if (access.equals("SIGNED") || access.equals("API")) {
                continue; // their own tests: the signature or the bearer token is the authentication
            }
            int anonymous = perform(route, null).getResponse().getStatus();
            MvcResult anon = perform(route, null);
            if (access.equals("PUBLIC")) {
                assertThat(anonymous).as(route + " anonymous").isNotIn(401, 403, 500);
                assertThat(anon.getResponse().getRedirectedUrl())
                        .as(route + " anonymous")
                        .isNotEqualTo("/login");
                continue;
            }
            if (route.contains("/api/")) {
                assertThat(anonymous).as(route + " anonymous").isEqualTo(401);
            } else {
                assertThat(anon.getResponse().getRedirectedUrl())
                        .as(route + " anonymous goes to the login (status " + anonymous + ")")
                        .isEqualTo("/login");
            }
            MvcResult half = perform(route, passwordOnly);
            if (access.equals("PASSWORD")) {
                assertThat(half.getResponse().getStatus())
                        .as(route + " after the password")
                        .isNotIn(401, 403);
                assertThat(perform(route, admin).getResponse().getStatus())
                        .as(route + " once logged in")
                        .isEqualTo(403);
                continue;
            }
            assertThat(half.getResponse().getRedirectedUrl())
                    .as(route + " without the second factor goes to it")
                    .isEqualTo("/login/totp");
            int asAdmin = perform(route, admin).getResponse().getStatus();
            int asFinance = perform(route, finance).getResponse().getStatus();
            switch (access) {
                case "ADMIN" -> {
                    assertThat(asAdmin).as(route + " as admin").isNotIn(401, 403, 500);
                    assertThat(asFinance).as(route + " as finance").isEqualTo(403);
                }
                case "FINANCE" -> {
                    assertThat(asFinance).as(route + " as finance").isNotIn(401, 403, 500);
                    assertThat(asAdmin).as(route + " as admin").isEqualTo(403);
                }
                case "CUSTOMER" -> {
                    assertThat(asFinance).as(route + " as finance").isEqualTo(403);
                    assertThat(asAdmin).as(route + " as admin").isEqualTo(403);
                }
                default -> {
                    assertThat(asAdmin).as(route + " as admin").isNotIn(401, 403, 500);
                    assertThat(asFinance).as(route + " as finance").isNotIn(401, 403, 500);
                }
            }
        }
    }

    @Test
    @Order(2)
    void aFirstLoginSetsUpTheSecondFactorThenEachLoginNeedsAFreshCodeOrARecoveryCode() throws Exception {
        accounts();
        long earlier = jdbc.queryForObject("SELECT COALESCE(MAX(id), 0) FROM staff_login", Long.class);
        MockHttpSession session = new MockHttpSession();
        mvc.perform(post("/login")
                        .session(session)
                        .with(csrf())
                        .param("username", "adam")
                        .param("password", PASSWORD))
                .andExpect(redirectedUrl("/login/totp/setup"));
        mvc.perform(get("/admin/jobs").session(session)).andExpect(redirectedUrl("/login/totp"));
        String page = mvc.perform(get("/login/totp/setup").session(session))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(page).contains("data:image/png;base64,");
        String secret = between(page, "<code id=\"secret\">", "</code>");
        // a wrong code: the form again, naming the field
        assertThat(refused(
                        post("/login/totp/setup").session(session).with(csrf()).param("code", "000000")))
                .contains("code: not the code your authenticator shows now");
        String before = session.getId();
        // kept, not computed again: 30 s windows, and the same code computed later may be the next window's
        String used = code(secret, 0);
        String codes = mvc.perform(
                        post("/login/totp/setup").session(session).with(csrf()).param("code", used))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        List<String> recovery = new ArrayList<>();
        Matcher m = Pattern.compile("<code>([a-z0-9]{5}-[a-z0-9]{5})</code>").matcher(codes);
        while (m.find()) {
            recovery.add(m.group(1));
        }
        assertThat(recovery).hasSize(StaffAccounts.RECOVERY_CODES);
        assertThat(session.getId()).as("a new session id once logged in").isNotEqualTo(before);
        mvc.perform(get("/admin/jobs").session(session)).andExpect(status().isOk());
        mvc.perform(get("/finance/reports").session(session)).andExpect(status().isForbidden());
        mvc.perform(post("/logout").session(session).with(csrf())).andExpect(redirectedUrl("/login?out"));

        // the next login: the code of the step already used is refused, a recovery code works once
        MockHttpSession second = login("adam");
        mvc.perform(get("/login/totp").session(second)).andExpect(status().isOk());
        mvc.perform(post("/login/totp").session(second).with(csrf()).param("code", used))
                .andExpect(status().isBadRequest());
        mvc.perform(post("/login/totp").session(second).with(csrf()).param("code", recovery.get(0)))
                .andExpect(redirectedUrl("/"));
        mvc.perform(get("/admin/audit").session(second)).andExpect(status().isOk());
        MockHttpSession third = login("adam"); // a recovery code works once
        mvc.perform(post("/login/totp").session(third).with(csrf()).param("code", recovery.get(0)))
                .andExpect(status().isBadRequest());
        assertThat(staff.unusedRecoveryCodes("adam")).isEqualTo(StaffAccounts.RECOVERY_CODES - 1);
        assertThat(jdbc.queryForList(
                        "SELECT outcome FROM staff_login WHERE username = 'adam' AND id > ? ORDER BY id",
                        String.class,
                        earlier))
                .containsExactly(
                        "PASSWORD_OK",
                        "TOTP_FAILED",
                        "TOTP_OK",
                        "LOGOUT",
                        "PASSWORD_OK",
                        "TOTP_FAILED",
                        "RECOVERY_CODE_OK",
                        "PASSWORD_OK",
                        "TOTP_FAILED");
        assertThat(jdbc.queryForObject(
                        "SELECT DISTINCT remote_address FROM staff_login WHERE username = 'adam'", String.class))
                .isEqualTo("127.0.0.1");
    }

    @Test
    @Order(3)
    void theSixthAttemptInAMinuteIsRefusedWithoutCheckingThePassword() throws Exception {
        accounts();
        RequestPostProcessor from = request -> {
            request.setRemoteAddr("203.0.113.9");
            return request;
        };
        for (int i = 0; i < 5; i++) {
            mvc.perform(post("/login")
                            .with(csrf())
                            .with(from)
                            .param("username", "fiona")
                            .param("password", "wrong password " + i))
                    .andExpect(redirectedUrl("/login?error"));
        }
        mvc.perform(post("/login")
                        .with(csrf())
                        .with(from)
                        .param("username", "fiona")
                        .param("password", PASSWORD))
                .andExpect(status().isTooManyRequests());
        assertThat(jdbc.queryForList(
                        "SELECT outcome FROM staff_login WHERE username = 'fiona' ORDER BY id", String.class))
                .containsExactly(
                        "PASSWORD_FAILED",
                        "PASSWORD_FAILED",
                        "PASSWORD_FAILED",
                        "PASSWORD_FAILED",
                        "PASSWORD_FAILED",
                        "RATE_LIMITED");
        // a form posted without its CSRF token is refused before anything else
        mvc.perform(post("/login").param("username", "adam").param("password", PASSWORD))
                .andExpect(status().isForbidden());
        mvc.perform(post("/admin/jobs/run")
                        .with(user("adam").roles("ADMIN"))
                        .param("job", "invoiceRun")
                        .param("asOf", "2026-11-30"))
                .andExpect(status().isForbidden());
    }

    @Test
    @Order(4)
    void anAdminAsksForARunWhichIsStoredAsARequestAndAQuartzTriggerAndAudited() throws Exception {
        accounts();
        RequestPostProcessor admin = user("adam").roles("ADMIN");
        assertThat(refused(post("/admin/jobs/run")
                        .with(admin)
                        .with(csrf())
                        .param("job", "invoiceRun")
                        .param("asOf", "2026-11-30")))
                .contains("no serve node has registered yet");
        scheduler.addJob(com.ezscale.billing.app.run.OnDemandJob.detail(), true);
        jdbc.update(
                "INSERT INTO runnable_job (name, registered_at) VALUES ('invoiceRun', NOW(6)), ('nightly', NOW(6))");
        assertThat(refused(post("/admin/jobs/run")
                        .with(admin)
                        .with(csrf())
                        .param("job", "invoiceRunn")
                        .param("asOf", "2026-11-30")))
                .contains("job: &#39;invoiceRunn&#39; is not one of invoiceRun, nightly");
        assertThat(refused(post("/admin/jobs/run")
                        .with(admin)
                        .with(csrf())
                        .param("job", "invoiceRun")
                        .param("asOf", "2026-13-30")))
                .contains("as of: &#39;2026-13-30&#39; is not a YYYY-MM-DD date");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM job_request", Long.class))
                .as("nothing half-written")
                .isZero();

        mvc.perform(post("/admin/jobs/run")
                        .with(admin)
                        .with(csrf())
                        .param("job", "invoiceRun")
                        .param("asOf", "2026-11-30"))
                .andExpect(redirectedUrl("/admin/jobs"));
        assertThat(jdbc.queryForMap("SELECT action, job_name, as_of, requested_by, status, origin FROM job_request"))
                .containsEntry("action", "RUN")
                .containsEntry("job_name", "invoiceRun")
                .containsEntry("requested_by", "adam")
                .containsEntry("status", "REQUESTED")
                .containsEntry("origin", "portal 127.0.0.1");
        assertThat(jdbc.queryForObject(
                        "SELECT COUNT(*) FROM QRTZ_TRIGGERS WHERE TRIGGER_NAME LIKE 'request-%' AND JOB_NAME = ?",
                        Long.class, JobRequests.NAME))
                .isEqualTo(1);
        assertThat(jdbc.queryForMap("SELECT actor, action, target, origin FROM audit_log WHERE action = 'job.request'"))
                .containsEntry("actor", "adam")
                .containsEntry("target", "invoiceRun")
                .containsEntry("origin", "portal 127.0.0.1");
        assertThat(mvc.perform(get("/admin/jobs").with(admin))
                        .andExpect(status().isOk())
                        .andReturn()
                        .getResponse()
                        .getContentAsString())
                .contains("REQUESTED", "invoiceRun");
        assertThat(mvc.perform(get("/admin/audit.csv").with(admin).param("action", "job."))
                        .andExpect(status().isOk())
                        .andReturn()
                        .getResponse()
                        .getContentAsString())
                .startsWith("id,at,actor,action,target,detail,origin")
                .contains("adam,job.request,invoiceRun");

        // the on-demand job, once seen, is remembered: the page no longer reads Quartz's store on every load (a
        // serve node registers it at start and nothing removes it; here it is removed behind the portal's back)
        JobKey onDemand = JobKey.jobKey(JobRequests.NAME, JobRequests.GROUP);
        JobDetail registered = scheduler.getJobDetail(onDemand);
        scheduler.deleteJob(onDemand);
        try {
            assertThat(mvc.perform(get("/admin/jobs").with(admin))
                            .andExpect(status().isOk())
                            .andReturn()
                            .getResponse()
                            .getContentAsString())
                    .contains("<option value=\"invoiceRun\">invoiceRun</option>")
                    .doesNotContain("No serve node has registered yet");
        } finally {
            scheduler.addJob(registered, true);
        }
    }

    @Test
    @Order(5)
    void anExhaustedOutboxRowIsRetriedOnceAndAudited() throws Exception {
        jdbc.update("INSERT INTO outbox (dedupe_key, channel, action, payload, status, attempts, next_attempt_at,"
                + " last_error, created_at) VALUES ('EMAIL:TEST:1', 'EMAIL', 'SEND', '{}', 'EXHAUSTED', 8, NOW(6),"
                + " 'smtp down', NOW(6))");
        long id = jdbc.queryForObject("SELECT id FROM outbox WHERE dedupe_key = 'EMAIL:TEST:1'", Long.class);
        RequestPostProcessor admin = user("adam").roles("ADMIN");
        assertThat(mvc.perform(get("/admin/outbox").with(admin).param("status", "EXHAUSTED"))
                        .andExpect(status().isOk())
                        .andReturn()
                        .getResponse()
                        .getContentAsString())
                .contains("smtp down", "Retry");
        mvc.perform(post("/admin/outbox/" + id + "/retry").with(admin).with(csrf()))
                .andExpect(redirectedUrl("/admin/outbox"));
        assertThat(jdbc.queryForMap("SELECT status, attempts FROM outbox WHERE id = ?", id))
                .containsEntry("status", "PENDING")
                .containsEntry("attempts", 0);
        assertThat(refused(post("/admin/outbox/" + id + "/retry").with(admin).with(csrf())))
                .contains("outbox row " + id + " is not EXHAUSTED");
        assertThat(jdbc.queryForObject(
                        "SELECT COUNT(*) FROM audit_log WHERE action = 'outbox.retry' AND actor = 'adam'", Long.class))
                .isEqualTo(1);
    }

    @Test
    @Order(6)
    void aBadReportRequestIsRefusedNamingTheFieldAndAuditsNothing() throws Exception {
        RequestPostProcessor finance = user("fiona").roles("FINANCE");
        assertThat(refused(get("/finance/reports/run")
                        .with(finance)
                        .param("name", "aging")
                        .param("asOf", "2026-13-01")))
                .contains("as of: &#39;2026-13-01&#39; is not a YYYY-MM-DD date");
        assertThat(refused(get("/finance/reports/run")
                        .with(finance)
                        .param("name", "profit")
                        .param("from", "2026-11-01")
                        .param("to", "2026-11-30")))
                .contains("unknown report &#39;profit&#39;");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM audit_log WHERE action = 'report.download'", Long.class))
                .isZero();
    }

    @Test
    @Order(7)
    void anAdminFindsACustomerSuspendsAndUnsuspendsItsServiceChangesItsPlanAndCreditsItsAccount() throws Exception {
        accounts();
        catalog.addProduct("vps", "VPS", ProductKind.VPS, null, null, "test");
        catalog.addPlan("vps-s", "vps", "VPS S", 0, "test");
        catalog.addPlan("vps-xs", "vps", "VPS XS", 0, "test");
        catalog.setPrice("vps-s", "USD", BillingCycle.MONTHLY, new BigDecimal("20.00"), null, "test");
        catalog.setPrice("vps-xs", "USD", BillingCycle.MONTHLY, new BigDecimal("10.00"), null, "test");
        long ada = gbCustomer(
                "Ada Lovelace",
                "Analytical_Engines",
                "ada@example.com",
                new PostalAddress("1 Engine St", null, "London", "N1 1AA"));
        long bob =
                gbCustomer("Bob Smith", null, "bob@example.org", new PostalAddress("2 Road", null, "Leeds", "LS1 1AA"));
        long service = services.order(
                new ServiceBook.Order(
                        ada,
                        "vps-s",
                        BillingCycle.MONTHLY,
                        LocalDate.now(java.time.ZoneOffset.UTC).minusDays(3),
                        "ada-vps",
                        "VIRTFUSION",
                        "vf-17",
                        true),
                "test");
        RequestPostProcessor admin = user("adam").roles("ADMIN");

        String found = body(mvc.perform(get("/admin/customers").with(admin).param("q", "LOVELACE")));
        assertThat(found).contains("Ada Lovelace").doesNotContain("Bob Smith");
        assertThat(body(mvc.perform(get("/admin/customers").with(admin).param("q", "_"))))
                .as("a wildcard is searched as itself")
                .contains("Ada Lovelace")
                .doesNotContain("Bob Smith");
        assertThat(body(mvc.perform(get("/admin/customers").with(admin).param("q", String.valueOf(bob)))))
                .contains("Bob Smith");
        assertThat(body(mvc.perform(get("/admin/customers.csv").with(admin).param("q", "example"))))
                .startsWith("id,name,company,email,country,currency,group,status,created_at")
                .contains(ada + ",Ada Lovelace,Analytical_Engines,ada@example.com,GB,USD,,ACTIVE")
                .contains(bob + ",Bob Smith,,bob@example.org");
        mvc.perform(get("/admin/customers").with(admin).param("status", "GONE")).andExpect(status().isBadRequest());

        String page = body(mvc.perform(get("/admin/customers/" + ada).with(admin)));
        assertThat(page)
                .contains("ada-vps", "vps-s", "VIRTFUSION vf-17", "0.00 USD", "1 Engine St, London, N1 1AA, GB");

        // suspend without a reason: the page again naming the field, nothing done
        assertThat(refused(post("/admin/services/" + service + "/suspend")
                        .with(admin)
                        .with(csrf())))
                .contains("reason: say why");
        assertThat(jdbc.queryForObject("SELECT status FROM subscription WHERE id = ?", String.class, service))
                .isEqualTo("ACTIVE");
        mvc.perform(post("/admin/services/" + service + "/suspend")
                        .with(admin)
                        .with(csrf())
                        .param("reason", "abuse report 4411"))
                .andExpect(redirectedUrl("/admin/customers/" + ada));
        assertThat(jdbc.queryForObject("SELECT status FROM subscription WHERE id = ?", String.class, service))
                .isEqualTo("SUSPENDED");
        assertThat(jdbc.queryForList(
                        "SELECT CONCAT(channel, ' ', action) FROM outbox WHERE subscription_id = ?",
                        String.class,
                        service))
                .as("its panel is told, once")
                .containsExactly("PANEL SUSPEND");
        assertThat(refused(post("/admin/services/" + service + "/suspend")
                        .with(admin)
                        .with(csrf())
                        .param("reason", "again")))
                .contains("only an active service is suspended");
        mvc.perform(post("/admin/services/" + service + "/unsuspend")
                        .with(admin)
                        .with(csrf())
                        .param("reason", "cleared"))
                .andExpect(redirectedUrl("/admin/customers/" + ada));
        assertThat(jdbc.queryForObject("SELECT status FROM subscription WHERE id = ?", String.class, service))
                .isEqualTo("ACTIVE");

        // credit: a bad amount is named and writes nothing; a good one is on the page
        assertThat(refused(post("/admin/customers/" + ada + "/credit")
                        .with(admin)
                        .with(csrf())
                        .param("amount", "ten")
                        .param("note", "goodwill")))
                .contains("amount: &#39;ten&#39; is not a plain decimal");
        assertThat(refused(post("/admin/customers/" + ada + "/credit")
                        .with(admin)
                        .with(csrf())
                        .param("amount", "-5")
                        .param("note", "debit")))
                .contains("cannot debit");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM credit_ledger WHERE customer_id = ?", Long.class, ada))
                .isZero();
        mvc.perform(post("/admin/customers/" + ada + "/credit")
                        .with(admin)
                        .with(csrf())
                        .param("amount", "12.50")
                        .param("note", "goodwill for the outage"))
                .andExpect(redirectedUrl("/admin/customers/" + ada));
        assertThat(body(mvc.perform(get("/admin/customers/" + ada).with(admin))))
                .contains("12.50 USD");

        // a downgrade waits for the end of the period: no invoice run is asked for
        mvc.perform(post("/admin/services/" + service + "/plan")
                        .with(admin)
                        .with(csrf())
                        .param("plan", "vps-xs"))
                .andExpect(redirectedUrl("/admin/customers/" + ada));
        assertThat(jdbc.queryForObject(
                        "SELECT CONCAT(kind, ' ', timing) FROM plan_change WHERE subscription_id = ?",
                        String.class,
                        service))
                .isEqualTo("DOWNGRADE PERIOD_END");
        assertThat(refused(post("/admin/services/" + service + "/plan")
                        .with(admin)
                        .with(csrf())
                        .param("plan", "vps-xxl")))
                .contains("no plan &#39;vps-xxl&#39;");
        assertThat(jdbc.queryForList(
                        "SELECT action FROM audit_log WHERE actor = 'adam' AND target IN (?, ?) ORDER BY id",
                        String.class,
                        "service " + service,
                        "customer " + ada))
                .containsExactly("service.suspend", "service.unsuspend", "credit.add", "plan.change");
    }

    @Test
    @Order(8)
    void parkedCustomersIngestPassesAndUnattributedTrafficAreListedAndExported() throws Exception {
        jdbc.update("INSERT INTO ingest_window (source, label, window_start, window_end, records, attributed,"
                + " unattributed, ignored, dead_letters, bytes, finished_at) VALUES ('file', 'flows-1130.ndjson', NULL,"
                + " NULL, 1200, 1100, 90, 5, 5, 123456789, '2026-11-30 01:02:03.456789')");
        jdbc.update("INSERT INTO unattributed_traffic (ip, day, bytes_in, bytes_out, flows) VALUES"
                + " (INET6_ATON('203.0.113.50'), '2026-11-29', 5000, 70000, 12),"
                + " (INET6_ATON('2001:db8::5'), '2026-11-29', 100, 0, 1)");
        RequestPostProcessor admin = user("adam").roles("ADMIN");
        assertThat(body(mvc.perform(get("/admin/ingest").with(admin))))
                .contains("flows-1130.ndjson", "123,456,789", "2026-11-30 01:02:03")
                .doesNotContain("01:02:03.456789");
        assertThat(body(mvc.perform(get("/admin/ingest.csv").with(admin).param("source", "file"))))
                .contains("flows-1130.ndjson,,,1200,1100,90,5,5,123456789");
        assertThat(body(mvc.perform(get("/admin/unattributed").with(admin))))
                .as("the last day with traffic by default, the largest first")
                .containsSubsequence("203.0.113.50", "70,000", "2001:db8::5");
        assertThat(body(mvc.perform(get("/admin/unattributed.csv").with(admin).param("day", "2026-11-29"))))
                .isEqualTo("ip,day,bytes_in,bytes_out,flows\r\n203.0.113.50,2026-11-29,5000,70000,12\r\n"
                        + "2001:db8::5,2026-11-29,100,0,1\r\n");
        assertThat(body(mvc.perform(get("/admin/unattributed").with(admin).param("day", "2026-11-28"))))
                .contains("No unattributed traffic that day");
        mvc.perform(get("/admin/unattributed").with(admin).param("day", "yesterday"))
                .andExpect(status().isBadRequest());
        assertThat(body(mvc.perform(get("/admin/parked").with(admin)))).contains("No customer parked");
        assertThat(body(mvc.perform(get("/admin/parked.csv").with(admin))))
                .isEqualTo("id,execution,job,step,customer,name,as_of,reason,at\r\n");
    }

    @Test
    @Order(9)
    void financeAsksForAReportAsAJobSeesItsProgressAndDownloadsItsFile() throws Exception {
        RequestPostProcessor finance = user("fiona").roles("FINANCE");
        assertThat(refused(post("/finance/reports/jobs")
                        .with(finance)
                        .with(csrf())
                        .param("name", "aging")
                        .param("asOf", "2026-11-30")))
                .contains("no serve node runs financeReport yet");
        jdbc.update("INSERT IGNORE INTO runnable_job (name, registered_at) VALUES ('financeReport', NOW(6))");
        for (String[] bad : new String[][] {
            {"profit", "2026-11-01", "2026-11-30", "", "xlsx", "report: &#39;profit&#39; is not one of aging"},
            {"revenue", "", "", "", "xlsx", "from and to: the revenue report covers a range of days"},
            {"revenue", "2026-11-30", "2026-11-01", "", "xlsx", "from: 2026-11-30 is after to 2026-11-01"},
            {"revenue", "2026-11-01", "2026-11-30", "euros", "xlsx", "currency: a three-letter ISO 4217 code"},
            {"revenue", "2026-11-01", "2026-11-30", "", "docx", "format: xlsx or pdf"}
        }) {
            assertThat(refused(post("/finance/reports/jobs")
                            .with(finance)
                            .with(csrf())
                            .param("name", bad[0])
                            .param("from", bad[1])
                            .param("to", bad[2])
                            .param("currency", bad[3])
                            .param("format", bad[4])))
                    .as(String.join(" ", bad))
                    .contains(bad[5]);
        }
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM job_request WHERE job_name = 'financeReport'", Long.class))
                .as("nothing half-written")
                .isZero();
        mvc.perform(post("/finance/reports/jobs")
                        .with(finance)
                        .with(csrf())
                        .param("name", "revenue")
                        .param("from", "2026-10-01")
                        .param("to", "2026-10-31")
                        .param("currency", "eur")
                        .param("format", "pdf"))
                .andExpect(redirectedUrl("/finance/reports"));
        Map<String, Object> request = jdbc.queryForMap(
                "SELECT id, as_of, parameters, requested_by FROM job_request WHERE job_name = 'financeReport'");
        assertThat(request)
                .containsEntry(
                        "parameters", "currency=EUR\nformat=pdf\nfrom=2026-10-01\nreport=revenue\nto=2026-10-31\n")
                .containsEntry("requested_by", "fiona");
        assertThat(request.get("as_of").toString()).isEqualTo("2026-10-31");
        assertThat(body(mvc.perform(get("/finance/reports/requests").with(finance))))
                .as("the table refreshes itself while the report is being written")
                .contains("hx-trigger=\"every 2s\"", "report=revenue", "REQUESTED");

        // a serve node took it, counted its rows and stored the file (as the financeReport job does)
        long id = ((Number) request.get("id")).longValue();
        jdbc.update("UPDATE job_request SET status = 'DONE', result_execution = 4242 WHERE id = ?", id);
        jdbc.update("INSERT INTO report_output (job_execution_id, report, format, parameters, file_name, content,"
                + " size_bytes, sha256, rows_written, requested_by, created_at) VALUES (4242, 'revenue', 'pdf',"
                + " 'from=2026-10-01', 'revenue-2026-10-01-2026-10-31-EUR.pdf', X'255044462D', 5, REPEAT('a', 64), 0,"
                + " 'fiona', NOW(6))");
        String table = body(mvc.perform(get("/finance/reports/requests").with(finance)));
        assertThat(table).contains("revenue-2026-10-01-2026-10-31-EUR.pdf").doesNotContain("every 2s");
        long output = jdbc.queryForObject("SELECT id FROM report_output WHERE job_execution_id = 4242", Long.class);
        MvcResult file = mvc.perform(get("/finance/reports/outputs/" + output).with(finance))
                .andExpect(status().isOk())
                .andReturn();
        assertThat(file.getResponse().getContentAsByteArray()).startsWith('%', 'P', 'D', 'F');
        assertThat(file.getResponse().getHeader("Content-Disposition"))
                .contains("revenue-2026-10-01-2026-10-31-EUR.pdf");
        assertThat(jdbc.queryForObject(
                        "SELECT COUNT(*) FROM audit_log WHERE actor = 'fiona' AND action = 'report.download'"
                                + " AND detail LIKE '%execution 4242%'",
                        Long.class))
                .isEqualTo(1);
    }

    /** The page a refused request answers: a 400, naming the problem. */
    private String refused(MockHttpServletRequestBuilder request) throws Exception {
        return mvc.perform(request)
                .andExpect(status().isBadRequest())
                .andReturn()
                .getResponse()
                .getContentAsString();
    }

    private String body(org.springframework.test.web.servlet.ResultActions result) throws Exception {
        return result.andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
    }

    private MockHttpSession login(String username) throws Exception {
        MockHttpSession session = new MockHttpSession();
        mvc.perform(post("/login")
                        .session(session)
                        .with(csrf())
                        .param("username", username)
                        .param("password", PASSWORD))
                .andExpect(redirectedUrl("/login/totp"));
        return session;
    }

    private MvcResult perform(String route, RequestPostProcessor who) throws Exception {
        String[] parts = route.split(" ", 2);
        String path = parts[1].replace("{id}", "999999")
                .replace("{username}", "nobody")
                .replace("{number}", "INV-0000-000000")
                .replace("{group}", "billing")
                .replace("{name}", "nothing")
                .replace("{action}", "enable")
                .replace("{action:enable|disable}", "enable")
                .replace("{action:restart|stop}", "stop");
        MockHttpServletRequestBuilder request =
                parts[0].equals("POST") ? post(path).with(csrf()) : get(path);
        if (who != null) {
            request.with(who);
        }
        return mvc.perform(request).andReturn();
    }

    /** The authenticator's code for {@code secret}, {@code steps} 30-second steps from now. */
    static String code(String secret, int steps) throws Exception {
        return new DefaultCodeGenerator(HashingAlgorithm.SHA1, 6)
                .generate(secret, Instant.now().getEpochSecond() / 30 + steps);
    }

    private static String between(String text, String start, String end) {
        int i = text.indexOf(start);
        assertThat(i).as(start).isNotNegative();
        return text.substring(i + start.length(), text.indexOf(end, i + start.length()));
    }

    /**
     * The invoice search and the executions page write their rows in Java ({@code HtmlRows}): what
     * a customer or a failed job put in a name or a message arrives as text, escaped as th:text
     * escapes it, and each row links to its invoice or execution with the number URL-encoded.
     */
    @Test
    @Order(10)
    void theLongListsWriteEveryValueEscapedAndLinkEachRow() throws Exception {
        accounts();
        catalog.addProduct("esc", "Escapes", ProductKind.VPS, null, null, "test");
        catalog.addPlan("esc-s", "esc", "Escapes S", 0, "test");
        catalog.setPrice("esc-s", "USD", BillingCycle.MONTHLY, new BigDecimal("20.00"), null, "test");
        long eve = gbCustomer(
                "Eve <script>alert('x')</script> & \"Sons\"",
                null,
                "eve@example.com",
                new PostalAddress("3 Lane", null, "York", "YO1 1AA"));
        jdbc.update(
                "INSERT INTO invoice (seller_entity_id, customer_id, currency, status, series_key, sequence_value, number,"
                        + " due_date, issue_date, issued_at, subtotal, tax_total, total, amount_paid, created_at)"
                        + " VALUES ((SELECT MIN(id) FROM seller_entity), ?, 'USD', 'ISSUED', 'ESC', 1, 'ESC 1/<b>',"
                        + " '2026-11-15', '2026-11-01', '2026-11-01 02:00:00', 1500.5, 0, 1500.5, 500, '2026-11-01')",
                eve);
        String invoices = body(mvc.perform(
                get("/finance/invoices").with(user("fiona").roles("FINANCE")).param("customer", String.valueOf(eve))));
        assertThat(invoices)
                .contains("<a href=\"/finance/invoices/ESC%201%2F%3Cb%3E\">ESC 1/&lt;b&gt;</a>")
                .contains(eve + " Eve &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;Sons&quot;")
                .contains("<td class=\"status ISSUED\">ISSUED</td>")
                .as("amounts at the currency's scale")
                .contains(
                        "<td class=\"num\">1500.50 USD</td><td class=\"num\">500.00</td><td class=\"num\">1000.50</td>")
                .doesNotContain("<script>", "<b>");

        jdbc.update("INSERT INTO BATCH_JOB_INSTANCE (JOB_INSTANCE_ID, VERSION, JOB_NAME, JOB_KEY)"
                + " VALUES (990001, 0, 'invoiceRun', 'escape-test')");
        jdbc.update(
                "INSERT INTO BATCH_JOB_EXECUTION (JOB_EXECUTION_ID, VERSION, JOB_INSTANCE_ID, CREATE_TIME, START_TIME,"
                        + " END_TIME, STATUS, EXIT_CODE, EXIT_MESSAGE, LAST_UPDATED) VALUES (990001, 2, 990001,"
                        + " '2026-11-30 01:00:00', '2026-11-30 01:00:00', '2026-11-30 02:02:03.5', 'FAILED', 'FAILED',"
                        + " 'panel said <img src=x onerror=alert(1)>', '2026-11-30 02:02:03')");
        jdbc.update("INSERT INTO job_request (id, action, job_name, as_of, requested_by, requested_at, status,"
                + " result_execution, message) VALUES (990001, 'RUN', 'invoiceRun', '2026-11-30', 'adam',"
                + " '2026-11-30 00:59:58', 'DONE', 990001, 'FAILED: panel said <img src=x>'), (990002, 'RUN',"
                + " 'nightly', '2026-11-30', 'a\"b', '2026-11-30 03:00:00', 'REFUSED', NULL, 'job: nightly runs')");
        String executions =
                body(mvc.perform(get("/admin/jobs").with(user("adam").roles("ADMIN"))));
        assertThat(executions)
                .contains("<td><a href=\"/admin/jobs/990001\">990001</a></td><td>invoiceRun</td>")
                .contains("<td>2026-11-30 01:00:00</td><td class=\"num\">1h 02m 03s</td>")
                .contains("<td class=\"message-cell\">panel said &lt;img src=x onerror=alert(1)&gt;</td>")
                .as("the recent requests: the newest first, a link to the execution a request started, none otherwise")
                .contains(
                        "<tr><td>990002</td><td>2026-11-30 03:00:00</td><td>a&quot;b</td><td>RUN</td><td>nightly</td>"
                                + "<td>2026-11-30</td><td class=\"status REFUSED\">REFUSED</td><td></td><td>job: nightly runs</td></tr>")
                .contains("<td class=\"status DONE\">DONE</td><td><a href=\"/admin/jobs/990001\">990001</a></td>"
                        + "<td>FAILED: panel said &lt;img src=x&gt;</td></tr>")
                .doesNotContain("<img");
        jdbc.update("DELETE FROM job_request WHERE id IN (990001, 990002)");
    }

    /**
     * The page header offers each member the links of its role only (and a customer's login those of
     * its authorities), decided by {@code Navigation} from the request's authentication.
     */
    @Test
    @Order(11)
    void theHeaderOffersTheLinksOfTheMembersRoleOnly() throws Exception {
        String admin = header(get("/").with(user("adam").roles("ADMIN")));
        assertThat(admin)
                .contains("href=\"/admin/jobs\"", "href=\"/admin/staff\"")
                .doesNotContain("href=\"/finance/invoices\"", "href=\"/account");
        String finance = header(get("/").with(user("fiona").roles("FINANCE")));
        assertThat(finance)
                .contains("href=\"/finance\"", "href=\"/finance/invoices\"")
                .doesNotContain("href=\"/admin/", "href=\"/account");
        String billing = header(get("/").with(user("c1")
                .authorities(
                        new SimpleGrantedAuthority(CustomerPrincipal.ROLE_CUSTOMER),
                        new SimpleGrantedAuthority(CustomerPrincipal.BILLING))));
        assertThat(billing)
                .contains("href=\"/account\"", "href=\"/account/invoices\"", "href=\"/account/services\"")
                .doesNotContain("href=\"/account/tokens\"", "href=\"/admin/", "href=\"/finance");
        String owner = header(get("/").with(user("c2")
                .authorities(
                        new SimpleGrantedAuthority(CustomerPrincipal.ROLE_CUSTOMER),
                        new SimpleGrantedAuthority(CustomerPrincipal.OWNER))));
        assertThat(owner)
                .contains("href=\"/account/tokens\"", "href=\"/account/logins\"")
                .doesNotContain("href=\"/account/invoices\"", "href=\"/admin/", "href=\"/finance");
    }

    private String header(org.springframework.test.web.servlet.RequestBuilder request) throws Exception {
        String page = body(mvc.perform(request));
        return page.substring(page.indexOf("<header"), page.indexOf("</header>"));
    }

    /** A customer in Great Britain billed in USD, added through the service as the admin commands add one. */
    private long gbCustomer(String name, String company, String email, PostalAddress address) {
        return customers.add(
                CustomerDetails.of(name, company, email, address, "GB", null, "USD", null, false, null), "test");
    }
}
