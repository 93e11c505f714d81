package com.ezscale.billing.jobs.collection;

import static org.assertj.core.api.Assertions.assertThat;

import com.ezscale.billing.jobs.invoice.InvoiceRunJobConfig;
import com.ezscale.billing.jobs.run.JobRunner;
import com.ezscale.billing.jobs.testing.MutableClock;
import com.ezscale.billing.testing.DatabaseTest;
import com.ezscale.billing.testing.PayPalStub;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.batch.core.BatchStatus;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The process is killed (SIGKILL) between the gateway's success and our database write: {@code
 * collect} runs in a child JVM through the command line; the stub records the charge, then kills
 * the child before answering. The attempt is left PENDING; the next {@code collect} (its janitor)
 * settles it: Stripe's charge is found by its key; PayPal's order is asked for again with the same
 * PayPal-Request-Id, which PayPal answers with the capture it made. The invoice is paid once, the
 * gateway charged once.
 */
@Import(MutableClock.Config.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CollectCrashTest extends DatabaseTest {

    static final StripeStub STRIPE = new StripeStub();
    static final MockWebServer SERVER = STRIPE.start();

    static String apiBase() {
        return StripeStub.apiBase(SERVER);
    }

    static final PayPalStub PAYPAL = new PayPalStub();
    static final MockWebServer PAYPAL_SERVER = PAYPAL.start();

    @DynamicPropertySource
    static void stripe(DynamicPropertyRegistry registry) {
        registry.add("ezscale.stripe.api-key", () -> "sk_test_stub");
        registry.add("ezscale.stripe.api-base", CollectCrashTest::apiBase);
        registry.add("ezscale.paypal.client-id", () -> PayPalStub.CLIENT_ID);
        registry.add("ezscale.paypal.client-secret", () -> PayPalStub.CLIENT_SECRET);
        registry.add("ezscale.paypal.api-base", PAYPAL::apiBase);
    }

    @AfterAll
    static void stop() {
        SERVER.close();
        PAYPAL_SERVER.close();
    }

    /** {@code collect} in a child JVM through the command line, with both gateways pointed at their stubs. */
    private ProcessBuilder childCollect(String asOf, Path log) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(
                        java,
                        "-Djava.io.tmpdir=" + Path.of("target").toAbsolutePath(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        "com.ezscale.billing.jobs.cli.Main",
                        "run",
                        "collect",
                        "--as-of",
                        asOf,
                        "--spring.datasource.url=" + databaseUrl,
                        "--ezscale.embedded-db.enabled=false",
                        "--ezscale.stripe.api-key=sk_test_stub",
                        "--ezscale.stripe.api-base=" + apiBase(),
                        "--ezscale.stripe.max-network-retries=0",
                        "--ezscale.paypal.client-id=" + PayPalStub.CLIENT_ID,
                        "--ezscale.paypal.client-secret=" + PayPalStub.CLIENT_SECRET,
                        "--ezscale.paypal.api-base=" + PAYPAL.apiBase(),
                        "--ezscale.paypal.retries=0")
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
    }

    private static void kill(AtomicReference<Process> child) {
        child.get().destroyForcibly();
        try {
            child.get().waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Autowired
    JobRunner runner;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    MutableClock clock;

    @Value("${spring.datasource.url}")
    String databaseUrl;

    @Test
    @Order(1)
    void killedBetweenTheChargeAndOurWriteThenSettledOnce() throws Exception {
        jdbc.update("INSERT INTO product (id, code, name, kind, seller_entity_id) VALUES (1, 'vps', 'VPS', 'VPS', 1)");
        jdbc.update("INSERT INTO plan (id, product_id, code, name) VALUES (1, 1, 'vps-s', 'VPS S')");
        jdbc.update(
                "INSERT INTO plan_price (plan_id, currency, cycle, recurring_price, setup_fee) VALUES (1, 'USD', 'MONTHLY', 25, 0)");
        jdbc.update(
                "INSERT INTO customer (id, name, email, country, billing_currency, status, created_at) VALUES (1, 'Ada', 'ada@example.com', 'US', 'USD', 'ACTIVE', NOW(6))");
        jdbc.update(
                "INSERT INTO subscription (id, customer_id, plan_id, cycle, status, anchor_day, start_date, created_at) VALUES (21, 1, 1, 'MONTHLY', 'ACTIVE', 1, '2026-11-01', NOW(6))");
        jdbc.update(
                "INSERT INTO gateway_customer (customer_id, gateway, gateway_customer_id, payment_method_id, updated_at) VALUES (1, 'STRIPE', 'cus_1', 'pm_card_visa', NOW(6))");
        assertThat(runner.run(InvoiceRunJobConfig.INVOICE_RUN, LocalDate.parse("2026-10-20"), "test")
                        .getStatus())
                .isEqualTo(BatchStatus.COMPLETED);

        Path log = Files.createDirectories(Path.of("target", "crash-test")).resolve("child.log");
        ProcessBuilder builder = childCollect("2026-11-01", log);
        AtomicReference<Process> child = new AtomicReference<>();
        // Stripe has charged; the caller dies before it hears so
        STRIPE.afterCharge(charge -> kill(child));
        child.set(builder.start());
        assertThat(child.get().waitFor(120, TimeUnit.SECONDS))
                .as("child finished; log in " + log)
                .isTrue();
        assertThat(child.get().exitValue()).as("killed, not exited").isEqualTo(137);
        STRIPE.afterCharge(c -> {});

        assertThat(STRIPE.charges).hasSize(1);
        assertThat(jdbc.queryForObject(
                        "SELECT CONCAT(status, ' ', amount_paid) FROM invoice WHERE customer_id = 1", String.class))
                .isEqualTo("ISSUED 0.0000");
        assertThat(jdbc.queryForObject("SELECT status FROM payment_attempt", String.class))
                .isEqualTo("PENDING");

        // the next collect, once the attempt is old enough for the janitor
        clock.set(Instant.now().plus(Duration.ofMinutes(11)));
        assertThat(runner.run(CollectJobConfig.COLLECT, LocalDate.parse("2026-11-01"), "test")
                        .getStatus())
                .isEqualTo(BatchStatus.COMPLETED);
        clock.advance(Duration.ofSeconds(1));
        assertThat(runner.run(CollectJobConfig.COLLECT, LocalDate.parse("2026-11-02"), "test")
                        .getStatus())
                .isEqualTo(BatchStatus.COMPLETED);

        assertThat(jdbc.queryForObject(
                        "SELECT CONCAT(status, ' ', amount_paid) FROM invoice WHERE customer_id = 1", String.class))
                .isEqualTo("PAID 25.0000");
        assertThat(jdbc.queryForList("SELECT CONCAT(method, ' ', amount, ' ', reference) FROM payment", String.class))
                .containsExactly("CARD 25.0000 " + STRIPE.charges.get(0).id());
        assertThat(STRIPE.charges).as("one charge at Stripe").hasSize(1);
        assertThat(jdbc.queryForList("SELECT CONCAT(attempt_no, ' ', status) FROM payment_attempt", String.class))
                .containsExactly("1 SUCCEEDED");
    }

    @Test
    @Order(2)
    void killedBetweenPayPalsCaptureAndOurWriteThenSettledOnceWithTheSameRequestId() throws Exception {
        jdbc.update(
                "INSERT INTO customer (id, name, email, country, billing_currency, status, created_at, preferred_gateway) "
                        + "VALUES (2, 'Bo', 'bo@example.com', 'US', 'USD', 'ACTIVE', NOW(6), 'PAYPAL')");
        jdbc.update(
                "INSERT INTO subscription (id, customer_id, plan_id, cycle, status, anchor_day, start_date, created_at) VALUES (22, 2, 1, 'MONTHLY', 'ACTIVE', 1, '2026-12-01', NOW(6))");
        jdbc.update(
                "INSERT INTO gateway_customer (customer_id, gateway, gateway_customer_id, payment_method_id, updated_at) VALUES (2, 'PAYPAL', 'PPCUS-2', 'tok-bo', NOW(6))");
        clock.advance(Duration.ofSeconds(1));
        assertThat(runner.run(InvoiceRunJobConfig.INVOICE_RUN, LocalDate.parse("2026-11-20"), "test")
                        .getStatus())
                .isEqualTo(BatchStatus.COMPLETED);

        Path log = Files.createDirectories(Path.of("target", "crash-test")).resolve("child-paypal.log");
        AtomicReference<Process> child = new AtomicReference<>();
        // PayPal has captured; the caller dies before it hears so
        PAYPAL.afterCapture(capture -> kill(child));
        child.set(childCollect("2026-12-01", log).start());
        assertThat(child.get().waitFor(120, TimeUnit.SECONDS))
                .as("child finished; log in " + log)
                .isTrue();
        assertThat(child.get().exitValue()).as("killed, not exited").isEqualTo(137);
        PAYPAL.afterCapture(c -> {});
        assertThat(PAYPAL.captures).hasSize(1);
        assertThat(jdbc.queryForObject("SELECT status FROM payment_attempt WHERE customer_id = 2", String.class))
                .isEqualTo("PENDING");

        clock.set(Instant.now().plus(Duration.ofDays(1)));
        assertThat(runner.run(CollectJobConfig.COLLECT, LocalDate.parse("2026-12-01"), "test")
                        .getStatus())
                .isEqualTo(BatchStatus.COMPLETED);
        assertThat(jdbc.queryForObject(
                        "SELECT CONCAT(status, ' ', amount_paid) FROM invoice WHERE customer_id = 2 AND status <> 'DRAFT'",
                        String.class))
                .isEqualTo("PAID 25.0000");
        assertThat(PAYPAL.captures).as("one capture at PayPal").hasSize(1);
        assertThat(jdbc.queryForList(
                        "SELECT CONCAT(method, ' ', amount, ' ', reference) FROM payment WHERE customer_id = 2",
                        String.class))
                .containsExactly("PAYPAL 25.0000 " + PAYPAL.captures.get(0).id());
        assertThat(PAYPAL.captures.get(0).requestId())
                .isEqualTo(jdbc.queryForObject(
                        "SELECT idempotency_key FROM payment_attempt WHERE customer_id = 2", String.class));
    }
}
