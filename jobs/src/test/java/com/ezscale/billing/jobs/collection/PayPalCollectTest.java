package com.ezscale.billing.jobs.collection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.ezscale.billing.app.creditnote.CreditNoteService;
import com.ezscale.billing.app.payment.Payments;
import com.ezscale.billing.creditnote.CreditNoteKind;
import com.ezscale.billing.jobs.dunning.DunningJobConfig;
import com.ezscale.billing.jobs.dunning.PanelStub;
import com.ezscale.billing.jobs.invoice.InvoiceRunJobConfig;
import com.ezscale.billing.jobs.outbox.OutboxJobConfig;
import com.ezscale.billing.jobs.run.JobRunner;
import com.ezscale.billing.jobs.testing.MutableClock;
import com.ezscale.billing.testing.DatabaseTest;
import com.ezscale.billing.testing.PayPalStub;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * collect through PayPal's own server SDK against a local stub that answers as PayPal does: a
 * capture, a decline, a payer action, a pending capture, a 500 then success with the same
 * PayPal-Request-Id (one capture), a lost answer settled by the janitor with the same request id
 * (one capture), PayPal's rate limit, refunds linked to credit notes; and the ladder, which is the
 * same whatever the gateway: a Stripe customer and a PayPal customer, declined, retried, suspended,
 * paid and unsuspended on the same days.
 */
@Import(MutableClock.Config.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PayPalCollectTest extends DatabaseTest {

    @RegisterExtension
    static final GreenMailExtension MAIL =
            new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort()).withPerMethodLifecycle(false);

    static final PayPalStub PAYPAL = new PayPalStub();
    static final MockWebServer PAYPAL_SERVER = PAYPAL.start();
    static final StripeStub STRIPE = new StripeStub();
    static final MockWebServer STRIPE_SERVER = STRIPE.start();
    static final PanelStub PANELS = new PanelStub();
    static final MockWebServer PANEL = PANELS.start();

    @DynamicPropertySource
    static void gateways(DynamicPropertyRegistry registry) {
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> MAIL.getSmtp().getPort());
        registry.add("ezscale.paypal.client-id", () -> PayPalStub.CLIENT_ID);
        registry.add("ezscale.paypal.client-secret", () -> PayPalStub.CLIENT_SECRET);
        registry.add("ezscale.paypal.api-base", PAYPAL::apiBase);
        registry.add("ezscale.paypal.timeout", () -> "PT1S");
        registry.add("ezscale.paypal.retries", () -> "2");
        registry.add("ezscale.stripe.api-key", () -> "sk_test_stub");
        registry.add("ezscale.stripe.api-base", () -> StripeStub.apiBase(STRIPE_SERVER));
        registry.add("ezscale.stripe.timeout", () -> "PT1S");
        registry.add(
                "ezscale.panels.endpoints.virtfusion.base-url",
                () -> PANEL.url("/vf/api/v1").toString());
        registry.add("ezscale.panels.endpoints.virtfusion.api-key", () -> "vf-key");
    }

    @AfterAll
    static void stop() {
        PAYPAL_SERVER.close();
        STRIPE_SERVER.close();
        PANEL.close();
    }

    @Autowired
    JobRunner runner;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    MutableClock clock;

    @Autowired
    CreditNoteService creditNotes;

    @Autowired
    Payments payments;

    private JobExecution collect(String day) {
        clock.advance(Duration.ofSeconds(1));
        JobExecution execution = runner.run(CollectJobConfig.COLLECT, LocalDate.parse(day), "test");
        assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        runner.run(OutboxJobConfig.OUTBOX, LocalDate.parse(day), "test");
        return execution;
    }

    private static String summary(JobExecution execution) {
        return execution.getStepExecutions().stream()
                .filter(s -> s.getStepName().equals(CollectJobConfig.COLLECT_STEP))
                .findFirst()
                .orElseThrow()
                .getExecutionContext()
                .getString("summary");
    }

    private String invoice(int customer) {
        return jdbc.queryForObject(
                "SELECT CONCAT(number, ' ', status, ' ', amount_paid) FROM invoice WHERE customer_id = ? AND late_fee_for_invoice_id IS NULL",
                String.class,
                customer);
    }

    private String attempt(int customer) {
        return jdbc.queryForObject("SELECT status FROM payment_attempt WHERE customer_id = ?", String.class, customer);
    }

    private long captures(int customer) {
        return PAYPAL.captures.stream()
                .filter(c -> c.vaultId().endsWith("-" + customer))
                .count();
    }

    private void customer(int id, String gateway, String method) {
        jdbc.update(
                "INSERT INTO customer (id, name, email, country, billing_currency, status, created_at, preferred_gateway) "
                        + "VALUES (?, ?, ?, 'US', 'USD', 'ACTIVE', NOW(6), ?)",
                id,
                "Customer " + id,
                "c" + id + "@example.com",
                gateway);
        jdbc.update(
                "INSERT INTO subscription (id, customer_id, plan_id, cycle, status, anchor_day, start_date, label, panel, panel_ref, created_at) "
                        + "VALUES (?, ?, 1, 'MONTHLY', 'ACTIVE', 1, '2026-11-01', ?, 'VIRTFUSION', ?, NOW(6))",
                100 + id,
                id,
                "vps-" + id,
                String.valueOf(500 + id));
        if (method != null) {
            jdbc.update(
                    "INSERT INTO gateway_customer (customer_id, gateway, gateway_customer_id, payment_method_id, updated_at) VALUES (?, ?, ?, ?, NOW(6))",
                    id,
                    gateway,
                    ("PAYPAL".equals(gateway) ? "PPCUS-" : "cus_") + id,
                    method);
        }
    }

    @Test
    @Order(1)
    void aCaptureADeclineAPayerActionAPendingCaptureAnd500ThenSuccessEachChargeOnce() {
        jdbc.update("INSERT INTO product (id, code, name, kind, seller_entity_id) VALUES (1, 'vps', 'VPS', 'VPS', 1)");
        jdbc.update("INSERT INTO plan (id, product_id, code, name) VALUES (1, 1, 'vps-s', 'VPS S')");
        jdbc.update(
                "INSERT INTO plan_price (plan_id, currency, cycle, recurring_price, setup_fee) VALUES (1, 'USD', 'MONTHLY', 10, 0)");
        customer(1, "PAYPAL", "tok-good-1");
        customer(2, "PAYPAL", "tok-declined-2");
        customer(3, "PAYPAL", "tok-action-3");
        customer(4, "PAYPAL", "tok-pending-4");
        customer(5, "MANUAL", null);
        runner.run(InvoiceRunJobConfig.INVOICE_RUN, LocalDate.parse("2026-10-20"), "test");

        PAYPAL.failNext(1); // the first order answers 500; the SDK sends it again with the same PayPal-Request-Id
        JobExecution first = collect("2026-11-01");
        assertThat(summary(first))
                .isEqualTo(
                        "4 charged: 1 succeeded, 1 declined, 1 need the customer, 1 processing, 0 unknown (janitor); 1 without a saved card");
        assertThat(captures(1)).isEqualTo(1);
        PayPalStub.Capture capture = PAYPAL.captures.stream()
                .filter(c -> c.vaultId().equals("tok-good-1"))
                .findFirst()
                .orElseThrow();
        String key =
                jdbc.queryForObject("SELECT idempotency_key FROM payment_attempt WHERE customer_id = 1", String.class);
        assertThat(capture.requestId())
                .as("PayPal-Request-Id is the attempt's key")
                .isEqualTo(key);
        assertThat(capture.invoiceId())
                .as("so is the purchase unit's invoice id")
                .isEqualTo(key);
        assertThat(capture.value() + " " + capture.currency()).isEqualTo("10.00 USD");
        assertThat(invoice(1)).endsWith(" PAID 10.0000");
        assertThat(jdbc.queryForObject(
                        "SELECT CONCAT(method, ' ', amount, ' ', reference) FROM payment WHERE customer_id = 1",
                        String.class))
                .as("booked as PAYPAL with the capture's id")
                .isEqualTo("PAYPAL 10.0000 " + capture.id());
        assertThat(jdbc.queryForObject("SELECT fee FROM payment WHERE customer_id = 1", BigDecimal.class))
                .as("PayPal's fee from the capture's seller receivable breakdown: 3.49 % + 0.49")
                .isEqualByComparingTo("0.84");
        assertThat(jdbc.queryForList(
                        "SELECT CONCAT(customer_id, ' ', gateway, ' ', status, ' ', COALESCE(decline_code, '-')) FROM payment_attempt ORDER BY customer_id",
                        String.class))
                .containsExactly(
                        "1 PAYPAL SUCCEEDED -",
                        "2 PAYPAL DECLINED INSTRUMENT_DECLINED",
                        "3 PAYPAL REQUIRES_ACTION PAYER_ACTION_REQUIRED",
                        "4 PAYPAL PROCESSING -");
        assertThat(jdbc.queryForObject("SELECT action_url FROM payment_attempt WHERE customer_id = 3", String.class))
                .as("the customer approves at PayPal")
                .startsWith(PAYPAL.apiBase() + "/checkoutnow?token=ORDER-");
        assertThat(invoice(5)).as("MANUAL: nothing charged").endsWith(" ISSUED 0.0000");
        assertThat(STRIPE.requests.get())
                .as("no PayPal customer went to Stripe")
                .isZero();
        assertThat(mailSubjects())
                .contains(
                        "c1@example.com | Payment received for invoice "
                                + invoice(1).split(" ")[0],
                        "c2@example.com | Payment for invoice " + invoice(2).split(" ")[0] + " failed");
        assertThat(mailBody("c1@example.com", "Payment received")).contains("PayPal");

        int orders = PAYPAL.orderRequests.get();
        collect("2026-11-01");
        assertThat(PAYPAL.orderRequests.get())
                .as("a rerun of the day sends no order")
                .isEqualTo(orders);
    }

    @Test
    @Order(2)
    void aLostAnswerIsSettledByTheJanitorWithTheSameRequestIdAndOneCapture() {
        customer(6, "PAYPAL", "tok-good-6");
        runner.run(InvoiceRunJobConfig.INVOICE_RUN, LocalDate.parse("2026-10-21"), "test");
        PAYPAL.hangNext(3); // PayPal captures; the answer never arrives, nor to the SDK's two retries
        collect("2026-11-01");
        assertThat(attempt(6)).isEqualTo("PENDING");
        assertThat(captures(6)).isEqualTo(1);
        assertThat(invoice(6)).endsWith(" ISSUED 0.0000");

        collect("2026-11-01");
        assertThat(attempt(6))
                .as("the janitor waits for the attempt to be old enough")
                .isEqualTo("PENDING");
        clock.advance(Duration.ofMinutes(11));
        collect("2026-11-01");
        assertThat(attempt(6)).isEqualTo("SUCCEEDED");
        assertThat(invoice(6)).endsWith(" PAID 10.0000");
        assertThat(captures(6)).as("one capture at PayPal").isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM payment WHERE customer_id = 6", Long.class))
                .isEqualTo(1);
    }

    @Test
    @Order(3)
    void pastPayPalsRequestIdRetentionTheDuplicateInvoiceIdRefusesASecondCaptureAndTheAttemptIsHeld() {
        customer(7, "PAYPAL", "tok-good-7");
        runner.run(InvoiceRunJobConfig.INVOICE_RUN, LocalDate.parse("2026-10-21"), "test");
        PAYPAL.hangNext(3); // captured; the answer lost
        collect("2026-11-01");
        assertThat(attempt(7)).isEqualTo("PENDING");
        // the node stays down longer than PayPal keeps request ids: the resend is a new request to PayPal
        PAYPAL.forgetRequestIds();
        clock.advance(Duration.ofMinutes(11));
        collect("2026-11-01");
        assertThat(captures(7))
                .as("PayPal refused the second payment for the attempt's invoice id")
                .isEqualTo(1);
        assertThat(attempt(7))
                .as("unknown, held: never declined, never charged again")
                .isEqualTo("PENDING");
        assertThat(jdbc.queryForObject("SELECT message FROM payment_attempt WHERE customer_id = 7", String.class))
                .contains("DUPLICATE_INVOICE_ID");
        assertThat(invoice(7)).endsWith(" ISSUED 0.0000");
        assertThat(summary(collect("2026-11-02")))
                .as("the next day's attempt waits for this one")
                .contains("held back");
        assertThat(captures(7)).isEqualTo(1);
    }

    @Test
    @Order(4)
    void paypalsRateLimitIsWaitedOutAndEveryInvoiceChargedOnce() {
        for (int id = 10; id < 20; id++) {
            customer(id, "PAYPAL", "tok-good-" + id);
        }
        runner.run(InvoiceRunJobConfig.INVOICE_RUN, LocalDate.parse("2026-10-22"), "test");
        PAYPAL.limitPerSecond(3);
        try {
            collect("2026-11-03");
        } finally {
            PAYPAL.limitPerSecond(0);
        }
        assertThat(PAYPAL.rateLimited.get()).as("PayPal did answer 429").isPositive();
        for (int id = 10; id < 20; id++) {
            assertThat(captures(id)).as("customer " + id).isEqualTo(1);
            assertThat(attempt(id)).as("customer " + id).isEqualTo("SUCCEEDED");
        }
    }

    @Test
    @Order(5)
    void aRefundGoesBackToThePayPalCaptureLinkedToItsCreditNoteOnce() {
        String number = invoice(1).split(" ")[0];
        var refund = creditNotes.refund(
                number,
                CreditNoteKind.AMOUNT,
                null,
                new BigDecimal("4.00"),
                "two days of downtime",
                LocalDate.parse("2026-11-03"),
                "finance");
        assertThat(refund.status()).isEqualTo("SUCCEEDED");
        String capture = jdbc.queryForObject("SELECT reference FROM payment WHERE customer_id = 1", String.class);
        assertThat(PAYPAL.refunds).containsExactly(capture + " 4.00");
        assertThat(STRIPE.refunds).isEmpty();
        assertThat(jdbc.queryForObject(
                        "SELECT CONCAT(r.status, ' ', r.amount, ' ', r.gateway_ref) FROM payment_refund r",
                        String.class))
                .startsWith("SUCCEEDED 4.0000 REFUND-");
        collect("2026-11-03");
        assertThat(PAYPAL.refunds).hasSize(1);
    }

    @Test
    @Order(6)
    void theGatewayIsChosenPerCustomerAndAPayPalWalletIsLinkedByItsIdsOnly() {
        customer(30, "STRIPE", "pm_card_visa");
        payments.linkPayPal(30, "PPCUS-30", "tok-good-30", "admin");
        assertThat(jdbc.queryForObject("SELECT preferred_gateway FROM customer WHERE id = 30", String.class))
                .isEqualTo("PAYPAL");
        payments.linkCard(30, "cus_30", "pm_card_visa", "admin");
        assertThat(jdbc.queryForObject("SELECT preferred_gateway FROM customer WHERE id = 30", String.class))
                .as("a card linked is charged from now on")
                .isEqualTo("STRIPE");
        payments.linkPayPal(30, "PPCUS-30", "tok-good-30", "admin");
        assertThat(payments.prefer(30, "STRIPE", "admin")).isEqualTo("PAYPAL");
        assertThatThrownBy(() -> payments.prefer(30, "BITCOIN", "admin"))
                .hasMessage("a customer pays through one of [STRIPE, PAYPAL, CRYPTO, MANUAL], not 'BITCOIN'");
        assertThatThrownBy(() -> payments.linkPayPal(30, "PPCUS-30", "tok 1; DROP", "admin"))
                .hasMessageContaining("payment token id");
        assertThat(jdbc.queryForList(
                        "SELECT CONCAT(action, ' ', detail) FROM audit_log WHERE target = 'customer 30' ORDER BY id",
                        String.class))
                .containsExactly(
                        "paypal.link PPCUS-30 tok-good-30",
                        "card.link cus_30 pm_card_visa",
                        "paypal.link PPCUS-30 tok-good-30",
                        "gateway.prefer PAYPAL -> STRIPE");
        runner.run(InvoiceRunJobConfig.INVOICE_RUN, LocalDate.parse("2026-10-23"), "test");
        collect("2026-11-04");
        assertThat(invoice(30)).endsWith(" PAID 10.0000");
        assertThat(captures(30))
                .as("it chose Stripe again: its card was charged")
                .isZero();
        assertThat(jdbc.queryForObject("SELECT method FROM payment WHERE customer_id = 30", String.class))
                .isEqualTo("CARD");
    }

    /** What the ladder did to a customer by a day: its attempts, its invoices and its services. */
    private String state(int customer) {
        List<String> parts = new ArrayList<>();
        parts.add("attempts "
                + jdbc.queryForList(
                        "SELECT CONCAT(IF(i.late_fee_for_invoice_id IS NULL, 'inv', 'fee'), '#', a.attempt_no, ' ', a.status) "
                                + "FROM payment_attempt a JOIN invoice i ON i.id = a.invoice_id WHERE a.customer_id = ? ORDER BY a.id",
                        String.class,
                        customer));
        parts.add("invoices "
                + jdbc.queryForList(
                        "SELECT CONCAT(IF(late_fee_for_invoice_id IS NULL, 'inv', 'fee'), ' ', status, ' ', total) FROM invoice "
                                + "WHERE customer_id = ? ORDER BY id",
                        String.class,
                        customer));
        parts.add("service "
                + jdbc.queryForObject("SELECT status FROM subscription WHERE customer_id = ?", String.class, customer));
        return String.join("; ", parts);
    }

    @Test
    @Order(7)
    void theLadderIsTheSameWhateverTheGateway() {
        Map<String, Integer> customers = new LinkedHashMap<>();
        customers.put("STRIPE", 40);
        customers.put("PAYPAL", 41);
        customer(40, "STRIPE", "pm_card_chargeDeclined");
        customer(41, "PAYPAL", "tok-declined-41");
        runner.run(InvoiceRunJobConfig.INVOICE_RUN, LocalDate.parse("2026-10-24"), "test");
        // day → what each customer's ladder shows after that day's collect, dunning and outbox
        String[][] table = {
            {"2026-11-01", "attempts [inv#1 DECLINED]; invoices [inv ISSUED 10.0000]; service ACTIVE"},
            {"2026-11-02", "attempts [inv#1 DECLINED, inv#2 DECLINED]; invoices [inv ISSUED 10.0000]; service ACTIVE"},
            {
                "2026-11-04",
                "attempts [inv#1 DECLINED, inv#2 DECLINED, inv#3 DECLINED]; invoices [inv ISSUED 10.0000]; service ACTIVE"
            },
            {
                "2026-11-06",
                "attempts [inv#1 DECLINED, inv#2 DECLINED, inv#3 DECLINED]; invoices [inv ISSUED 10.0000, fee ISSUED 5.0000]; service SUSPENDED"
            },
            // the customer saves a method that works: the fee's next attempt, then the invoice's day 7 pay
            {
                "2026-11-07",
                "attempts [inv#1 DECLINED, inv#2 DECLINED, inv#3 DECLINED, fee#2 SUCCEEDED]; invoices [inv ISSUED 10.0000, fee PAID 5.0000]; service SUSPENDED"
            },
            {
                "2026-11-08",
                "attempts [inv#1 DECLINED, inv#2 DECLINED, inv#3 DECLINED, fee#2 SUCCEEDED, inv#4 SUCCEEDED]; invoices [inv PAID 10.0000, fee PAID 5.0000]; service ACTIVE"
            },
        };
        for (String[] row : table) {
            String day = row[0];
            if (day.equals("2026-11-07")) {
                jdbc.update("UPDATE gateway_customer SET payment_method_id = 'pm_card_visa' WHERE customer_id = 40");
                jdbc.update("UPDATE gateway_customer SET payment_method_id = 'tok-good-41' WHERE customer_id = 41");
            }
            collect(day);
            clock.advance(Duration.ofSeconds(1));
            assertThat(runner.run(DunningJobConfig.DUNNING, LocalDate.parse(day), "test")
                            .getStatus())
                    .isEqualTo(BatchStatus.COMPLETED);
            runner.run(OutboxJobConfig.OUTBOX, LocalDate.parse(day), "test");
            customers.forEach((gateway, id) ->
                    assertThat(state(id)).as(gateway + " on " + day).isEqualTo(row[1]));
        }
        assertThat(PANELS.calls.stream()
                        .map(PanelStub.Call::line)
                        .filter(l -> l.contains("/540/") || l.contains("/541/"))
                        .toList())
                .containsExactlyInAnyOrder(
                        "POST /vf/api/v1/servers/540/suspend Bearer vf-key",
                        "POST /vf/api/v1/servers/541/suspend Bearer vf-key",
                        "POST /vf/api/v1/servers/540/unsuspend Bearer vf-key",
                        "POST /vf/api/v1/servers/541/unsuspend Bearer vf-key");
        assertThat(mailSubjects().stream()
                        .filter(s -> s.startsWith("c40@"))
                        .map(s -> s.replaceAll("[A-Z]+-\\d{4}-\\d+", "N").replaceAll("vps-\\d+ \\(#\\d+\\)", "S"))
                        .sorted()
                        .toList())
                .as("the same notices")
                .isEqualTo(mailSubjects().stream()
                        .filter(s -> s.startsWith("c41@"))
                        .map(s -> s.replace("c41@", "c40@")
                                .replaceAll("[A-Z]+-\\d{4}-\\d+", "N")
                                .replaceAll("vps-\\d+ \\(#\\d+\\)", "S"))
                        .sorted()
                        .toList());
    }

    private List<String> mailSubjects() {
        List<String> out = new ArrayList<>();
        try {
            for (jakarta.mail.internet.MimeMessage m : MAIL.getReceivedMessages()) {
                out.add(m.getAllRecipients()[0] + " | " + m.getSubject());
            }
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
        return out;
    }

    private String mailBody(String to, String subjectStart) {
        try {
            for (jakarta.mail.internet.MimeMessage m : MAIL.getReceivedMessages()) {
                if (m.getAllRecipients()[0].toString().equals(to)
                        && m.getSubject().startsWith(subjectStart)) {
                    return String.valueOf(m.getContent());
                }
            }
        } catch (jakarta.mail.MessagingException | java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        return "";
    }
}
