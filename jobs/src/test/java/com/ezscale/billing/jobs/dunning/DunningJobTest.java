package com.ezscale.billing.jobs.dunning;

import static org.assertj.core.api.Assertions.assertThat;

import com.ezscale.billing.app.payment.Payments;
import com.ezscale.billing.jobs.invoice.InvoiceRunJobConfig;
import com.ezscale.billing.jobs.run.JobRunner;
import com.ezscale.billing.jobs.testing.MutableClock;
import com.ezscale.billing.testing.DatabaseTest;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.internet.MimeMessage;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.batch.core.BatchStatus;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The ladder through the {@code dunning} job on a real database, a real SMTP server (GreenMail) and
 * local stubs of two panels: reminder, notice, warning, late fee invoice and suspension on their
 * days, each once across reruns; a partial payment keeps the ladder where it is; paying everything
 * unsuspends through the panels; an exempt group gets notices but no fee and no suspension.
 */
@Import(MutableClock.Config.class)
class DunningJobTest extends DatabaseTest {

    @RegisterExtension
    static final GreenMailExtension MAIL =
            new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort()).withPerMethodLifecycle(false);

    static final PanelStub PANELS = new PanelStub();
    static final MockWebServer PANEL = PANELS.start();

    @DynamicPropertySource
    static void endpoints(DynamicPropertyRegistry registry) {
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> MAIL.getSmtp().getPort());
        registry.add(
                "ezscale.panels.endpoints.virtfusion.base-url",
                () -> PANEL.url("/vf/api/v1").toString());
        registry.add("ezscale.panels.endpoints.virtfusion.api-key", () -> "vf-key");
        registry.add(
                "ezscale.panels.endpoints.pterodactyl.base-url",
                () -> PANEL.url("/ptero").toString());
        registry.add("ezscale.panels.endpoints.pterodactyl.api-key", () -> "ptla_key");
        registry.add("ezscale.collection.portal-url", () -> "https://portal.example/");
    }

    @AfterAll
    static void stop() {
        PANEL.close();
    }

    @Autowired
    JobRunner runner;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    Payments payments;

    @Autowired
    MutableClock clock;

    private void dunning(String day) {
        clock.advance(Duration.ofSeconds(1)); // a rerun is a new request
        assertThat(runner.run(DunningJobConfig.DUNNING, LocalDate.parse(day), "test")
                        .getStatus())
                .isEqualTo(BatchStatus.COMPLETED);
    }

    /** Every email received, as "recipients | subject" (GreenMail lists them per mailbox, not in sending order). */
    private List<String> mails() throws Exception {
        List<String> out = new ArrayList<>();
        for (MimeMessage m : MAIL.getReceivedMessages()) {
            out.add(Arrays.stream(m.getAllRecipients())
                            .map(Object::toString)
                            .reduce((a, b) -> a + "," + b)
                            .orElse("") + " | " + m.getSubject());
        }
        return out;
    }

    private static String subject(MimeMessage m) {
        try {
            return m.getSubject();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private long count(String sql) {
        return jdbc.queryForObject(sql, Long.class);
    }

    @Test
    void theLadderActsOnceOnEachDayAndAPaymentUnsuspends() throws Exception {
        jdbc.update("INSERT INTO product (id, code, name, kind, seller_entity_id) VALUES (1, 'vps', 'VPS', 'VPS', 1)");
        jdbc.update("INSERT INTO plan (id, product_id, code, name) VALUES (1, 1, 'vps-s', 'VPS S')");
        jdbc.update(
                "INSERT INTO plan_price (plan_id, currency, cycle, recurring_price, setup_fee) VALUES (1, 'USD', 'MONTHLY', 10, 0)");
        jdbc.update("INSERT INTO customer_group_policy (group_code, dunning_exempt) VALUES ('partners', TRUE)");
        jdbc.update(
                "INSERT INTO customer (id, name, email, country, billing_currency, status, created_at, customer_group) VALUES "
                        + "(1, 'Ada', 'ada@example.com', 'US', 'USD', 'ACTIVE', NOW(6), NULL), "
                        + "(2, 'Partner Co', 'ops@partner.example', 'US', 'USD', 'ACTIVE', NOW(6), 'partners')");
        // the partner chose to pay in crypto: its notices link to the invoice's crypto payment page
        jdbc.update("UPDATE customer SET preferred_gateway = 'CRYPTO' WHERE id = 2");
        jdbc.update(
                "INSERT INTO subscription (id, customer_id, plan_id, cycle, status, anchor_day, start_date, label, panel, panel_ref, created_at) VALUES "
                        + "(21, 1, 1, 'MONTHLY', 'ACTIVE', 1, '2026-11-01', 'vps-ada', 'VIRTFUSION', '121', NOW(6)), "
                        + "(22, 1, 1, 'MONTHLY', 'ACTIVE', 1, '2026-11-01', 'mc-ada', 'PTERODACTYL', '7', NOW(6)), "
                        + "(31, 2, 1, 'MONTHLY', 'ACTIVE', 1, '2026-11-01', 'vps-partner', 'VIRTFUSION', '131', NOW(6))");
        assertThat(runner.run(InvoiceRunJobConfig.INVOICE_RUN, LocalDate.parse("2026-10-20"), "test")
                        .getStatus())
                .isEqualTo(BatchStatus.COMPLETED);
        String ada = jdbc.queryForObject("SELECT number FROM invoice WHERE customer_id = 1", String.class);
        String partner = jdbc.queryForObject("SELECT number FROM invoice WHERE customer_id = 2", String.class);

        dunning("2026-10-24"); // 8 days before: nothing
        dunning("2026-10-25"); // 7 days before: reminders
        dunning("2026-11-02"); // first overdue notice
        dunning("2026-11-04"); // suspension warning (not for the exempt group)
        assertThat(mails())
                .containsExactlyInAnyOrder(
                        "ada@example.com | Invoice " + ada + " (20.00 USD) is due on 2026-11-01",
                        "ops@partner.example | Invoice " + partner + " (10.00 USD) is due on 2026-11-01",
                        "ada@example.com | Reminder: invoice " + ada + " is due on 2026-11-01",
                        "ops@partner.example | Reminder: invoice " + partner + " is due on 2026-11-01",
                        "ada@example.com | Overdue: invoice " + ada + " is 1 days past due",
                        "ops@partner.example | Overdue: invoice " + partner + " is 1 days past due",
                        "ada@example.com | Your services will be suspended on 2026-11-06");
        // the invoice-issued email carries the invoice's PDF as issued and links to its page; the others link to it too
        MimeMessage issued = Arrays.stream(MAIL.getReceivedMessages())
                .filter(m -> subject(m).startsWith("Invoice " + ada))
                .findFirst()
                .orElseThrow();
        jakarta.mail.internet.MimeMultipart parts = (jakarta.mail.internet.MimeMultipart) issued.getContent();
        String text = null;
        byte[] pdf = null;
        String pdfName = null;
        for (int i = 0; i < parts.getCount(); i++) {
            jakarta.mail.BodyPart part = parts.getBodyPart(i);
            if (part.getFileName() != null) {
                pdfName = part.getFileName();
                pdf = part.getInputStream().readAllBytes();
            } else {
                text = part.getContent() instanceof jakarta.mail.internet.MimeMultipart inner
                        ? (String) inner.getBodyPart(0).getContent()
                        : (String) part.getContent();
            }
        }
        assertThat(pdfName).isEqualTo(ada + ".pdf");
        assertThat(new String(pdf, 0, 5, java.nio.charset.StandardCharsets.US_ASCII))
                .isEqualTo("%PDF-");
        assertThat(pdf)
                .as("the stored document, byte for byte")
                .isEqualTo(jdbc.queryForObject("SELECT content FROM document WHERE number = ?", byte[].class, ada));
        assertThat(text).contains("https://portal.example/account/invoices/" + ada);
        MimeMessage overdue = Arrays.stream(MAIL.getReceivedMessages())
                .filter(m -> subject(m).startsWith("Overdue: invoice " + ada))
                .findFirst()
                .orElseThrow();
        assertThat((String) overdue.getContent())
                .contains("Pay it now: https://portal.example/account/invoices/" + ada)
                .doesNotContain("/pay/crypto");
        MimeMessage partnerOverdue = Arrays.stream(MAIL.getReceivedMessages())
                .filter(m -> subject(m).startsWith("Overdue: invoice " + partner))
                .findFirst()
                .orElseThrow();
        assertThat((String) partnerOverdue.getContent())
                .contains("Pay it now: https://portal.example/account/invoices/" + partner + "/pay/crypto");

        dunning("2026-11-06"); // late fee (minimum 5.00 > 10 % of 20.00) and suspension
        dunning("2026-11-06"); // rerun: nothing more
        assertThat(PANELS.calls.stream().map(PanelStub.Call::line).toList())
                .containsExactly(
                        "POST /vf/api/v1/servers/121/suspend Bearer vf-key",
                        "POST /ptero/api/application/servers/7/suspend Bearer ptla_key");
        assertThat(jdbc.queryForList(
                        "SELECT CONCAT(id, ' ', status, ' ', suspended_by) FROM subscription WHERE status = 'SUSPENDED' ORDER BY id",
                        String.class))
                .containsExactly("21 SUSPENDED DUNNING", "22 SUSPENDED DUNNING");
        String fee = jdbc.queryForObject(
                "SELECT CONCAT(number, ' ', status, ' ', total, ' ', due_date) FROM invoice WHERE late_fee_for_invoice_id IS NOT NULL",
                String.class);
        assertThat(fee).endsWith(" ISSUED 5.0000 2026-11-06");
        assertThat(jdbc.queryForObject(
                        "SELECT description FROM invoice_line l JOIN invoice i ON i.id = l.invoice_id WHERE i.late_fee_for_invoice_id IS NOT NULL",
                        String.class))
                .isEqualTo("Late fee on invoice " + ada + " (due 2026-11-01, 20.00 USD owed): 10%, at least 5.00 USD");
        assertThat(mails())
                .hasSize(9)
                .contains(
                        "ada@example.com | Service suspended: vps-ada (#21), mc-ada (#22)",
                        "ada@example.com | Invoice " + fee.split(" ")[0] + " (5.00 USD) is due on 2026-11-06");
        assertThat(jdbc.queryForList(
                        "SELECT d.step_key FROM dunning_step d JOIN invoice i ON i.id = d.invoice_id WHERE i.customer_id = 1 ORDER BY d.id",
                        String.class))
                .containsExactly("REMINDER", "NOTICE:1", "SUSPENSION_WARNING", "LATE_FEE", "SUSPEND");

        // a rerun of an earlier day changes nothing: the late fee invoice (issued on the 6th) did not exist on the 4th
        long steps = count("SELECT COUNT(*) FROM dunning_step");
        dunning("2026-11-04");
        assertThat(count("SELECT COUNT(*) FROM dunning_step")).isEqualTo(steps);
        assertThat(mails()).hasSize(9);

        // a partial payment leaves the ladder where it is: still suspended, the day-7 notice comes
        clock.set(Instant.parse("2026-11-07T09:00:00Z")); // finance records what the bank received today
        payments.record(
                ada, new BigDecimal("10.00"), "BANK_TRANSFER", "BANK-1", LocalDate.parse("2026-11-07"), "finance");
        dunning("2026-11-07");
        dunning("2026-11-08");
        assertThat(mails())
                .hasSize(13)
                .contains(
                        "ada@example.com | Overdue: invoice " + ada + " is 7 days past due",
                        "ada@example.com | Payment received for invoice " + ada);
        assertThat(count("SELECT COUNT(*) FROM subscription WHERE status = 'SUSPENDED'"))
                .isEqualTo(2);

        // the rest and the late fee paid: both services come back, through their panels, once
        clock.set(Instant.parse("2026-11-09T09:00:00Z"));
        payments.record(
                ada, new BigDecimal("10.00"), "BANK_TRANSFER", "BANK-2", LocalDate.parse("2026-11-09"), "finance");
        dunning("2026-11-09");
        assertThat(count("SELECT COUNT(*) FROM subscription WHERE status = 'SUSPENDED'"))
                .as("the late fee is still overdue")
                .isEqualTo(2);
        payments.record(
                fee.split(" ")[0],
                new BigDecimal("5.00"),
                "BANK_TRANSFER",
                "BANK-3",
                LocalDate.parse("2026-11-09"),
                "finance");
        dunning("2026-11-09");
        dunning("2026-11-10");
        assertThat(PANELS.calls.stream().map(PanelStub.Call::line).toList())
                .hasSize(4)
                .endsWith(
                        "POST /vf/api/v1/servers/121/unsuspend Bearer vf-key",
                        "POST /ptero/api/application/servers/7/unsuspend Bearer ptla_key");
        assertThat(count("SELECT COUNT(*) FROM subscription WHERE status = 'ACTIVE'"))
                .isEqualTo(3);
        assertThat(mails())
                .contains(
                        "ada@example.com | Service restored: vps-ada (#21)",
                        "ada@example.com | Service restored: mc-ada (#22)");
        assertThat(count("SELECT COUNT(*) FROM audit_log WHERE action LIKE 'panel.%'"))
                .isEqualTo(4);

        // the exempt partner: notices only, never a fee or a suspension, even on day 31
        dunning("2026-12-02");
        assertThat(count("SELECT COUNT(*) FROM subscription WHERE id = 31 AND status = 'ACTIVE'"))
                .isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM invoice WHERE late_fee_for_invoice_id IS NOT NULL"))
                .isEqualTo(1);
        assertThat(jdbc.queryForList(
                        "SELECT d.step_key FROM dunning_step d JOIN invoice i ON i.id = d.invoice_id WHERE i.customer_id = 2 ORDER BY d.id",
                        String.class))
                .containsExactly("REMINDER", "NOTICE:1", "NOTICE:7", "NOTICE:14");
    }
}
