package com.ezscale.billing.jobs.collection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.ezscale.billing.app.creditnote.CreditNoteService;
import com.ezscale.billing.app.payment.Payments;
import com.ezscale.billing.creditnote.CreditNoteKind;
import com.ezscale.billing.jobs.invoice.InvoiceRunJobConfig;
import com.ezscale.billing.jobs.outbox.OutboxJobConfig;
import com.ezscale.billing.jobs.run.JobRunner;
import com.ezscale.billing.jobs.testing.MutableClock;
import com.ezscale.billing.testing.DatabaseTest;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.internet.MimeMessage;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
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
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * collect through the real stripe-java client against a local stub that answers as Stripe does:
 * a success, a decline, a card that needs the customer, a 500 then success with the same
 * idempotency key (one charge), a timeout settled later by the janitor (one charge), reruns that
 * charge nothing more.
 */
@Import(MutableClock.Config.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StripeCollectTest extends DatabaseTest {

    @RegisterExtension
    static final GreenMailExtension MAIL =
            new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort()).withPerMethodLifecycle(false);

    static final StripeStub STRIPE = new StripeStub();
    static final MockWebServer SERVER = STRIPE.start();

    @DynamicPropertySource
    static void stripe(DynamicPropertyRegistry registry) {
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> MAIL.getSmtp().getPort());
        registry.add("ezscale.stripe.api-key", () -> "sk_test_stub");
        registry.add("ezscale.stripe.api-base", () -> StripeStub.apiBase(SERVER));
        registry.add("ezscale.stripe.timeout", () -> "PT1S");
        registry.add("ezscale.stripe.max-network-retries", () -> "2");
        registry.add("ezscale.collection.portal-url", () -> "https://portal.example/");
    }

    @AfterAll
    static void stop() {
        SERVER.close();
    }

    @Autowired
    JobRunner runner;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    MutableClock clock;

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

    private List<String> subjects() throws Exception {
        List<String> out = new ArrayList<>();
        for (MimeMessage m : MAIL.getReceivedMessages()) {
            out.add(m.getAllRecipients()[0] + " | " + m.getSubject());
        }
        return out;
    }

    private void customer(int id, String paymentMethod) {
        jdbc.update(
                "INSERT INTO customer (id, name, email, country, billing_currency, status, created_at) VALUES (?, ?, ?, 'US', 'USD', 'ACTIVE', NOW(6))",
                id,
                "Customer " + id,
                "c" + id + "@example.com");
        jdbc.update(
                "INSERT INTO subscription (id, customer_id, plan_id, cycle, status, anchor_day, start_date, created_at) VALUES "
                        + "(?, ?, 1, 'MONTHLY', 'ACTIVE', 1, '2026-11-01', NOW(6))",
                100 + id,
                id);
        if (paymentMethod != null) {
            jdbc.update(
                    "INSERT INTO gateway_customer (customer_id, gateway, gateway_customer_id, payment_method_id, updated_at) VALUES (?, 'STRIPE', ?, ?, NOW(6))",
                    id,
                    "cus_" + id,
                    paymentMethod);
        }
    }

    @Test
    @Order(1)
    void successDeclineActionAnd500ThenSuccessChargeOnceEach() throws Exception {
        jdbc.update("INSERT INTO product (id, code, name, kind, seller_entity_id) VALUES (1, 'vps', 'VPS', 'VPS', 1)");
        jdbc.update("INSERT INTO plan (id, product_id, code, name) VALUES (1, 1, 'vps-s', 'VPS S')");
        jdbc.update(
                "INSERT INTO plan_price (plan_id, currency, cycle, recurring_price, setup_fee) VALUES (1, 'USD', 'MONTHLY', 10, 0)");
        customer(1, "pm_card_visa");
        customer(2, "pm_card_chargeDeclined");
        customer(3, "pm_card_authenticationRequired");
        customer(4, null);
        runner.run(InvoiceRunJobConfig.INVOICE_RUN, LocalDate.parse("2026-10-20"), "test");

        assertThat(summary(collect("2026-10-31"))).as("nothing is due yet").startsWith("0 charged");
        STRIPE.failNext(1); // the first request answers 500; stripe-java retries it with the same idempotency key
        JobExecution first = collect("2026-11-01");
        assertThat(summary(first))
                .isEqualTo(
                        "3 charged: 1 succeeded, 1 declined, 1 need the customer, 0 processing, 0 unknown (janitor); 1 without a saved card");
        assertThat(STRIPE.charges).hasSize(1);
        assertThat(STRIPE.charges.get(0).amount()).isEqualTo(1000);
        assertThat(STRIPE.charges.get(0).idempotencyKey())
                .isEqualTo(jdbc.queryForObject(
                        "SELECT idempotency_key FROM payment_attempt WHERE customer_id = 1", String.class));
        assertThat(invoice(1)).endsWith(" PAID 10.0000");
        assertThat(invoice(2)).endsWith(" ISSUED 0.0000");
        assertThat(jdbc.queryForObject(
                        "SELECT CONCAT(status, ' ', decline_code) FROM payment_attempt WHERE customer_id = 2",
                        String.class))
                .isEqualTo("DECLINED insufficient_funds");
        assertThat(jdbc.queryForObject(
                        "SELECT CONCAT(status, ' ', action_url) FROM payment_attempt WHERE customer_id = 3",
                        String.class))
                .isEqualTo("REQUIRES_ACTION https://portal.example/invoices/"
                        + invoice(3).split(" ")[0] + "/pay");
        assertThat(jdbc.queryForObject(
                        "SELECT CONCAT(method, ' ', amount, ' ', reference) FROM payment WHERE customer_id = 1",
                        String.class))
                .isEqualTo("CARD 10.0000 " + STRIPE.charges.get(0).id());
        assertThat(jdbc.queryForObject("SELECT fee FROM payment WHERE customer_id = 1", BigDecimal.class))
                .as("Stripe's fee from the charge's balance transaction: 2.9 % + 0.30")
                .isEqualByComparingTo("0.59");
        String n1 = invoice(1).split(" ")[0];
        String n2 = invoice(2).split(" ")[0];
        String n3 = invoice(3).split(" ")[0];
        assertThat(subjects())
                .containsExactlyInAnyOrder(
                        "c1@example.com | Payment received for invoice " + n1,
                        "c2@example.com | Payment for invoice " + n2 + " failed",
                        "c3@example.com | Please confirm the payment for invoice " + n3);

        int requests = STRIPE.requests.get();
        collect("2026-11-01");
        assertThat(STRIPE.requests.get())
                .as("a rerun of the day calls Stripe for nothing")
                .isEqualTo(requests);
        JobExecution retry = collect("2026-11-02");
        assertThat(summary(retry)).startsWith("2 charged: 0 succeeded, 1 declined, 1 need the customer");
        assertThat(jdbc.queryForList(
                        "SELECT CONCAT(customer_id, ':', attempt_no, ' ', status) FROM payment_attempt ORDER BY customer_id, attempt_no",
                        String.class))
                .containsExactly(
                        "1:1 SUCCEEDED", "2:1 DECLINED", "2:2 DECLINED", "3:1 REQUIRES_ACTION", "3:2 REQUIRES_ACTION");
        assertThat(STRIPE.charges).hasSize(1);
    }

    @Test
    @Order(2)
    void aTimeoutIsSettledByTheJanitorWithoutASecondCharge() {
        customer(5, "pm_card_visa");
        runner.run(InvoiceRunJobConfig.INVOICE_RUN, LocalDate.parse("2026-10-21"), "test");
        STRIPE.hangNext(3); // the charge is made but no answer arrives, nor to stripe-java's two retries
        assertThat(summary(collect("2026-11-02")))
                .startsWith("1 charged: 0 succeeded, 0 declined, 0 need the customer, 0 processing, 1 unknown");
        assertThat(STRIPE.charges.stream()
                        .filter(c -> c.customer().equals("cus_5"))
                        .count())
                .isEqualTo(1);
        assertThat(invoice(5)).endsWith(" ISSUED 0.0000");

        collect("2026-11-02");
        assertThat(invoice(5))
                .as("the janitor waits for the attempt to be old enough")
                .endsWith(" ISSUED 0.0000");
        clock.advance(Duration.ofMinutes(11));
        collect("2026-11-02");
        assertThat(invoice(5)).endsWith(" PAID 10.0000");
        assertThat(STRIPE.charges.stream()
                        .filter(c -> c.customer().equals("cus_5"))
                        .count())
                .as("one charge at Stripe")
                .isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM payment WHERE customer_id = 5", Long.class))
                .isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT status FROM payment_attempt WHERE customer_id = 5", String.class))
                .isEqualTo("SUCCEEDED");
    }

    @Autowired
    CreditNoteService creditNotes;

    @Autowired
    Payments payments;

    @Test
    @Order(3)
    void aRefundGoesBackToTheCardLinkedToItsCreditNoteOnceAndASavedCardIsCharged() {
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
        assertThat(refund.note().settlement()).isEqualTo("REFUND");
        String charge = jdbc.queryForObject("SELECT reference FROM payment WHERE customer_id = 1", String.class);
        assertThat(STRIPE.refunds).containsExactly(charge + " 400");
        assertThat(jdbc.queryForObject(
                        "SELECT CONCAT(r.status, ' ', r.amount, ' ', n.number, ' ', n.settlement) FROM payment_refund r "
                                + "JOIN credit_note n ON n.id = r.credit_note_id",
                        String.class))
                .isEqualTo("SUCCEEDED 4.0000 " + refund.note().number() + " REFUND");
        assertThat(jdbc.queryForObject("SELECT refunded_amount FROM payment WHERE customer_id = 1", BigDecimal.class))
                .isEqualByComparingTo("4.00");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM credit_ledger WHERE customer_id = 1", Long.class))
                .as("back to the card, not to credit")
                .isZero();
        collect("2026-11-03"); // the janitor finds no pending refund: nothing sent again
        assertThat(STRIPE.refunds).hasSize(1);
        assertThatThrownBy(() -> creditNotes.refund(
                        number,
                        CreditNoteKind.AMOUNT,
                        null,
                        new BigDecimal("7.00"),
                        "more",
                        LocalDate.parse("2026-11-03"),
                        "finance"))
                .hasMessage("invoice " + number + " has 6.00 USD left to credit, less than 7.00 USD");
        String unpaid = invoice(2).split(" ")[0];
        assertThatThrownBy(() -> creditNotes.refund(
                        unpaid,
                        CreditNoteKind.AMOUNT,
                        null,
                        new BigDecimal("2.00"),
                        "nothing paid",
                        LocalDate.parse("2026-11-03"),
                        "finance"))
                .hasMessage("invoice " + unpaid
                        + ": 2.00 USD only reduces what is still owed; nothing was paid to refund (use credit-note)");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM credit_note", Long.class))
                .as("the refused refund left no credit note")
                .isEqualTo(1);

        // customer 4 saves a card: the next attempt of the ladder charges it
        payments.linkCard(4, "cus_4", "pm_card_visa", "admin");
        assertThatThrownBy(() -> payments.linkCard(4, "4242424242424242", null, "admin"))
                .hasMessageContaining("starts with cus_");
        collect("2026-11-04");
        assertThat(invoice(4)).endsWith(" PAID 10.0000");
        assertThat(jdbc.queryForObject("SELECT attempt_no FROM payment_attempt WHERE customer_id = 4", Integer.class))
                .as("day 3: attempt 3")
                .isEqualTo(3);
    }

    @Test
    @Order(4)
    void creditThatArrivedAfterIssuePaysFirstTheCardTheRest() {
        customer(6, "pm_card_visa");
        runner.run(InvoiceRunJobConfig.INVOICE_RUN, LocalDate.parse("2026-10-22"), "test");
        jdbc.update(
                "INSERT INTO credit_ledger (customer_id, currency, amount, reason, source_type, source_id, note, actor, created_at) "
                        + "VALUES (6, 'USD', 4.00, 'MANUAL', 'MANUAL', 6, 'goodwill', 'finance', NOW(6))");
        assertThat(summary(collect("2026-11-03"))).startsWith("1 charged: 1 succeeded");
        assertThat(STRIPE.charges.stream()
                        .filter(c -> c.customer().equals("cus_6"))
                        .map(StripeStub.Charge::amount)
                        .toList())
                .containsExactly(600L);
        assertThat(jdbc.queryForObject(
                        "SELECT CONCAT(status, ' ', amount_paid, ' ', credit_applied) FROM invoice WHERE customer_id = 6",
                        String.class))
                .isEqualTo("PAID 10.0000 4.0000");
        assertThat(jdbc.queryForObject("SELECT SUM(amount) FROM credit_ledger WHERE customer_id = 6", BigDecimal.class))
                .isEqualByComparingTo("0");
        collect("2026-11-04");
        assertThat(STRIPE.charges.stream()
                        .filter(c -> c.customer().equals("cus_6"))
                        .count())
                .isEqualTo(1);
    }

    /**
     * No card to charge: credit that reached the account after issue still pays the invoice on an
     * attempt day; an invoice whose customer has no credit is counted as having no card and waits.
     */
    @Test
    @Order(4)
    void withoutACardCreditThatArrivedAfterIssueStillPaysAndNoCreditLeavesTheInvoiceOpen() {
        customer(61, null);
        customer(62, null);
        customer(63, null);
        runner.run(InvoiceRunJobConfig.INVOICE_RUN, LocalDate.parse("2026-10-24"), "test");
        jdbc.update(
                "INSERT INTO credit_ledger (customer_id, currency, amount, reason, source_type, source_id, note, actor, created_at) "
                        + "VALUES (61, 'USD', 10.00, 'MANUAL', 'MANUAL', 61, 'goodwill', 'finance', NOW(6)),"
                        + " (63, 'EUR', 10.00, 'MANUAL', 'MANUAL', 63, 'credit in another currency', 'finance', NOW(6))");
        String summary = summary(collect("2026-11-03"));
        assertThat(summary).contains("; 2 without a saved card; 1 settled from account credit");
        assertThat(invoice(61)).endsWith(" PAID 10.0000");
        assertThat(invoice(62)).as("no credit, no card").endsWith(" ISSUED 0.0000");
        assertThat(invoice(63)).as("its credit is in euros").endsWith(" ISSUED 0.0000");
        assertThat(jdbc.queryForList(
                        "SELECT CONCAT(customer_id, ' ', currency, ' ', SUM(amount)) FROM credit_ledger"
                                + " WHERE customer_id IN (61, 63) GROUP BY customer_id, currency ORDER BY customer_id",
                        String.class))
                .containsExactly("61 USD 0.0000", "63 EUR 10.0000");
        assertThat(STRIPE.charges.stream()
                        .filter(c ->
                                c.customer().startsWith("cus_6") && c.customer().length() == 6)
                        .count())
                .isZero();
    }

    @Test
    @Order(5)
    void noNewAttemptWhileAnEarlierOneIsUnsettledWhateverItsAge() {
        customer(7, "pm_card_visa");
        runner.run(InvoiceRunJobConfig.INVOICE_RUN, LocalDate.parse("2026-10-23"), "test");
        STRIPE.hangNext(3); // Stripe charges the card; the answer never reaches us (nor stripe-java's retries)
        assertThat(summary(collect("2026-11-04")))
                .startsWith("1 charged: 0 succeeded, 0 declined, 0 need the customer, 0 processing, 1 unknown");
        assertThat(jdbc.queryForObject("SELECT status FROM payment_attempt WHERE customer_id = 7", String.class))
                .isEqualTo("PENDING");

        // an operator catches up the next ladder day at once, long before the janitor would look at the attempt
        JobExecution next = collect("2026-11-08");
        assertThat(summary(next)).contains("1 earlier attempt(s) of unknown outcome settled first");
        assertThat(STRIPE.charges.stream()
                        .filter(c -> c.customer().equals("cus_7"))
                        .count())
                .as("one charge at Stripe")
                .isEqualTo(1);
        assertThat(invoice(7)).endsWith(" PAID 10.0000");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM payment WHERE customer_id = 7", Long.class))
                .as("paid once")
                .isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM credit_ledger WHERE customer_id = 7", Long.class))
                .as("no overpayment")
                .isZero();
        assertThat(jdbc.queryForList(
                        "SELECT CONCAT(attempt_no, ' ', status) FROM payment_attempt WHERE customer_id = 7",
                        String.class))
                .containsExactly("3 SUCCEEDED");
    }

    @Test
    @Order(6)
    void anAttemptStripeNeverSawIsSentAgainWithItsKeyByTheJanitorWithoutWaitingOnItsOwnLock() {
        customer(8, "pm_card_visa");
        runner.run(InvoiceRunJobConfig.INVOICE_RUN, LocalDate.parse("2026-10-24"), "test");
        STRIPE.failNext(3); // 500 before Stripe records anything, to the request and both retries
        assertThat(summary(collect("2026-11-04")))
                .startsWith("1 charged: 0 succeeded, 0 declined, 0 need the customer, 0 processing, 1 unknown");
        assertThat(STRIPE.charges.stream()
                        .filter(c -> c.customer().equals("cus_8"))
                        .count())
                .as("Stripe never saw it")
                .isZero();
        String key =
                jdbc.queryForObject("SELECT idempotency_key FROM payment_attempt WHERE customer_id = 8", String.class);

        clock.advance(Duration.ofMinutes(11));
        long started = System.nanoTime();
        collect("2026-11-04"); // the janitor: not found at Stripe, sent again with the same key
        assertThat(Duration.ofNanos(System.nanoTime() - started))
                .as("no lock wait")
                .isLessThan(Duration.ofSeconds(20));
        assertThat(STRIPE.charges.stream()
                        .filter(c -> c.customer().equals("cus_8"))
                        .map(StripeStub.Charge::idempotencyKey)
                        .toList())
                .containsExactly(key);
        assertThat(invoice(8)).endsWith(" PAID 10.0000");
        assertThat(jdbc.queryForList(
                        "SELECT CONCAT(attempt_no, ' ', status) FROM payment_attempt WHERE customer_id = 8",
                        String.class))
                .containsExactly("3 SUCCEEDED");
    }

    @Test
    @Order(7)
    void theDatabaseRefusesASecondUnsettledAttemptOfAnInvoice() {
        long invoice = jdbc.queryForObject(
                "SELECT id FROM invoice WHERE customer_id = 2 AND late_fee_for_invoice_id IS NULL", Long.class);
        jdbc.update(
                "INSERT INTO payment_attempt (invoice_id, customer_id, attempt_no, gateway, idempotency_key, currency, amount, status, as_of, "
                        + "created_at, updated_at) VALUES (?, 2, 90, 'STRIPE', 'ezs-test-90', 'USD', 10, 'PENDING', '2026-11-05', NOW(6), NOW(6))",
                invoice);
        assertThatThrownBy(() -> jdbc.update(
                        "INSERT INTO payment_attempt (invoice_id, customer_id, attempt_no, gateway, idempotency_key, currency, "
                                + "amount, status, as_of, created_at, updated_at) VALUES (?, 2, 91, 'STRIPE', 'ezs-test-91', 'USD', 10, 'PROCESSING', '2026-11-05', "
                                + "NOW(6), NOW(6))",
                        invoice))
                .isInstanceOf(DuplicateKeyException.class);
        jdbc.update("DELETE FROM payment_attempt WHERE idempotency_key = 'ezs-test-90'");
    }

    @Test
    @Order(8)
    void stripesRateLimitIsWaitedOutAndEveryInvoiceChargedOnce() {
        for (int id = 20; id < 30; id++) {
            customer(id, "pm_card_visa");
        }
        runner.run(InvoiceRunJobConfig.INVOICE_RUN, LocalDate.parse("2026-10-26"), "test");
        STRIPE.limitPerSecond(3);
        try {
            collect("2026-11-07");
        } finally {
            STRIPE.limitPerSecond(0);
        }
        assertThat(STRIPE.rateLimited.get()).as("Stripe did answer 429").isPositive();
        for (int id = 20; id < 30; id++) {
            String cus = "cus_" + id;
            assertThat(STRIPE.charges.stream()
                            .filter(c -> c.customer().equals(cus))
                            .count())
                    .as(cus)
                    .isEqualTo(1);
            assertThat(invoice(id)).as(cus).endsWith(" PAID 10.0000");
        }
    }
}
