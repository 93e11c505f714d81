package com.ezscale.billing.portal.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import com.ezscale.billing.account.CustomerRole;
import com.ezscale.billing.account.db.CustomerUser;
import com.ezscale.billing.app.account.ApiTokens;
import com.ezscale.billing.app.account.CustomerAccounts;
import com.ezscale.billing.app.account.Webhooks;
import com.ezscale.billing.app.outbox.OutboxWriter;
import com.ezscale.billing.app.staff.StaffAccounts;
import com.ezscale.billing.invoice.db.InvoiceMapper;
import com.ezscale.billing.portal.api.CustomerApiController;
import com.ezscale.billing.portal.api.WebhookApiController;
import com.ezscale.billing.portal.testing.StripeCheckoutStub;
import com.ezscale.billing.portal.webhook.CoinbaseWebhookController;
import com.ezscale.billing.staff.StaffRole;
import com.ezscale.billing.testing.CoinbaseStub;
import com.ezscale.billing.testing.DatabaseTest;
import com.ezscale.billing.testing.PayPalStub;
import com.ezscale.billing.usage.Percentile95;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * The customer portal over the real login form and database: two customers, Ada (with a metered
 * dedicated server and a month of 5-minute samples) and Bruno. Every customer route is tried by
 * Ada on Bruno's objects and answers 404 (a new route without its cross-customer case here fails
 * the test); a technical login reaches no billing route; customers reach no staff route and staff
 * no customer route; a login is invited, its password set through the e-mailed link (once), and
 * the usage page shows the 95th percentile of the samples.
 */
@SpringBootTest(
        properties = {
            "ezscale.embedded-db.enabled=false",
            "ezscale.collection.portal-url=https://portal.example",
            "ezscale.portal.api-requests-per-minute=40"
        })
@AutoConfigureMockMvc
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CustomerPortalTest extends DatabaseTest {

    static final String PASSWORD = "a customer password";
    /** October 2026: 31 days, 8,928 five-minute buckets. */
    static final LocalDate OCTOBER = LocalDate.parse("2026-10-01");

    static final long ADA = 1;
    static final long BRUNO = 2;
    static final long ADA_DEDI = 11;
    static final long BRUNO_DEDI = 12;
    static final long ADA_VPS = 13;

    /**
     * Each customer route, and the request of it that names Bruno's object (Ada must get 404); a
     * route of the customer's own things only (no object named) maps to null.
     */
    static final Map<String, String> CROSS = new TreeMap<>(Map.ofEntries(
            Map.entry("GET /account", "null"),
            Map.entry("GET /account/invoices", "null"),
            Map.entry("GET /account/invoices/{number}", "/account/invoices/INV-2026-000002"),
            Map.entry("GET /account/invoices/{number}/pdf", "/account/invoices/INV-2026-000002/pdf"),
            Map.entry("GET /account/credit-notes", "null"),
            Map.entry("GET /account/credit-notes/{number}/pdf", "/account/credit-notes/CN-2026-000002/pdf"),
            Map.entry("GET /account/payments", "null"),
            Map.entry("GET /account/payment-method", "null"),
            Map.entry("GET /account/security", "null"),
            Map.entry("POST /account/erasure-request", "null"),
            Map.entry("POST /account/security/totp", "null"),
            Map.entry("POST /account/security/totp/confirm", "null"),
            Map.entry("POST /account/security/totp/off", "null"),
            Map.entry("POST /account/payment-method", "null"),
            Map.entry("POST /account/payment-method/remove", "null"),
            Map.entry("POST /account/payment-method/paypal", "null"),
            Map.entry(
                    "GET /account/payment-method/paypal/return",
                    "/account/payment-method/paypal/return?approval_token_id=SETUP-BRUNO"),
            Map.entry("POST /account/payment-method/paypal/remove", "null"),
            Map.entry("POST /account/payment-method/prefer", "null"),
            Map.entry("GET /account/invoices/{number}/pay/crypto", "/account/invoices/INV-2026-000002/pay/crypto"),
            Map.entry("GET /account/services", "null"),
            Map.entry("GET /account/services/{id}/usage", "/account/services/12/usage?period=2026-10"),
            Map.entry("GET /account/services/{id}/usage.json", "/account/services/12/usage.json?period=2026-10"),
            Map.entry("GET /account/services/{id}/usage.csv", "/account/services/12/usage.csv?period=2026-10"),
            Map.entry("GET /account/logins", "null"),
            Map.entry("POST /account/logins", "null"),
            Map.entry("POST /account/logins/{id}/{action:enable|disable}", "/account/logins/BRUNO/disable"),
            Map.entry("GET /invoices/{number}/pay", "/invoices/INV-2026-000002/pay"),
            Map.entry("POST /account/invoices/{number}/pay", "/account/invoices/INV-2026-000002/pay"),
            Map.entry("GET /account/tokens", "null"),
            Map.entry("POST /account/tokens", "null"),
            Map.entry("POST /account/tokens/{id}/revoke", "/account/tokens/BRUNO_TOKEN/revoke"),
            Map.entry("GET /account/webhooks", "null"),
            Map.entry("GET /account/data-export", "null"),
            Map.entry("POST /account/webhooks", "null"),
            Map.entry("POST /account/webhooks/{id}/{action:enable|disable}", "/account/webhooks/BRUNO_HOOK/disable"),
            Map.entry(
                    "POST /account/webhooks/deliveries/{id}/replay",
                    "/account/webhooks/deliveries/BRUNO_DELIVERY/replay"),
            Map.entry("GET /api/v1/webhooks", "null"),
            Map.entry("POST /api/v1/webhooks", "null"),
            Map.entry("POST /api/v1/webhooks/{id}/{action:enable|disable}", "/api/v1/webhooks/BRUNO_HOOK/disable"),
            Map.entry("GET /api/v1/webhooks/deliveries", "null"),
            Map.entry(
                    "POST /api/v1/webhooks/deliveries/{id}/replay",
                    "/api/v1/webhooks/deliveries/BRUNO_DELIVERY/replay"),
            Map.entry("GET /api/v1/services", "null"),
            Map.entry("GET /api/v1/services/{id}/usage", "/api/v1/services/12/usage?period=2026-10"),
            Map.entry("GET /api/v1/services/{id}/usage.csv", "/api/v1/services/12/usage.csv?period=2026-10"),
            Map.entry("GET /api/v1/invoices", "null"),
            Map.entry("GET /api/v1/invoices/{number}", "/api/v1/invoices/INV-2026-000002"),
            Map.entry("GET /api/v1/invoices/{number}/pdf", "/api/v1/invoices/INV-2026-000002/pdf"),
            Map.entry("GET /api/v1/credit-notes", "null"),
            Map.entry("GET /api/v1/credit-notes/{number}/pdf", "/api/v1/credit-notes/CN-2026-000002/pdf"),
            Map.entry("GET /api/v1/payments", "null"),
            Map.entry("GET /viewinvoice.php", "/viewinvoice.php?id=502")));

    static final StripeCheckoutStub STRIPE = new StripeCheckoutStub();
    static final MockWebServer STRIPE_SERVER = STRIPE.start();
    static final PayPalStub PAYPAL = new PayPalStub();
    static final MockWebServer PAYPAL_SERVER = PAYPAL.start();
    static final CoinbaseStub COINBASE = new CoinbaseStub();
    static final MockWebServer COINBASE_SERVER = COINBASE.start();

    @DynamicPropertySource
    static void stripe(DynamicPropertyRegistry registry) {
        registry.add("ezscale.stripe.api-key", () -> "sk_test_stub");
        registry.add(
                "ezscale.stripe.api-base",
                () -> STRIPE_SERVER.url("/").toString().replaceAll("/$", ""));
        registry.add("ezscale.stripe.webhook-secret", () -> "whsec_test");
        registry.add("ezscale.paypal.client-id", () -> PayPalStub.CLIENT_ID);
        registry.add("ezscale.paypal.client-secret", () -> PayPalStub.CLIENT_SECRET);
        registry.add("ezscale.paypal.api-base", PAYPAL::apiBase);
        registry.add("ezscale.crypto.api-key", () -> CoinbaseStub.API_KEY);
        registry.add("ezscale.crypto.webhook-secret", () -> CoinbaseStub.WEBHOOK_SECRET);
        registry.add("ezscale.crypto.api-base", COINBASE::apiBase);
    }

    @AfterAll
    void stopStripe() {
        STRIPE_SERVER.close();
        PAYPAL_SERVER.close();
        COINBASE_SERVER.close();
    }

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    CustomerAccounts accounts;

    @Autowired
    InvoiceMapper invoices;

    @Autowired
    ApiTokens tokens;

    @Autowired
    StaffAccounts staff;

    @Autowired
    Webhooks webhooks;

    @Autowired
    OutboxWriter writer;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    final ObjectMapper json = new ObjectMapper();

    @BeforeAll
    void book() {
        jdbc.update(
                "INSERT INTO customer (id, name, email, address_line1, city, postal_code, country, billing_currency, status,"
                        + " created_at) VALUES (1, 'Ada Lovelace', 'ada@example.com', '1 Engine St', 'London', 'N1 1AA', 'US', 'USD',"
                        + " 'ACTIVE', '2026-01-01'), (2, 'Bruno Weber', 'bruno@example.de', 'Hauptstr. 1', 'Berlin', '10115', 'US', 'USD',"
                        + " 'ACTIVE', '2026-01-01')");
        jdbc.update(
                "INSERT INTO product (id, code, name, kind, seller_entity_id) VALUES (1, 'dedi', 'Dedicated', 'DEDICATED', 1),"
                        + " (2, 'vps', 'VPS', 'VPS', 1)");
        jdbc.update(
                "INSERT INTO plan (id, product_id, code, name) VALUES (1, 1, 'dedi-95', 'Dedicated 95th'), (2, 2, 'vps-s', 'VPS S')");
        jdbc.update(
                "INSERT INTO plan_usage_terms (plan_id, commit_mbps, quota_included, quota_unit) VALUES (1, 1, 100, 'GB')");
        jdbc.update("INSERT INTO plan_usage_price (plan_id, currency, kind, tier_no, up_to, unit_price) VALUES"
                + " (1, 'USD', 'MBPS', 1, NULL, 2.00), (1, 'USD', 'TRANSFER', 1, NULL, 0.10)");
        jdbc.update(
                "INSERT INTO subscription (id, customer_id, plan_id, cycle, status, anchor_day, start_date, next_period_start,"
                        + " label, created_at) VALUES (11, 1, 1, 'MONTHLY', 'ACTIVE', 1, '2026-09-01', '2026-12-01', 'dedi-ada', '2026-09-01'),"
                        + " (12, 2, 1, 'MONTHLY', 'ACTIVE', 1, '2026-09-01', '2026-12-01', 'dedi-bruno', '2026-09-01'),"
                        + " (13, 1, 2, 'MONTHLY', 'ACTIVE', 1, '2026-09-01', '2026-12-01', 'vps-ada', '2026-09-01')");
        jdbc.update(
                "INSERT INTO ip_assignment (subscription_id, cidr, ip_family, network, prefix_length, valid_from) VALUES"
                        + " (11, '203.0.113.10/32', 4, UNHEX('CB00710A'), 32, '2026-09-01')");
        // Ada's October: bucket i carries ((i * 7919) mod 8928 + 1) x 10,000 bytes in, half of it out: a permutation of
        // 1..8928 x 10,000, so the 95th percentile (rank ceil(0.95 x 8928) = 8482) is 84,820,000 bytes in 5 minutes
        long first = OCTOBER.toEpochDay() * 288;
        List<Object[]> samples = new ArrayList<>();
        for (int i = 0; i < 8928; i++) {
            long in = ((i * 7919L) % 8928 + 1) * 10_000;
            samples.add(new Object[] {ADA_DEDI, first + i, in, in / 2});
            samples.add(new Object[] {BRUNO_DEDI, first + i, 5_000L, 5_000L});
        }
        jdbc.batchUpdate(
                "INSERT INTO usage_sample (subscription_id, bucket, bytes_in, bytes_out) VALUES (?, ?, ?, ?)", samples);
        // an issued invoice each (issued by the issue step's own statement: the customer's snapshot), a credit note,
        // payments
        for (long[] inv : new long[][] {{101, ADA, 1}, {102, BRUNO, 2}}) {
            jdbc.update(
                    "INSERT INTO invoice (id, seller_entity_id, customer_id, currency, status, due_date, subtotal, tax_total, total,"
                            + " created_at) VALUES (?, 1, ?, 'USD', 'DRAFT', '2026-11-15', 150.00, 0, 150.00, '2026-11-01')",
                    inv[0],
                    inv[1]);
            jdbc.update(
                    "INSERT INTO invoice_line (invoice_id, line_no, subscription_id, charge_kind, period_start, period_end_exclusive,"
                            + " description, quantity, unit_price, amount, plan_id) VALUES (?, 1, ?, 'RECURRING', '2026-11-01',"
                            + " '2026-12-01', 'Dedicated 95th, November', 1, 150.00, 150.00, 1)",
                    inv[0],
                    inv[1] == ADA ? ADA_DEDI : BRUNO_DEDI);
            invoices.issue(
                    inv[0],
                    "INV-2026",
                    inv[2],
                    String.format("INV-2026-%06d", inv[2]),
                    LocalDate.parse("2026-11-01"),
                    Instant.parse("2026-11-01T02:00:00Z"));
            jdbc.update(
                    "INSERT INTO credit_note (seller_entity_id, customer_id, invoice_id, currency, series_key, sequence_value, number,"
                            + " kind, reason, settlement, balance_reduction, issue_date, subtotal, tax_total, total, issued_by, issued_at)"
                            + " VALUES (1, ?, ?, 'USD', 'CN-2026', ?, ?, 'AMOUNT', 'outage', 'REDUCE_BALANCE', 10, '2026-11-05', 10, 0,"
                            + " 10, 'finance', '2026-11-05 09:00:00')",
                    inv[1],
                    inv[0],
                    inv[2],
                    String.format("CN-2026-%06d", inv[2]));
            jdbc.update(
                    "INSERT INTO payment (customer_id, invoice_id, currency, amount, applied_to_invoice, method, reference, status,"
                            + " received_on, recorded_by, created_at) VALUES (?, ?, 'USD', 40, 40, 'BANK_TRANSFER', ?, 'SUCCEEDED',"
                            + " '2026-11-10', 'finance', '2026-11-10 10:00:00')",
                    inv[1],
                    inv[0],
                    "wire-" + inv[1]);
            jdbc.update(
                    "INSERT INTO migration_key (source, kind, source_id, target_id, fingerprint, imported_at) VALUES"
                            + " ('whmcs', 'invoice', ?, ?, REPEAT('a', 64), '2026-11-01')",
                    500 + inv[2],
                    inv[0]);
        }
        jdbc.update("UPDATE invoice SET amount_paid = 40, status = 'PARTIALLY_PAID' WHERE id IN (101, 102)");
        for (Object[] login : new Object[][] {
            {ADA, "ada@example.com", CustomerRole.OWNER},
            {ADA, "ops@example.com", CustomerRole.TECHNICAL},
            {BRUNO, "bruno@example.de", CustomerRole.OWNER}
        }) {
            accounts.invite(
                    (Long) login[0],
                    (String) login[1],
                    null,
                    (CustomerRole) login[2],
                    "https://portal.example",
                    "test");
            setPassword((String) login[1], PASSWORD);
        }
    }

    /** The link of the latest e-mail to {@code email}, read from the outbox as the mail server would get it. */
    String linkTo(String email) {
        String body = jdbc.queryForObject(
                "SELECT payload FROM outbox WHERE channel = 'EMAIL' AND payload LIKE ? ORDER BY id DESC LIMIT 1",
                String.class,
                "%\"to\":\"" + email + "\"%");
        Matcher m = Pattern.compile("https://portal\\.example/login/reset\\?token=([A-Za-z0-9_-]+)")
                .matcher(body);
        assertThat(m.find()).as("a link in " + body).isTrue();
        return m.group(1);
    }

    void setPassword(String email, String password) {
        accounts.setPassword(linkTo(email), password, "127.0.0.1");
    }

    /** Logs in through the real form; the session of the login. */
    MockHttpSession logIn(String email) throws Exception {
        MockHttpSession session = new MockHttpSession();
        MvcResult r = mvc.perform(post("/login")
                        .session(session)
                        .with(csrf())
                        .param("username", email)
                        .param("password", PASSWORD))
                .andReturn();
        assertThat(r.getResponse().getRedirectedUrl())
                .as("the login of " + email)
                .isEqualTo("/account");
        return (MockHttpSession) r.getRequest().getSession();
    }

    MvcResult as(MockHttpSession session, MockHttpServletRequestBuilder request) throws Exception {
        return mvc.perform(request.session(session).with(csrf())).andReturn();
    }

    String body(MvcResult r) throws Exception {
        return r.getResponse().getContentAsString(StandardCharsets.UTF_8);
    }

    @Test
    void everyCustomerRouteAnswersAnotherCustomersObjectWith404AndANewRouteNeedsACaseHere() throws Exception {
        List<String> routes = new ArrayList<>();
        for (Map.Entry<RequestMappingInfo, HandlerMethod> e :
                mappings.getHandlerMethods().entrySet()) {
            Class<?> type = e.getValue().getBeanType();
            if (!type.getPackageName().equals("com.ezscale.billing.portal.account")
                    && !type.equals(CustomerApiController.class)
                    && !type.equals(WebhookApiController.class)) {
                continue; // the staff API has its own test below
            }
            RequestMappingInfo info = e.getKey();
            for (var method : info.getMethodsCondition().getMethods()) {
                for (String path : info.getPatternValues()) {
                    routes.add(method.name() + " " + path);
                }
            }
        }
        assertThat(routes).as("every customer route has a cross-customer case").allMatch(CROSS::containsKey);
        assertThat(CROSS.keySet()).as("every case is a route").allMatch(routes::contains);

        MockHttpSession ada = logIn("ada@example.com");
        long brunoLogin = accounts.find("bruno@example.de").orElseThrow().id();
        long brunoToken = tokens.createForCustomer(BRUNO, "erp", List.of("read"), "test")
                .token()
                .id();
        String adaToken = tokens.createForCustomer(ADA, "cross", List.of("read", "webhooks"), "test")
                .secret();
        long brunoHook = webhooks.register(BRUNO, "https://203.0.113.10/hooks", List.of("*"), "test")
                .endpoint()
                .id();
        writer.webhook(BRUNO, "invoice.paid", "EMAIL:RECEIPT:bruno-1", Map.of("invoice", "INV-2026-000002"));
        jdbc.update("UPDATE outbox SET status = 'DONE' WHERE channel = 'WEBHOOK' AND customer_id = ?", BRUNO);
        long brunoDelivery = webhooks.deliveries(BRUNO, null, 1).get(0).id();
        jdbc.update(
                "INSERT INTO paypal_setup (setup_token_id, customer_id, created_at) VALUES ('SETUP-BRUNO', ?, NOW(6))",
                BRUNO);
        for (Map.Entry<String, String> c : CROSS.entrySet()) {
            if (c.getValue().equals("null")) {
                continue;
            }
            String[] route = c.getKey().split(" ");
            String url = c.getValue()
                    .replace("BRUNO_TOKEN", Long.toString(brunoToken))
                    .replace("BRUNO_HOOK", Long.toString(brunoHook))
                    .replace("BRUNO_DELIVERY", Long.toString(brunoDelivery))
                    .replace("BRUNO", Long.toString(brunoLogin));
            MockHttpServletRequestBuilder request = route[0].equals("POST") ? post(url) : get(url);
            MvcResult r = url.startsWith("/api/")
                    ? mvc.perform(request.header("Authorization", "Bearer " + adaToken))
                            .andReturn()
                    : as(ada, request);
            assertThat(r.getResponse().getStatus())
                    .as("Ada asks for Bruno's " + url + ": " + body(r))
                    .isEqualTo(url.matches("/(account|api/v1)/(logins|tokens|webhooks)/.*") ? 400 : 404);
            assertThat(body(r)).doesNotContain("Bruno").doesNotContain("dedi-bruno");
            // the same request for Ada's own object is answered
            String own = url.replace("INV-2026-000002", "INV-2026-000001")
                    .replace("CN-2026-000002", "CN-2026-000001")
                    .replace("/services/12/", "/services/11/")
                    .replace("id=502", "id=501");
            if (!own.equals(url)) {
                MvcResult mine = own.startsWith("/api/")
                        ? mvc.perform(get(own).header("Authorization", "Bearer " + adaToken))
                                .andReturn()
                        : as(ada, route[0].equals("POST") ? post(own) : get(own));
                assertThat(mine.getResponse().getStatus())
                        .as("Ada's own " + own)
                        .isIn(200, 302);
            }
        }
        assertThat(webhooks.endpoints(BRUNO).get(0).enabled())
                .as("Bruno's webhook untouched")
                .isTrue();
        assertThat(webhooks.deliveries(BRUNO, null, 1).get(0).status())
                .as("nor replayed")
                .isEqualTo("DONE");
        // Bruno's login is not Ada's to turn off (400, "customer 1 has no login N"), and it still logs in
        assertThat(accounts.find("bruno@example.de").orElseThrow().enabled()).isTrue();
        logIn("bruno@example.de");
        // lists hold Ada's rows only
        String lists = body(as(ada, get("/account/invoices")))
                + body(as(ada, get("/account/credit-notes")))
                + body(as(ada, get("/account/payments")))
                + body(as(ada, get("/account/services")))
                + body(as(ada, get("/account")));
        assertThat(lists)
                .contains("INV-2026-000001", "CN-2026-000001", "wire-1", "dedi-ada", "203.0.113.10/32")
                .doesNotContain("INV-2026-000002", "CN-2026-000002", "wire-2", "dedi-bruno");
        assertThat(as(ada, get("/viewinvoice.php?id=501")).getResponse().getRedirectedUrl())
                .isEqualTo("/account/invoices/INV-2026-000001");
        MvcResult pdf = as(ada, get("/account/invoices/INV-2026-000001/pdf"));
        assertThat(pdf.getResponse().getContentType()).isEqualTo("application/pdf");
        assertThat(new String(pdf.getResponse().getContentAsByteArray(), 0, 5, StandardCharsets.US_ASCII))
                .isEqualTo("%PDF-");
    }

    @Test
    void aTechnicalLoginSeesServicesAndUsageButNoBillingAndNoLogins() throws Exception {
        MockHttpSession ops = logIn("ops@example.com");
        for (String url : List.of(
                "/account/invoices",
                "/account/invoices/INV-2026-000001",
                "/account/invoices/INV-2026-000001/pdf",
                "/account/credit-notes",
                "/account/payments",
                "/account/payment-method",
                "/account/logins")) {
            assertThat(as(ops, get(url)).getResponse().getStatus()).as(url).isEqualTo(403);
        }
        assertThat(as(ops, get("/account/services/11/usage?period=2026-10"))
                        .getResponse()
                        .getStatus())
                .isEqualTo(200);
        String overview = body(as(ops, get("/account")));
        assertThat(overview).contains("dedi-ada").doesNotContain("What you owe");
    }

    @Test
    void customersReachNoStaffRouteAndStaffNoCustomerRoute() throws Exception {
        MockHttpSession ada = logIn("ada@example.com");
        for (String url : List.of(
                "/admin/jobs", "/admin/customers", "/finance", "/finance/invoices", "/api/finance/invoice-summary")) {
            assertThat(as(ada, get(url)).getResponse().getStatus()).as(url).isEqualTo(403);
        }
        assertThat(as(ada, get("/")).getResponse().getRedirectedUrl()).isEqualTo("/account");
        MvcResult staff = mvc.perform(
                        get("/account/invoices")
                                .with(org.springframework.security.test.web.servlet.request
                                        .SecurityMockMvcRequestPostProcessors.user("fiona")
                                        .roles("FINANCE")))
                .andReturn();
        assertThat(staff.getResponse().getStatus()).isEqualTo(403);
        assertThat(mvc.perform(get("/account")).andReturn().getResponse().getRedirectedUrl())
                .as("anonymous")
                .isEqualTo("/login");
    }

    @Test
    void theUsagePageShowsThe95thPercentileOfTheSamplesAndTheCsvIsTheCommandsSeries() throws Exception {
        MockHttpSession ada = logIn("ada@example.com");
        String page = body(as(ada, get("/account/services/11/usage?period=2026-10")));
        // by hand: rank 8482 of 8928 ascending is 8482 x 10,000 bytes in, half of it out
        String p95In = Percentile95.mbps(84_820_000L).toPlainString();
        String p95Out = Percentile95.mbps(42_410_000L).toPlainString();
        assertThat(page)
                .contains("<span id=\"p95-in\">" + p95In + "</span>")
                .contains("<span id=\"p95-out\">" + p95Out + "</span>")
                .contains("<strong id=\"billed-mbps\">" + p95In + "</strong>")
                .contains("ranked <span>8482</span> of <span>8928</span>")
                .contains("<span id=\"commit-mbps\">1</span>");
        JsonNode chart = json.readTree(body(as(ada, get("/account/services/11/usage.json?period=2026-10"))));
        assertThat(chart.get("bytesIn").size()).isEqualTo(8928);
        assertThat(chart.get("bytesIn").get(0).asLong())
                .as("bucket 0: (0 x 7919 mod 8928 + 1) x 10,000")
                .isEqualTo(10_000);
        assertThat(chart.get("droppedIn").size()).as("the top 5 %: 8928 - 8482").isEqualTo(446);
        assertThat(chart.get("billedMbps").decimalValue().toPlainString()).isEqualTo(p95In);
        assertThat(chart.get("days").size()).isEqualTo(31);
        assertThat(chart.get("quotaUnits").decimalValue().intValue()).isEqualTo(100);
        String csv = body(as(ada, get("/account/services/11/usage.csv?period=2026-10")));
        String[] lines = csv.split("\n");
        assertThat(lines).hasSize(8929);
        assertThat(lines[0]).startsWith("bucket_start_utc,bytes_in,bytes_out");
        assertThat(lines[1]).startsWith("2026-10-01T00:00:00Z,10000,5000,");
        assertThat(csv.lines().filter(l -> l.contains(",true,")).count()).isEqualTo(446);

        assertThat(as(ada, get("/account/services/11/usage?period=October"))
                        .getResponse()
                        .getStatus())
                .isEqualTo(400);
        assertThat(body(as(ada, get("/account/services/11/usage?period=2099-01"))))
                .contains("period: 2099-01 has not begun");
        assertThat(as(ada, get("/account/services/13/usage?period=2026-10"))
                        .getResponse()
                        .getStatus())
                .as("the VPS meters nothing")
                .isEqualTo(404);
        assertThat(as(ada, get("/account/invoices?status=OPEN")).getResponse().getStatus())
                .isEqualTo(400);
    }

    @Test
    void anOwnerAddsALoginWhoseHolderSetsAPasswordThroughTheEmailedLinkOnce() throws Exception {
        MockHttpSession ada = logIn("ada@example.com");
        MvcResult added = as(
                ada,
                post("/account/logins")
                        .param("email", "Books@Example.com")
                        .param("name", "Books")
                        .param("role", "BILLING"));
        assertThat(added.getResponse().getRedirectedUrl()).isEqualTo("/account/logins");
        assertThat(jdbc.queryForObject(
                        "SELECT COUNT(*) FROM audit_log WHERE actor = 'customer:ada@example.com' AND action = 'customer-user.add'",
                        Long.class))
                .isEqualTo(1);
        assertThat(body(as(
                        ada,
                        post("/account/logins")
                                .param("email", "books@example.com")
                                .param("role", "BILLING"))))
                .contains("email books@example.com already has a login");
        assertThat(body(as(
                        ada,
                        post("/account/logins").param("email", "not-an-address").param("role", "BILLING"))))
                .contains("is not an e-mail address");
        assertThat(body(as(
                        ada,
                        post("/account/logins").param("email", "x@example.com").param("role", "GOD"))))
                .contains("role: one of OWNER, BILLING, TECHNICAL");

        String token = linkTo("books@example.com");
        MvcResult noPassword = mvc.perform(post("/login")
                        .with(csrf())
                        .param("username", "books@example.com")
                        .param("password", ""))
                .andReturn();
        assertThat(noPassword.getResponse().getRedirectedUrl()).isEqualTo("/login?error");
        String form =
                body(mvc.perform(get("/login/reset").param("token", token)).andReturn());
        assertThat(form).contains("books@example.com");
        MvcResult tooShort = mvc.perform(post("/login/reset")
                        .with(csrf())
                        .param("token", token)
                        .param("password", "short")
                        .param("confirm", "short"))
                .andReturn();
        assertThat(tooShort.getResponse().getStatus()).isEqualTo(400);
        assertThat(body(tooShort)).contains("password: at least 10 characters");
        MvcResult set = mvc.perform(post("/login/reset")
                        .with(csrf())
                        .param("token", token)
                        .param("password", PASSWORD)
                        .param("confirm", PASSWORD))
                .andReturn();
        assertThat(set.getResponse().getRedirectedUrl()).isEqualTo("/login?reset");
        MvcResult again = mvc.perform(post("/login/reset")
                        .with(csrf())
                        .param("token", token)
                        .param("password", "another password")
                        .param("confirm", "another password"))
                .andReturn();
        assertThat(body(again)).contains("this link was used or has expired");
        MockHttpSession books = logIn("books@example.com");
        assertThat(as(books, get("/account/invoices")).getResponse().getStatus())
                .isEqualTo(200);
        assertThat(as(books, get("/account/logins")).getResponse().getStatus())
                .as("billing, not owner")
                .isEqualTo(403);

        // the owner turns it off: it no longer logs in
        CustomerUser user = accounts.find("books@example.com").orElseThrow();
        as(ada, post("/account/logins/" + user.id() + "/disable"));
        assertThat(mvc.perform(post("/login")
                                .with(csrf())
                                .param("username", "books@example.com")
                                .param("password", PASSWORD))
                        .andReturn()
                        .getResponse()
                        .getRedirectedUrl())
                .isEqualTo("/login?error");
        assertThat(body(as(ada, get("/account/logins"))))
                .contains("PASSWORD_FAILED")
                .contains("PASSWORD_SET");
    }

    @Test
    void aForgottenPasswordIsResetThroughTheLinkAndAnUnknownAddressGetsTheSameAnswer() throws Exception {
        accounts.invite(
                BRUNO, "brunos-books@example.de", "Books", CustomerRole.BILLING, "https://portal.example", "test");
        setPassword("brunos-books@example.de", "first password 1");
        long emails = jdbc.queryForObject("SELECT COUNT(*) FROM outbox WHERE channel = 'EMAIL'", Long.class);
        String known = body(mvc.perform(post("/login/forgot").with(csrf()).param("username", "brunos-books@example.de"))
                .andReturn());
        String unknown = body(mvc.perform(post("/login/forgot").with(csrf()).param("username", "nobody@example.com"))
                .andReturn());
        assertThat(known).contains("If a login has this address");
        assertThat(unknown.replaceAll("name=\"_csrf\" value=\"[^\"]*\"", ""))
                .as("the same page but for its CSRF token")
                .isEqualTo(known.replaceAll("name=\"_csrf\" value=\"[^\"]*\"", ""));
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM outbox WHERE channel = 'EMAIL'", Long.class))
                .as("one e-mail, to the known address")
                .isEqualTo(emails + 1);
        String payload = jdbc.queryForObject(
                "SELECT payload FROM outbox WHERE channel = 'EMAIL' ORDER BY id DESC LIMIT 1", String.class);
        assertThat(payload).contains("Reset your EZSCALE billing password").contains("brunos-books@example.de");
        accounts.setPassword(linkTo("brunos-books@example.de"), PASSWORD, "127.0.0.1");
        logIn("brunos-books@example.de");
        assertThat(mvc.perform(get("/login/reset").param("token", "forged"))
                        .andReturn()
                        .getResponse()
                        .getStatus())
                .isEqualTo(404);
    }

    MvcResult api(String token, MockHttpServletRequestBuilder request) throws Exception {
        return mvc.perform(token == null ? request : request.header("Authorization", "Bearer " + token))
                .andReturn();
    }

    @Test
    void anOwnerCreatesATokenShownOnceWhoseCallsReadTheCustomersOwnRowsAndWhichIsRevocable() throws Exception {
        MockHttpSession ada = logIn("ada@example.com");
        MvcResult created =
                as(ada, post("/account/tokens").param("name", "monitoring").param("scopes", "read"));
        assertThat(created.getResponse().getRedirectedUrl()).isEqualTo("/account/tokens");
        String secret = (String) created.getFlashMap().get("secret");
        assertThat(secret).startsWith("ezk_");
        assertThat(jdbc.queryForObject(
                        "SELECT COUNT(*) FROM api_token WHERE token_hash LIKE ?", Long.class, "%" + secret + "%"))
                .as("only its hash is kept")
                .isZero();
        assertThat(body(as(ada, get("/account/tokens"))))
                .as("the page after creating")
                .contains(secret);
        assertThat(body(as(ada, get("/account/tokens"))))
                .as("and never again")
                .contains("monitoring")
                .doesNotContain(secret);
        assertThat(body(as(ada, post("/account/tokens").param("name", "x").param("scopes", "admin"))))
                .contains("scopes: each one of [read, billing, webhooks], not &#39;admin&#39;");

        JsonNode list = json.readTree(body(api(secret, get("/api/v1/invoices"))));
        assertThat(list.get("items")).hasSize(1);
        assertThat(list.get("items").get(0).get("number").asText()).isEqualTo("INV-2026-000001");
        assertThat(list.get("items").get(0).get("owed").asText())
                .as("150.00 less 40.00 paid and 10.00 credited")
                .isEqualTo("100.00");
        JsonNode invoice = json.readTree(body(api(secret, get("/api/v1/invoices/INV-2026-000001"))));
        assertThat(invoice.get("lines").get(0).get("description").asText()).isEqualTo("Dedicated 95th, November");
        JsonNode services = json.readTree(body(api(secret, get("/api/v1/services"))));
        assertThat(services).extracting(n -> n.get("label").asText()).containsExactly("dedi-ada", "vps-ada");
        JsonNode usage = json.readTree(body(api(secret, get("/api/v1/services/11/usage?period=2026-10"))));
        assertThat(usage.get("billedMbps").decimalValue().toPlainString())
                .isEqualTo(Percentile95.mbps(84_820_000L).toPlainString());

        MvcResult bad = api(secret, get("/api/v1/invoices?status=OPEN"));
        assertThat(bad.getResponse().getStatus()).isEqualTo(400);
        assertThat(bad.getResponse().getContentType()).isEqualTo("application/problem+json");
        assertThat(json.readTree(body(bad)).get("detail").asText()).startsWith("status: one of");
        MvcResult badBefore = api(secret, get("/api/v1/payments?before=yesterday"));
        assertThat(json.readTree(body(badBefore)).get("detail").asText()).startsWith("before: 'yesterday'");

        MvcResult none = api(null, get("/api/v1/invoices"));
        assertThat(none.getResponse().getStatus()).isEqualTo(401);
        assertThat(none.getResponse().getContentType()).startsWith("application/problem+json");
        assertThat(api("ezk_forged", get("/api/v1/invoices")).getResponse().getStatus())
                .isEqualTo(401);
        assertThat(api(secret, get("/api/v1/staff/jobs")).getResponse().getStatus())
                .as("a customer token reaches no staff call")
                .isEqualTo(403);
        assertThat(mvc.perform(get("/api/v1/invoices").session(ada))
                        .andReturn()
                        .getResponse()
                        .getStatus())
                .as("the portal's session does not open the API")
                .isEqualTo(401);

        long id = tokens.ofCustomer(ADA).stream()
                .filter(t -> t.name().equals("monitoring"))
                .findFirst()
                .orElseThrow()
                .id();
        as(ada, post("/account/tokens/" + id + "/revoke"));
        assertThat(api(secret, get("/api/v1/invoices")).getResponse().getStatus())
                .isEqualTo(401);
        assertThat(jdbc.queryForObject(
                        "SELECT COUNT(*) FROM audit_log WHERE action IN ('api-token.create', 'api-token.revoke')"
                                + " AND actor = 'customer:ada@example.com'",
                        Long.class))
                .isEqualTo(2);
    }

    @Test
    void aTokenWithoutTheScopeIsRefusedAndEachTokenHasItsOwnRateLimit() throws Exception {
        String hooks = tokens.createForCustomer(ADA, "hooks only", List.of("webhooks"), "test")
                .secret();
        MvcResult refused = api(hooks, get("/api/v1/invoices"));
        assertThat(refused.getResponse().getStatus()).isEqualTo(403);
        assertThat(json.readTree(body(refused)).get("detail").asText()).contains("/api/v1/invoices");

        String busy =
                tokens.createForCustomer(ADA, "busy", List.of("read"), "test").secret();
        String calm =
                tokens.createForCustomer(ADA, "calm", List.of("read"), "test").secret();
        int ok = 0;
        MvcResult last = null;
        for (int i = 0; i < 45; i++) {
            last = api(busy, get("/api/v1/services"));
            if (last.getResponse().getStatus() == 200) {
                ok++;
            }
        }
        assertThat(ok).as("40 a minute").isEqualTo(40);
        assertThat(last.getResponse().getStatus()).isEqualTo(429);
        assertThat(Long.parseLong(last.getResponse().getHeader("Retry-After"))).isPositive();
        assertThat(api(calm, get("/api/v1/services")).getResponse().getStatus())
                .as("another token of the same customer")
                .isEqualTo(200);
    }

    @Test
    void theOpenApiDescriptionIsServedAndNamesEveryApiRoute() throws Exception {
        MvcResult r = mvc.perform(get("/api/v1/openapi.json")).andReturn();
        assertThat(r.getResponse().getStatus()).isEqualTo(200);
        JsonNode spec = json.readTree(body(r));
        assertThat(spec.get("openapi").asText()).startsWith("3.");
        assertThat(spec.at("/components/securitySchemes/token/scheme").asText()).isEqualTo("bearer");
        List<String> routes = new ArrayList<>();
        for (Map.Entry<RequestMappingInfo, HandlerMethod> e :
                mappings.getHandlerMethods().entrySet()) {
            if (!e.getValue().getBeanType().getPackageName().equals("com.ezscale.billing.portal.api")) {
                continue;
            }
            for (var method : e.getKey().getMethodsCondition().getMethods()) {
                for (String path : e.getKey().getPatternValues()) {
                    routes.add(method.name().toLowerCase() + " " + path.replaceAll("\\{(\\w+):[^}]*}", "{$1}"));
                }
            }
        }
        assertThat(routes).hasSizeGreaterThan(10);
        for (String route : routes) {
            String[] parts = route.split(" ");
            assertThat(spec.get("paths").has(parts[1]))
                    .as(route + " in the spec")
                    .isTrue();
            assertThat(spec.get("paths").get(parts[1]).has(parts[0]))
                    .as(route + " in the spec")
                    .isTrue();
        }
        assertThat(spec.get("paths").fieldNames()).toIterable().allMatch(p -> p.startsWith("/api/v1/"));
    }

    @Test
    void staffTokensActWithTheirMembersRole() throws Exception {
        if (staff.find("adam").isEmpty()) {
            staff.add("adam", "Adam Admin", StaffRole.ADMIN, "a staff password 1", "test");
            staff.add("fiona", "Fiona Finance", StaffRole.FINANCE, "a staff password 1", "test");
        }
        String admin = tokens.createForStaff("adam", "ops", "test").secret();
        String finance = tokens.createForStaff("fiona", "sheets", "test").secret();
        assertThat(api(admin, get("/api/v1/staff/jobs")).getResponse().getStatus())
                .isEqualTo(200);
        assertThat(api(finance, get("/api/v1/staff/jobs")).getResponse().getStatus())
                .isEqualTo(403);
        assertThat(api(finance, get("/api/v1/staff/reports/requests"))
                        .getResponse()
                        .getStatus())
                .isEqualTo(200);
        assertThat(api(admin, get("/api/v1/staff/reports/requests"))
                        .getResponse()
                        .getStatus())
                .isEqualTo(403);
        assertThat(api(admin, get("/api/v1/invoices")).getResponse().getStatus())
                .as("a staff token is no customer's")
                .isEqualTo(403);
        MvcResult badDay = api(
                admin,
                post("/api/v1/staff/jobs/runs")
                        .contentType("application/json")
                        .content("{\"job\": \"invoiceRun\", \"asOf\": \"30/11/2026\"}"));
        assertThat(badDay.getResponse().getStatus()).isEqualTo(400);
        assertThat(json.readTree(body(badDay)).get("detail").asText())
                .isEqualTo("asOf: '30/11/2026' is not a YYYY-MM-DD date");
        MvcResult noNode = api(
                admin,
                post("/api/v1/staff/jobs/runs")
                        .contentType("application/json")
                        .content("{\"job\": \"invoiceRun\", \"asOf\": \"2026-11-30\"}"));
        assertThat(noNode.getResponse().getStatus()).as(body(noNode)).isEqualTo(400);
        assertThat(json.readTree(body(noNode)).get("detail").asText()).contains("start `serve` on a jobs node");
        MvcResult notJson = api(
                admin,
                post("/api/v1/staff/jobs/runs").contentType("application/json").content("{job"));
        assertThat(json.readTree(body(notJson)).get("detail").asText()).startsWith("body:");
        staff.setEnabled("adam", false, "test");
        assertThat(api(admin, get("/api/v1/staff/jobs")).getResponse().getStatus())
                .as("a disabled member's token")
                .isEqualTo(401);
        staff.setEnabled("adam", true, "test");
    }

    MvcResult coinbaseEvent(String event, String signature) throws Exception {
        return mvc.perform(post("/webhooks/coinbase")
                        .contentType("application/json")
                        .content(event)
                        .header("X-CC-Webhook-Signature", signature))
                .andReturn();
    }

    MvcResult coinbaseEvent(String event) throws Exception {
        return coinbaseEvent(event, CoinbaseWebhookController.signature(event, CoinbaseStub.WEBHOOK_SECRET));
    }

    @Test
    void aCustomerPaysInCryptoOnCoinbasesPageAPartialPaymentThenAnOverpaymentEachBookedOnce() throws Exception {
        jdbc.update(
                "INSERT INTO customer (id, name, email, country, billing_currency, status, created_at, preferred_gateway)"
                        + " VALUES (9, 'Esme Quist', 'esme@example.com', 'US', 'USD', 'ACTIVE', '2026-01-01', 'CRYPTO')");
        for (int n = 90; n <= 91; n++) {
            jdbc.update(
                    "INSERT INTO invoice (id, seller_entity_id, customer_id, currency, status, due_date, subtotal, tax_total,"
                            + " total, created_at) VALUES (?, 1, 9, 'USD', 'DRAFT', '2026-11-15', 20.00, 0, 20.00, '2026-11-01')",
                    100 + n);
            jdbc.update(
                    "INSERT INTO invoice_line (invoice_id, line_no, charge_kind, period_start, period_end_exclusive,"
                            + " description, quantity, unit_price, amount) VALUES (?, 1, 'RECURRING', '2026-11-01', '2026-12-01',"
                            + " 'Backup space', 1, 20.00, 20.00)",
                    100 + n);
            invoices.issue(
                    100 + n,
                    "INV-2026",
                    n,
                    String.format("INV-2026-%06d", n),
                    LocalDate.parse("2026-11-01"),
                    Instant.parse("2026-11-01T02:00:00Z"));
        }
        accounts.invite(9, "esme@example.com", null, CustomerRole.OWNER, "https://portal.example", "test");
        setPassword("esme@example.com", PASSWORD);
        MockHttpSession esme = logIn("esme@example.com");
        assertThat(body(as(esme, get("/account/invoices/INV-2026-000090")))).contains("id=\"pay-crypto\"");

        MvcResult pay = as(esme, get("/account/invoices/INV-2026-000090/pay/crypto"));
        String hosted = pay.getResponse().getRedirectedUrl();
        assertThat(hosted).startsWith(COINBASE.apiBase() + "/charges/CB");
        CoinbaseStub.Charge charge = COINBASE.charges.get(COINBASE.charges.size() - 1);
        assertThat(charge.amount() + " " + charge.currency() + " " + charge.invoiceNumber())
                .isEqualTo("20.00 USD INV-2026-000090");
        int made = COINBASE.charges.size();
        assertThat(as(esme, get("/account/invoices/INV-2026-000090/pay/crypto"))
                        .getResponse()
                        .getRedirectedUrl())
                .as("the live charge is handed out again")
                .isEqualTo(hosted);
        assertThat(COINBASE.charges).hasSize(made);
        // expired: the next request renews it
        jdbc.update("UPDATE crypto_charge SET expires_at = '2026-01-01' WHERE code = ?", charge.code());
        String renewed = as(esme, get("/account/invoices/INV-2026-000090/pay/crypto"))
                .getResponse()
                .getRedirectedUrl();
        assertThat(renewed).isNotEqualTo(hosted);
        assertThat(COINBASE.charges).hasSize(made + 1);
        String code = COINBASE.charges.get(COINBASE.charges.size() - 1).code();

        Instant now = Instant.now();
        String pending = CoinbaseStub.event("evt-1", "charge:pending", code, "USD", now);
        assertThat(body(coinbaseEvent(pending, "00ff"))).contains("invalid signature");
        assertThat(body(coinbaseEvent(
                        pending.replace("charge:pending", "charge:confirmed"),
                        CoinbaseWebhookController.signature(pending, CoinbaseStub.WEBHOOK_SECRET))))
                .as("altered after signing")
                .contains("invalid signature");
        assertThat(body(coinbaseEvent(CoinbaseStub.event(
                        "evt-0", "charge:confirmed", code, "USD", now.minusSeconds(4 * 86400), "20.00"))))
                .contains("stale event");
        assertThat(body(coinbaseEvent(pending))).contains("charge " + code + " PENDING");
        // underpaid: 15.00 of 20.00 confirmed, reported as failed: a partial payment
        String underpaid = CoinbaseStub.event("evt-2", "charge:failed", code, "USD", now, "15.00");
        assertThat(body(coinbaseEvent(underpaid)))
                .contains("charge " + code
                        + ": 15.00 USD confirmed, invoice INV-2026-000090 partly paid (5.00 USD still owed)");
        assertThat(body(coinbaseEvent(underpaid))).contains("duplicate");
        // the same charge reported again by another event: booked once
        assertThat(body(coinbaseEvent(CoinbaseStub.event("evt-3", "charge:resolved", code, "USD", now, "15.00"))))
                .contains("already booked");
        assertThat(jdbc.queryForObject(
                        "SELECT CONCAT(status, ' ', amount_paid) FROM invoice WHERE id = 190", String.class))
                .isEqualTo("PARTIALLY_PAID 15.0000");

        // the second invoice overpaid: paid, the rest to account credit
        String second = as(esme, get("/account/invoices/INV-2026-000091/pay/crypto"))
                .getResponse()
                .getRedirectedUrl();
        String code2 = second.substring(second.lastIndexOf('/') + 1);
        assertThat(body(coinbaseEvent(
                        CoinbaseStub.event("evt-4", "charge:confirmed", code2, "USD", now, "20.00", "4.50"))))
                .contains("invoice INV-2026-000091 paid, 4.50 USD over to account credit");
        assertThat(jdbc.queryForObject(
                        "SELECT CONCAT(status, ' ', amount_paid) FROM invoice WHERE id = 191", String.class))
                .isEqualTo("PAID 20.0000");
        assertThat(jdbc.queryForList(
                        "SELECT CONCAT(method, ' ', reference, ' ', amount) FROM payment WHERE invoice_id IN (190, 191) ORDER BY id",
                        String.class))
                .containsExactly("CRYPTO " + code + " 15.0000", "CRYPTO " + code2 + " 24.5000");
        assertThat(jdbc.queryForObject(
                        "SELECT SUM(amount) FROM credit_ledger WHERE customer_id = 9 AND source_type = 'PAYMENT'",
                        BigDecimal.class))
                .isEqualByComparingTo("4.50");
        assertThat(as(esme, get("/account/invoices/INV-2026-000091/pay/crypto"))
                        .getResponse()
                        .getStatus())
                .as("nothing left to pay")
                .isEqualTo(400);

        // a charge paid in another currency than it asked for is not booked: finance is told
        String third = as(esme, get("/account/invoices/INV-2026-000090/pay/crypto"))
                .getResponse()
                .getRedirectedUrl();
        String code3 = third.substring(third.lastIndexOf('/') + 1);
        assertThat(body(coinbaseEvent(CoinbaseStub.event("evt-5", "charge:confirmed", code3, "EUR", now, "5.00"))))
                .contains("charge " + code3 + " paid in EUR: finance alerted");
        assertThat(jdbc.queryForObject(
                        "SELECT COUNT(*) FROM outbox WHERE channel = 'ALERT' AND dedupe_key = ?",
                        Long.class,
                        "ALERT:CRYPTO-CURRENCY:" + code3))
                .isEqualTo(1);
        assertThat(jdbc.queryForObject(
                        "SELECT CONCAT(status, ' ', amount_paid) FROM invoice WHERE id = 190", String.class))
                .isEqualTo("PARTIALLY_PAID 15.0000");
    }

    @Test
    void aCustomerPaysAnOpenInvoiceOnStripeCheckoutAndStripesWebhookSettlesIt() throws Exception {
        jdbc.update("INSERT INTO customer (id, name, email, country, billing_currency, status, created_at)"
                + " VALUES (3, 'Cleo Park', 'cleo@example.com', 'US', 'USD', 'ACTIVE', '2026-01-01')");
        jdbc.update(
                "INSERT INTO invoice (id, seller_entity_id, customer_id, currency, status, due_date, subtotal, tax_total,"
                        + " total, created_at) VALUES (103, 1, 3, 'USD', 'DRAFT', '2026-11-15', 75.50, 0, 75.50, '2026-11-01')");
        jdbc.update("INSERT INTO invoice_line (invoice_id, line_no, charge_kind, period_start, period_end_exclusive,"
                + " description, quantity, unit_price, amount) VALUES (103, 1, 'RECURRING', '2026-11-01', '2026-12-01',"
                + " 'Web hosting', 1, 75.50, 75.50)");
        invoices.issue(
                103,
                "INV-2026",
                3,
                "INV-2026-000003",
                LocalDate.parse("2026-11-01"),
                Instant.parse("2026-11-01T02:00:00Z"));
        accounts.invite(3, "cleo@example.com", null, CustomerRole.OWNER, "https://portal.example", "test");
        setPassword("cleo@example.com", PASSWORD);
        MockHttpSession cleo = logIn("cleo@example.com");
        assertThat(body(as(cleo, get("/account/invoices/INV-2026-000003")))).contains("id=\"pay\"");

        MvcResult pay = as(cleo, post("/account/invoices/INV-2026-000003/pay"));
        assertThat(pay.getResponse().getRedirectedUrl()).startsWith("https://checkout.stripe.com/c/pay/cs_test_");
        StripeCheckoutStub.Session session = STRIPE.sessions.stream()
                .filter(x -> "ezs-co-103-1001".equals(x.idempotencyKey()))
                .findFirst()
                .orElseThrow();
        assertThat(session.idempotencyKey()).isEqualTo("ezs-co-103-1001");
        assertThat(session.form())
                .containsEntry("mode", "payment")
                .containsEntry("client_reference_id", "INV-2026-000003")
                .containsEntry("line_items[0][price_data][unit_amount]", "7550")
                .containsEntry("line_items[0][price_data][currency]", "usd")
                .containsEntry("payment_intent_data[metadata][attempt_key]", "ezs-co-103-1001")
                .containsEntry("success_url", "https://portal.example/account/invoices/INV-2026-000003?paid");
        assertThat(
                        jdbc.queryForMap(
                                "SELECT status, amount, action_url FROM payment_attempt WHERE idempotency_key = 'ezs-co-103-1001'"))
                .containsEntry("status", "REQUIRES_ACTION")
                .containsEntry("action_url", pay.getResponse().getRedirectedUrl());
        assertThat(as(logIn("ada@example.com"), post("/account/invoices/INV-2026-000003/pay"))
                        .getResponse()
                        .getStatus())
                .as("Ada cannot pay, nor learn of, Cleo's invoice")
                .isEqualTo(404);

        // Stripe tells us the payment succeeded (the PaymentIntent Checkout made carries the attempt's key)
        MvcResult hook = stripeEvent(
                "evt_co_1",
                "payment_intent.succeeded",
                "{\"id\":\"pi_co_1\",\"object\":\"payment_intent\",\"amount\":7550,\"currency\":\"usd\",\"status\":"
                        + "\"succeeded\",\"metadata\":{\"attempt_key\":\"ezs-co-103-1001\"}}");
        assertThat(body(hook)).contains("attempt ezs-co-103-1001 SUCCEEDED");
        String paid = body(as(cleo, get("/account/invoices/INV-2026-000003?paid")));
        assertThat(paid)
                .contains("id=\"invoice-status\" class=\"status PAID\">PAID")
                .doesNotContain("id=\"pay\"");
        assertThat(body(as(cleo, get("/account/payments")))).contains("pi_co_1").contains("75.50 USD");
        assertThat(body(as(cleo, post("/account/invoices/INV-2026-000003/pay"))))
                .contains("invoice INV-2026-000003 is PAID: nothing to pay");
        assertThat(STRIPE.sessions.stream()
                        .filter(x -> x.form().get("client_reference_id").equals("INV-2026-000003")))
                .as("no second page for a paid invoice")
                .hasSize(1);
    }

    @Test
    void aLoginTurnsOnASecondFactorAfterWhichEachLoginNeedsAFreshCodeThenTurnsItOff() throws Exception {
        accounts.addWithPassword(ADA, "totp@example.com", "Tess", CustomerRole.BILLING, PASSWORD, "test");
        MockHttpSession tess = logIn("totp@example.com");
        assertThat(body(as(tess, get("/account/security")))).contains("Second factor: <strong>off</strong>");
        assertThat(as(tess, post("/account/security/totp")).getResponse().getRedirectedUrl())
                .isEqualTo("/account/security");
        String page = body(as(tess, get("/account/security")));
        assertThat(page).contains("data:image/png;base64,");
        String secret = page.substring(page.indexOf("<code id=\"secret\">") + "<code id=\"secret\">".length());
        secret = secret.substring(0, secret.indexOf('<'));
        MvcResult wrong = as(tess, post("/account/security/totp/confirm").param("code", "000000"));
        assertThat(wrong.getResponse().getStatus()).isEqualTo(400);
        assertThat(body(wrong)).contains("code: not the code your authenticator shows now");
        // kept, not computed again: 30 s windows, and the same code computed later may be the next window's
        String confirming = totpCode(secret, 0);
        String codes = body(as(tess, post("/account/security/totp/confirm").param("code", confirming)));
        List<String> recovery = new ArrayList<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("<code>([a-z0-9]{5}-[a-z0-9]{5})</code>")
                .matcher(codes);
        while (m.find()) {
            recovery.add(m.group(1));
        }
        assertThat(recovery).hasSize(10);
        as(tess, post("/logout"));

        // the password now leads to the code; nothing of the account before it
        MockHttpSession next = new MockHttpSession();
        MvcResult password = mvc.perform(post("/login")
                        .session(next)
                        .with(csrf())
                        .param("username", "totp@example.com")
                        .param("password", PASSWORD))
                .andReturn();
        assertThat(password.getResponse().getRedirectedUrl()).isEqualTo("/login/totp");
        next = (MockHttpSession) password.getRequest().getSession();
        assertThat(as(next, get("/account/invoices")).getResponse().getRedirectedUrl())
                .isEqualTo("/login/totp");
        assertThat(as(next, post("/login/totp").param("code", confirming))
                        .getResponse()
                        .getStatus())
                .as("the confirming step's code again")
                .isEqualTo(400);
        String before = next.getId();
        MvcResult in = as(next, post("/login/totp").param("code", totpCode(secret, 1)));
        assertThat(in.getResponse().getRedirectedUrl()).isEqualTo("/account");
        next = (MockHttpSession) in.getRequest().getSession();
        assertThat(next.getId()).as("a new session id").isNotEqualTo(before);
        assertThat(as(next, get("/account/invoices")).getResponse().getStatus()).isEqualTo(200);

        // a recovery code works once
        MockHttpSession third = (MockHttpSession) mvc.perform(post("/login")
                        .with(csrf())
                        .param("username", "totp@example.com")
                        .param("password", PASSWORD))
                .andReturn()
                .getRequest()
                .getSession();
        assertThat(as(third, post("/login/totp").param("code", recovery.get(0)))
                        .getResponse()
                        .getRedirectedUrl())
                .isEqualTo("/account");
        assertThat(body(as(third, get("/account/security")))).contains("<span id=\"unused\">9</span>");

        // off, with a code; the password alone then logs in
        assertThat(body(as(third, post("/account/security/totp/off").param("code", "123456"))))
                .contains("code: not the code your authenticator shows now, nor an unused recovery code");
        assertThat(as(third, post("/account/security/totp/off").param("code", recovery.get(1)))
                        .getResponse()
                        .getRedirectedUrl())
                .isEqualTo("/account/security");
        logIn("totp@example.com");
        assertThat(jdbc.queryForList(
                        "SELECT outcome FROM customer_login WHERE email = 'totp@example.com' ORDER BY id",
                        String.class))
                .containsExactly(
                        "PASSWORD_OK",
                        "LOGOUT",
                        "PASSWORD_OK",
                        "TOTP_FAILED",
                        "TOTP_OK",
                        "PASSWORD_OK",
                        "RECOVERY_CODE_OK",
                        "PASSWORD_OK");
        assertThat(jdbc.queryForList(
                        "SELECT action FROM audit_log WHERE action LIKE 'customer-user.totp%' ORDER BY id",
                        String.class))
                .containsExactly("customer-user.totp-on", "customer-user.totp-off");
    }

    static String totpCode(String secret, int steps) throws Exception {
        return new dev.samstevens.totp.code.DefaultCodeGenerator(dev.samstevens.totp.code.HashingAlgorithm.SHA1, 6)
                .generate(secret, Instant.now().getEpochSecond() / 30 + steps);
    }

    /** A Stripe event as Stripe signs it for our endpoint's secret. */
    MvcResult stripeEvent(String id, String type, String object) throws Exception {
        long t = Instant.now().getEpochSecond();
        String event = "{\"id\":\"" + id + "\",\"object\":\"event\",\"api_version\":\"2025-01-27.acacia\",\"created\":"
                + t
                + ",\"type\":\"" + type + "\",\"livemode\":false,\"pending_webhooks\":1,\"data\":{\"object\":" + object
                + "}}";
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
        mac.init(new javax.crypto.spec.SecretKeySpec("whsec_test".getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String signature = "t=" + t + ",v1="
                + java.util.HexFormat.of().formatHex(mac.doFinal((t + "." + event).getBytes(StandardCharsets.UTF_8)));
        return mvc.perform(post("/webhooks/stripe")
                        .contentType("application/json")
                        .content(event)
                        .header("Stripe-Signature", signature))
                .andReturn();
    }

    @Test
    void aCustomerSavesAPayPalAccountAtPayPalChoosesHowToPayAndRemovesIt() throws Exception {
        MockHttpSession ada = logIn("ada@example.com");
        assertThat(body(as(ada, get("/account/payment-method"))))
                .contains("id=\"paypal\">no PayPal account saved</p>")
                .contains("Save a PayPal account");

        MvcResult save = as(ada, post("/account/payment-method/paypal"));
        String approve = save.getResponse().getRedirectedUrl();
        assertThat(approve).startsWith(PAYPAL.apiBase() + "/agreements/approve?approval_session_id=SETUP-");
        // Ada approves on PayPal's page, which sends her browser back to the portal with the approval
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        java.net.http.HttpResponse<String> approvalPage = http.send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(approve))
                        .build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        java.util.regex.Matcher agree = java.util.regex.Pattern.compile("id=\"approve\" href=\"([^\"]+)\"")
                .matcher(approvalPage.body());
        assertThat(agree.find()).as(approvalPage.body()).isTrue();
        java.net.http.HttpResponse<String> atPayPal = http.send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(PAYPAL.apiBase() + agree.group(1)))
                        .build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(atPayPal.statusCode()).isEqualTo(302);
        String back = atPayPal.headers().firstValue("Location").orElseThrow();
        assertThat(back)
                .startsWith("https://portal.example/account/payment-method/paypal/return?approval_token_id=SETUP-");
        String path = back.substring("https://portal.example".length());

        MvcResult returned = as(ada, get(path));
        assertThat(returned.getResponse().getRedirectedUrl()).isEqualTo("/account/payment-method");
        assertThat(returned.getFlashMap().get("message"))
                .isEqualTo("Your PayPal account is saved: invoices are charged to it from now on.");
        String token = jdbc.queryForObject(
                "SELECT payment_method_id FROM gateway_customer WHERE customer_id = ? AND gateway = 'PAYPAL'",
                String.class,
                ADA);
        assertThat(token).startsWith("tok-");
        assertThat(jdbc.queryForObject("SELECT preferred_gateway FROM customer WHERE id = ?", String.class, ADA))
                .isEqualTo("PAYPAL");
        String page = body(as(ada, get("/account/payment-method")));
        assertThat(page).contains("id=\"paypal\">PayPal account saved</p>").contains("value=\"PAYPAL\" checked");
        // a reload of the return page saves nothing twice
        assertThat(as(ada, get(path)).getFlashMap().get("message")).isEqualTo("Your PayPal account is saved.");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM audit_log WHERE action = 'paypal.saved'", Long.class))
                .isEqualTo(1);

        as(ada, post("/account/payment-method/prefer").param("gateway", "MANUAL"));
        assertThat(jdbc.queryForObject("SELECT preferred_gateway FROM customer WHERE id = ?", String.class, ADA))
                .isEqualTo("MANUAL");
        MvcResult bitcoin = as(ada, post("/account/payment-method/prefer").param("gateway", "BITCOIN"));
        assertThat(bitcoin.getResponse().getStatus()).isEqualTo(400);
        assertThat(body(bitcoin)).contains("save a card or a PayPal account first");
        as(ada, post("/account/payment-method/prefer").param("gateway", "PAYPAL"));

        MvcResult removed = as(ada, post("/account/payment-method/paypal/remove"));
        assertThat(removed.getResponse().getRedirectedUrl()).isEqualTo("/account/payment-method");
        assertThat(PAYPAL.tokenDeleted(token)).as("deleted at PayPal").isTrue();
        assertThat(jdbc.queryForObject(
                        "SELECT COUNT(*) FROM gateway_customer WHERE customer_id = ? AND gateway = 'PAYPAL' AND payment_method_id IS NOT NULL",
                        Long.class,
                        ADA))
                .isZero();
        boolean card = jdbc.queryForObject(
                        "SELECT COUNT(*) FROM gateway_customer WHERE customer_id = ? AND gateway = 'STRIPE' AND payment_method_id IS NOT NULL",
                        Long.class,
                        ADA)
                > 0;
        assertThat(jdbc.queryForObject("SELECT preferred_gateway FROM customer WHERE id = ?", String.class, ADA))
                .as("back to the card if there is one, else by hand")
                .isEqualTo(card ? "STRIPE" : "MANUAL");
        assertThat(jdbc.queryForList(
                        "SELECT action FROM audit_log WHERE action LIKE 'paypal.%' OR action = 'gateway.prefer' ORDER BY id",
                        String.class))
                .containsExactly("paypal.setup", "paypal.saved", "gateway.prefer", "gateway.prefer", "paypal.remove");
    }

    @Test
    void aCustomerSavesACardOnStripesSetupPageReplacesItAndRemovesIt() throws Exception {
        MockHttpSession ada = logIn("ada@example.com");
        assertThat(body(as(ada, get("/account/payment-method"))))
                .contains("id=\"card\">no card saved</p>")
                .contains("Save a card");

        MvcResult save = as(ada, post("/account/payment-method"));
        assertThat(save.getResponse().getRedirectedUrl()).startsWith("https://checkout.stripe.com/c/pay/cs_test_");
        String customer = jdbc.queryForObject(
                "SELECT gateway_customer_id FROM gateway_customer WHERE customer_id = ? AND gateway = 'STRIPE'",
                String.class,
                ADA);
        assertThat(STRIPE.customers.get(customer))
                .as("Ada is created at Stripe with her e-mail and our id, nothing else")
                .containsEntry("email", "ada@example.com")
                .containsEntry("metadata[customer_id]", "1");
        StripeCheckoutStub.Session setup = STRIPE.sessions.get(STRIPE.sessions.size() - 1);
        assertThat(setup.form())
                .containsEntry("mode", "setup")
                .containsEntry("customer", customer)
                .containsEntry("payment_method_types[0]", "card")
                .containsEntry("setup_intent_data[metadata][customer_id]", "1")
                .containsEntry("setup_intent_data[metadata][purpose]", "save_card")
                .containsEntry("success_url", "https://portal.example/account/payment-method?saved")
                .doesNotContainKey("line_items[0][price_data][unit_amount]");
        assertThat(body(as(ada, get("/account/payment-method?saved")))).contains("Stripe is confirming your card");

        // Stripe: the setup intent succeeded; its card is read back from Stripe for the brand, last four, expiry
        STRIPE.addCard("pm_ada_1", "visa", "4242", 12, 2030);
        String succeeded =
                "{\"id\":\"seti_ada_1\",\"object\":\"setup_intent\",\"status\":\"succeeded\",\"customer\":\"" + customer
                        + "\",\"payment_method\":\"pm_ada_1\",\"metadata\":{\"customer_id\":\"1\",\"purpose\":\"save_card\"}}";
        assertThat(body(stripeEvent("evt_seti_1", "setup_intent.succeeded", succeeded)))
                .contains("card pm_ada_1 saved for " + customer);
        assertThat(jdbc.queryForObject("SELECT preferred_gateway FROM customer WHERE id = ?", String.class, ADA))
                .as("the card just saved is how Ada pays")
                .isEqualTo("STRIPE");
        assertThat(body(stripeEvent("evt_seti_1", "setup_intent.succeeded", succeeded)))
                .as("a replay changes nothing")
                .contains("duplicate");
        assertThat(body(as(ada, get("/account/payment-method"))))
                .contains("id=\"card\">Visa •••• 4242, expires 12/2030</p>")
                .contains("Replace this card");
        assertThat(jdbc.queryForObject(
                        "SELECT payment_method_id FROM gateway_customer WHERE customer_id = ? AND gateway = 'STRIPE'",
                        String.class,
                        ADA))
                .as("the card the ladder charges")
                .isEqualTo("pm_ada_1");

        // replaced: the same Stripe customer, a new setup page; the new card takes over
        int customersBefore = STRIPE.customers.size();
        as(ada, post("/account/payment-method"));
        assertThat(STRIPE.customers).as("no second Stripe customer").hasSize(customersBefore);
        STRIPE.addCard("pm_ada_2", "mastercard", "5454", 3, 2031);
        assertThat(body(stripeEvent("evt_seti_2", "setup_intent.succeeded", succeeded.replace("pm_ada_1", "pm_ada_2"))))
                .contains("card pm_ada_2 saved");
        assertThat(body(as(ada, get("/account/payment-method")))).contains("Mastercard •••• 5454, expires 03/2031");
        // a card Stripe cannot describe yet: 503, nothing recorded, Stripe sends it again
        assertThat(stripeEvent("evt_seti_3", "setup_intent.succeeded", succeeded.replace("pm_ada_1", "pm_unknown"))
                        .getResponse()
                        .getStatus())
                .isEqualTo(503);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM gateway_event WHERE event_id = 'evt_seti_3'", Long.class))
                .isZero();
        // another account's setup intent (not ours) is recorded and ignored
        assertThat(body(stripeEvent(
                        "evt_seti_4",
                        "setup_intent.succeeded",
                        succeeded.replace(customer, "cus_elsewhere").replace("pm_ada_1", "pm_ada_2"))))
                .contains("no customer of ours is cus_elsewhere");

        MvcResult removed = as(ada, post("/account/payment-method/remove"));
        assertThat(removed.getResponse().getRedirectedUrl()).isEqualTo("/account/payment-method");
        assertThat(STRIPE.detached).containsExactly("pm_ada_2");
        assertThat(body(as(ada, get("/account/payment-method"))))
                .contains("Mastercard •••• 5454, expires 03/2031 was removed")
                .contains("id=\"card\">no card saved</p>");
        assertThat(body(as(ada, post("/account/payment-method/remove")))).contains("no card is saved");
        assertThat(jdbc.queryForList(
                        "SELECT action FROM audit_log WHERE action LIKE 'card.%' ORDER BY id", String.class))
                .containsExactly("card.setup", "card.saved", "card.setup", "card.saved", "card.remove");
        // detached in Stripe's dashboard: forgotten here too
        assertThat(body(stripeEvent("evt_seti_5", "setup_intent.succeeded", succeeded)))
                .contains("saved");
        assertThat(body(stripeEvent(
                        "evt_pm_detached",
                        "payment_method.detached",
                        "{\"id\":\"pm_ada_1\",\"object\":\"payment_method\"}")))
                .contains("payment method pm_ada_1 forgotten; customer ")
                .contains(" told");
        assertThat(jdbc.queryForObject(
                        "SELECT COUNT(*) FROM gateway_customer WHERE payment_method_id IS NOT NULL", Long.class))
                .isZero();
    }

    @Test
    void anOwnerRegistersAWebhookSeesItsDeliveriesAndReplaysOneAndTheApiDoesTheSame() throws Exception {
        accounts.invite(BRUNO, "bruno-owner2@example.de", null, CustomerRole.OWNER, "https://portal.example", "test");
        setPassword("bruno-owner2@example.de", PASSWORD);
        MockHttpSession bruno = logIn("bruno-owner2@example.de");
        MvcResult added = as(
                bruno,
                post("/account/webhooks")
                        .param("url", "https://203.0.113.20/billing")
                        .param("events", "invoice.paid")
                        .param("events", "service.suspended"));
        String secret = (String) added.getFlashMap().get("secret");
        assertThat(secret).startsWith("whsec_");
        assertThat(body(as(bruno, get("/account/webhooks")))).contains(secret);
        assertThat(body(as(bruno, get("/account/webhooks"))))
                .contains("https://203.0.113.20/billing")
                .contains("invoice.paid,service.suspended")
                .doesNotContain(secret);
        MvcResult local = as(
                bruno,
                post("/account/webhooks").param("url", "https://127.0.0.1/x").param("events", "*"));
        assertThat(local.getResponse().getStatus()).isEqualTo(400);
        assertThat(body(local)).contains("127.0.0.1, a private or local address");
        assertThat(body(as(
                        bruno,
                        post("/account/webhooks")
                                .param("url", "https://203.0.113.20/y")
                                .param("events", "invoice.eaten"))))
                .contains("events: each one of");

        writer.webhook(BRUNO, "service.suspended", "PANEL:SUSPEND:12:9", Map.of("service", 12));
        String log = body(as(bruno, get("/account/webhooks")));
        assertThat(log).contains("service.suspended").contains("PENDING");
        long delivery = webhooks.deliveries(BRUNO, null, 10).stream()
                .filter(d -> d.eventType().equals("service.suspended"))
                .findFirst()
                .orElseThrow()
                .id();
        assertThat(body(as(bruno, post("/account/webhooks/deliveries/" + delivery + "/replay"))))
                .as("pending: nothing to replay")
                .contains("has no delivered or failed webhook delivery " + delivery);
        jdbc.update(
                "UPDATE outbox SET status = 'EXHAUSTED', attempts = 6, last_error = 'HTTP 500' WHERE id = ?", delivery);
        assertThat(as(bruno, post("/account/webhooks/deliveries/" + delivery + "/replay"))
                        .getResponse()
                        .getRedirectedUrl())
                .isEqualTo("/account/webhooks");
        assertThat(jdbc.queryForObject(
                        "SELECT CONCAT(status, ' ', attempts) FROM outbox WHERE id = ?", String.class, delivery))
                .isEqualTo("PENDING 0");

        // the same through the API, with a webhooks token; a read-only token is refused
        String hooks = tokens.createForCustomer(BRUNO, "hooks", List.of("webhooks"), "test")
                .secret();
        String read =
                tokens.createForCustomer(BRUNO, "read", List.of("read"), "test").secret();
        assertThat(api(read, get("/api/v1/webhooks")).getResponse().getStatus()).isEqualTo(403);
        MvcResult registered = api(
                hooks,
                post("/api/v1/webhooks")
                        .contentType("application/json")
                        .content("{\"url\": \"https://203.0.113.30/api-hook\", \"events\": [\"*\"]}"));
        assertThat(registered.getResponse().getStatus()).isEqualTo(201);
        JsonNode created = json.readTree(body(registered));
        assertThat(created.get("secret").asText()).startsWith("whsec_");
        JsonNode listed = json.readTree(body(api(hooks, get("/api/v1/webhooks"))));
        assertThat(listed.toString()).contains("https://203.0.113.30/api-hook").doesNotContain("whsec_");
        MvcResult refused = api(
                hooks,
                post("/api/v1/webhooks")
                        .contentType("application/json")
                        .content("{\"url\": \"http://203.0.113.30/plain\", \"events\": [\"*\"]}"));
        assertThat(refused.getResponse().getStatus()).isEqualTo(400);
        assertThat(json.readTree(body(refused)).get("detail").asText()).isEqualTo("url: a webhook must be https://");
        assertThat(json.readTree(body(api(hooks, get("/api/v1/webhooks/deliveries"))))
                        .toString())
                .contains("service.suspended");
        long id = created.at("/endpoint/id").asLong();
        assertThat(api(hooks, post("/api/v1/webhooks/" + id + "/disable"))
                        .getResponse()
                        .getStatus())
                .isEqualTo(204);
        assertThat(webhooks.endpoints(BRUNO).stream()
                        .filter(e -> e.id() == id)
                        .findFirst()
                        .orElseThrow()
                        .enabled())
                .isFalse();
    }

    @Test
    void anOwnerDownloadsAllItsDataAsAZipOfJsonAndPdfsAndNothingOfAnotherCustomer() throws Exception {
        MockHttpSession ada = logIn("ada@example.com");
        MvcResult r = as(ada, get("/account/data-export"));
        assertThat(r.getResponse().getContentType()).isEqualTo("application/zip");
        Map<String, byte[]> files = new java.util.TreeMap<>();
        try (java.util.zip.ZipInputStream zip = new java.util.zip.ZipInputStream(
                new java.io.ByteArrayInputStream(r.getResponse().getContentAsByteArray()))) {
            for (java.util.zip.ZipEntry e; (e = zip.getNextEntry()) != null; ) {
                files.put(e.getName(), zip.readAllBytes());
            }
        }
        assertThat(files.keySet())
                .contains("account.json", "invoices/INV-2026-000001.pdf", "credit-notes/CN-2026-000001.pdf")
                .noneMatch(n -> n.contains("000002"));
        assertThat(new String(files.get("invoices/INV-2026-000001.pdf"), 0, 5, StandardCharsets.US_ASCII))
                .isEqualTo("%PDF-");
        JsonNode account = json.readTree(files.get("account.json"));
        assertThat(account.at("/customer/name").asText()).isEqualTo("Ada Lovelace");
        assertThat(account.get("invoices"))
                .extracting(n -> n.get("number").asText())
                .contains("INV-2026-000001");
        assertThat(account.at("/payments/0/reference").asText()).isEqualTo("wire-1");
        String text = new String(files.get("account.json"), StandardCharsets.UTF_8);
        assertThat(text).doesNotContain("Bruno").doesNotContain("passwordHash").doesNotContain("$2a$");
        assertThat(as(logIn("ops@example.com"), get("/account/data-export"))
                        .getResponse()
                        .getStatus())
                .as("owners only")
                .isEqualTo(403);
        assertThat(jdbc.queryForObject(
                        "SELECT COUNT(*) FROM audit_log WHERE action = 'customer.export' AND actor = 'customer:ada@example.com'",
                        Long.class))
                .isPositive();
    }

    @Test
    void anAdminErasesACustomerWhoOwesNothingItsInvoicesKeepTheirSnapshotAndTotals() throws Exception {
        jdbc.update(
                "INSERT INTO customer (id, name, email, address_line1, city, country, billing_currency, status, created_at)"
                        + " VALUES (4, 'Dora Vance', 'dora@example.com', '4 Quiet Lane', 'Leeds', 'US', 'USD', 'ACTIVE', '2026-01-01')");
        jdbc.update(
                "INSERT INTO invoice (id, seller_entity_id, customer_id, currency, status, due_date, subtotal, tax_total,"
                        + " total, created_at) VALUES (104, 1, 4, 'USD', 'DRAFT', '2026-11-15', 30.00, 0, 30.00, '2026-11-01')");
        jdbc.update("INSERT INTO invoice_line (invoice_id, line_no, charge_kind, period_start, period_end_exclusive,"
                + " description, quantity, unit_price, amount) VALUES (104, 1, 'RECURRING', '2026-11-01', '2026-12-01',"
                + " 'Web hosting', 1, 30.00, 30.00)");
        invoices.issue(
                104,
                "INV-2026",
                4,
                "INV-2026-000004",
                LocalDate.parse("2026-11-01"),
                Instant.parse("2026-11-01T02:00:00Z"));
        var admin = org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user(
                        "adam")
                .roles("ADMIN");
        // the admin invites the customer's first login from its page; the link comes by e-mail
        assertThat(mvc.perform(post("/admin/customers/4/logins")
                                .with(admin)
                                .with(csrf())
                                .param("email", "dora@example.com")
                                .param("role", "OWNER"))
                        .andReturn()
                        .getResponse()
                        .getRedirectedUrl())
                .isEqualTo("/admin/customers/4");
        assertThat(body(mvc.perform(get("/admin/customers/4").with(admin)).andReturn()))
                .contains("dora@example.com")
                .contains("invited");
        setPassword("dora@example.com", PASSWORD);
        MockHttpSession dora = logIn("dora@example.com");
        // Dora asks to be erased: recorded once, the admins alerted with what blocks it, Dora told
        assertThat(as(dora, post("/account/erasure-request")).getResponse().getRedirectedUrl())
                .isEqualTo("/account/logins");
        assertThat(body(as(dora, get("/account/logins"))))
                .contains("Your account still owes INV-2026-000004 (30 USD): we erase it once that is settled.")
                .contains("id=\"erasure-requested\"")
                .doesNotContain("id=\"erasure-request\"");
        as(dora, post("/account/erasure-request"));
        assertThat(jdbc.queryForList(
                        "SELECT payload FROM outbox WHERE channel = 'ALERT' AND dedupe_key LIKE 'ALERT:ERASURE-REQUEST:%'",
                        String.class))
                .singleElement()
                .asString()
                .contains("Customer 4 asked")
                .contains("It owes INV-2026-000004 (30 USD)");
        assertThat(jdbc.queryForObject(
                        "SELECT COUNT(*) FROM audit_log WHERE action = 'customer.erasure-request' AND target = 'customer 4'",
                        Long.class))
                .isEqualTo(1);
        assertThat(body(mvc.perform(get("/admin/customers/4").with(admin)).andReturn()))
                .contains("The customer asked to be erased on")
                .contains("by <span>customer:dora@example.com</span>");

        MvcResult owes = mvc.perform(post("/admin/customers/4/erase")
                        .with(admin)
                        .with(csrf())
                        .param("confirm", "4"))
                .andReturn();
        assertThat(owes.getResponse().getStatus()).isEqualTo(400);
        assertThat(body(owes)).contains("customer 4 still owes INV-2026-000004 (30 USD): erase once it is settled");
        jdbc.update(
                "INSERT INTO payment (customer_id, invoice_id, currency, amount, applied_to_invoice, method, reference, status,"
                        + " received_on, recorded_by, created_at) VALUES (4, 104, 'USD', 30, 30, 'BANK_TRANSFER', 'wire-dora', 'SUCCEEDED',"
                        + " '2026-11-10', 'finance', '2026-11-10 10:00:00')");
        jdbc.update("UPDATE invoice SET amount_paid = 30, status = 'PAID' WHERE id = 104");
        assertThat(body(mvc.perform(post("/admin/customers/4/erase")
                                .with(admin)
                                .with(csrf())
                                .param("confirm", "5"))
                        .andReturn()))
                .contains("confirm: type the customer&#39;s id (4) to erase it");

        MvcResult erased = mvc.perform(post("/admin/customers/4/erase")
                        .with(admin)
                        .with(csrf())
                        .param("confirm", "4"))
                .andReturn();
        assertThat(erased.getResponse().getRedirectedUrl()).isEqualTo("/admin/customers/4");
        assertThat(
                        jdbc.queryForMap(
                                "SELECT name, email, address_line1, erased_at IS NOT NULL AS erased FROM customer WHERE id = 4"))
                .containsEntry("name", "Erased customer 4")
                .containsEntry("email", "erased-4@erased.invalid")
                .containsEntry("address_line1", null);
        assertThat(mvc.perform(post("/login")
                                .with(csrf())
                                .param("username", "dora@example.com")
                                .param("password", PASSWORD))
                        .andReturn()
                        .getResponse()
                        .getRedirectedUrl())
                .isEqualTo("/login?error");
        assertThat(jdbc.queryForObject(
                        "SELECT COUNT(*) FROM outbox WHERE customer_id = 4 AND payload LIKE '%dora%'", Long.class))
                .as("the e-mails sent to it")
                .isZero();
        assertThat(jdbc.queryForObject(
                        "SELECT COUNT(*) FROM audit_log WHERE CONCAT(actor, ' ', COALESCE(target, ''), ' ', COALESCE(detail, ''))"
                                + " LIKE '%dora@example.com%'",
                        Long.class))
                .isZero();
        assertThat(jdbc.queryForObject(
                        "SELECT CONCAT(total, ' ', amount_paid, ' ', bill_to_name) FROM invoice WHERE id = 104",
                        String.class))
                .as("the invoice as issued, for the retention period")
                .isEqualTo("30.0000 30.0000 Dora Vance");
        assertThat(body(mvc.perform(post("/admin/customers/4/erase")
                                .with(admin)
                                .with(csrf())
                                .param("confirm", "4"))
                        .andReturn()))
                .contains("customer 4 is already erased");
    }
}
