package com.ezscale.billing.jobs.outbox;

import com.ezscale.billing.app.outbox.OutboxWriter;
import com.ezscale.billing.app.panel.PanelAction;
import com.ezscale.billing.app.panel.Panels;
import com.ezscale.billing.audit.db.AuditMapper;
import com.ezscale.billing.document.db.StoredDocument;
import com.ezscale.billing.jobs.collection.CollectionProperties;
import com.ezscale.billing.outbox.db.OutboxMapper;
import com.ezscale.billing.outbox.db.OutboxRow;
import com.ezscale.billing.reports.pdf.Documents;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Carries out the outbox: one row per transaction, locked with {@code FOR UPDATE SKIP LOCKED} (nodes
 * share the work, never a row), the call made, the row marked DONE in the same transaction. A
 * failure is retried with the configured backoff; after the last attempt the row is EXHAUSTED and
 * the admins get an alert. A crash between a call and its commit repeats that one call (panels
 * take a repeated suspend as a no-op); nothing is ever lost.
 *
 * <p>Without a mail server ({@code spring.mail.host}) emails wait, untouched, and the run says so.
 */
@Component
public class OutboxProcessor {

    private static final Logger log = LoggerFactory.getLogger(OutboxProcessor.class);

    public record Result(int done, int retried, int exhausted, long emailsWaiting) {
        @Override
        public String toString() {
            return done + " done, " + retried + " to retry, " + exhausted + " exhausted"
                    + (emailsWaiting > 0
                            ? ", " + emailsWaiting + " emails waiting for a mail server (spring.mail.host)"
                            : "");
        }
    }

    private final OutboxMapper outbox;
    private final AuditMapper audit;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final ObjectProvider<JavaMailSender> mail;
    private final Panels panels;
    private final AdminAlerts alerts;
    private final CollectionProperties properties;
    private final OutboxWriter alertWriter;
    private final ObjectProvider<Documents> documents;
    private final WebhookSender webhooks;

    public OutboxProcessor(
            OutboxMapper outbox,
            AuditMapper audit,
            PlatformTransactionManager transactionManager,
            Clock clock,
            ObjectProvider<JavaMailSender> mail,
            Panels panels,
            AdminAlerts alerts,
            CollectionProperties properties,
            OutboxWriter alertWriter,
            ObjectProvider<Documents> documents,
            WebhookSender webhooks) {
        this.outbox = outbox;
        this.audit = audit;
        this.tx = new TransactionTemplate(transactionManager);
        this.tx.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        // a queue read with SKIP LOCKED by several nodes: READ COMMITTED takes no gap locks, so two nodes marking
        // their rows DONE never deadlock on the (status, next_attempt_at) index (REPEATABLE READ did, tested)
        this.tx.setIsolationLevel(TransactionDefinition.ISOLATION_READ_COMMITTED);
        this.clock = clock;
        this.mail = mail;
        this.panels = panels;
        this.alerts = alerts;
        this.properties = properties;
        this.alertWriter = alertWriter;
        this.documents = documents;
        this.webhooks = webhooks;
    }

    public Result processDue() {
        boolean mailReady = mail.getIfAvailable() != null;
        Result result = process(
                mailReady
                        ? List.of(OutboxWriter.PANEL, OutboxWriter.EMAIL, OutboxWriter.ALERT, OutboxWriter.WEBHOOK)
                        : List.of(OutboxWriter.PANEL, OutboxWriter.ALERT, OutboxWriter.WEBHOOK));
        return mailReady
                ? result
                : new Result(
                        result.done(), result.retried(), result.exhausted(), outbox.countPending(OutboxWriter.EMAIL));
    }

    /** Only the admin alerts (a failed job tells the admins at once, without sending everything else). */
    public Result processAlerts() {
        return process(List.of(OutboxWriter.ALERT));
    }

    private Result process(List<String> channels) {
        int done = 0;
        int retried = 0;
        int exhausted = 0;
        for (String channel : channels) {
            int transientFailures = 0;
            while (true) {
                AtomicReference<OutboxRow> carried = new AtomicReference<>();
                Outcome outcome;
                try {
                    outcome = tx.execute(status -> processOne(channel, carried));
                } catch (TransientDataAccessException e) {
                    if (++transientFailures > 5) {
                        throw e;
                    }
                    OutboxRow row = carried.get();
                    if (row == null) {
                        log.warn("outbox {}: {}; taking the next row", channel, e.getMessage());
                        continue; // nothing was carried out: the row is still due
                    }
                    // the call was made, its row not marked (the transaction failed after it): marked now, so the
                    // call is not made again
                    log.warn(
                            "outbox {} {} carried out, its row not marked ({}); marking it",
                            channel,
                            row.dedupeKey(),
                            e.getMessage());
                    tx.executeWithoutResult(status -> recordDone(row, row.attempts() + 1));
                    outcome = Outcome.DONE;
                }
                if (outcome == null) {
                    break;
                }
                switch (outcome) {
                    case DONE -> done++;
                    case RETRY -> retried++;
                    case EXHAUSTED -> exhausted++;
                }
            }
        }
        return new Result(done, retried, exhausted, 0);
    }

    private enum Outcome {
        DONE,
        RETRY,
        EXHAUSTED
    }

    private Outcome processOne(String channel, AtomicReference<OutboxRow> carried) {
        Instant now = clock.instant();
        List<OutboxRow> rows = outbox.lockDue(now, channel, 1);
        if (rows.isEmpty()) {
            return null;
        }
        OutboxRow row = rows.get(0);
        int attempts = row.attempts() + 1;
        try {
            carryOut(row);
        } catch (RuntimeException e) {
            String error = (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
            error = error.length() > 1000 ? error.substring(0, 1000) : error;
            if (attempts >= properties.outboxMaxAttempts()) {
                outbox.markFailed(row.id(), attempts, "EXHAUSTED", row.nextAttemptAt(), error);
                audit.insert(
                        clock.instant(), "outbox", "outbox.exhausted", row.channel() + " " + row.dedupeKey(), error);
                if (OutboxWriter.WEBHOOK.equals(row.channel())) {
                    // the customer's receiver failing is the customer's to see (its delivery log), not an admin alert
                    log.info(
                            "webhook {} failed {} times; the customer's delivery log shows it",
                            row.dedupeKey(),
                            attempts);
                } else if (!OutboxWriter.ALERT.equals(row.channel())) {
                    alertWriter.alert(
                            "ALERT:EXHAUSTED:" + row.id(),
                            row.channel().toLowerCase() + " " + row.action() + " failed " + attempts + " times",
                            "Outbox row " + row.id() + " (" + row.dedupeKey() + ") gave up after " + attempts
                                    + " attempts.\nLast error: " + error + "\nPayload: " + row.payload());
                } else {
                    log.error(
                            "admin alert {} could not be sent after {} attempts: {}", row.dedupeKey(), attempts, error);
                }
                return Outcome.EXHAUSTED;
            }
            outbox.markFailed(row.id(), attempts, "PENDING", now.plus(properties.backoff(attempts)), error);
            log.warn("outbox {} {} failed (attempt {}): {}", row.channel(), row.dedupeKey(), attempts, error);
            return Outcome.RETRY;
        }
        // carried out: a database failure from here is not the call's (it is not recorded as a failed attempt)
        carried.set(row);
        recordDone(row, attempts);
        return Outcome.DONE;
    }

    /** The row carried out: DONE, and a panel call audited. */
    private void recordDone(OutboxRow row, int attempts) {
        outbox.markDone(row.id(), attempts, clock.instant());
        if (OutboxWriter.PANEL.equals(row.channel())) {
            audit.insert(
                    clock.instant(),
                    "outbox",
                    "panel." + row.action().toLowerCase(),
                    "service " + row.subscriptionId(),
                    row.payload() + (row.invoiceId() == null ? "" : " invoice " + row.invoiceId()));
        }
    }

    private void carryOut(OutboxRow row) {
        Map<String, Object> payload = OutboxWriter.payload(row.payload());
        switch (row.channel()) {
            case OutboxWriter.EMAIL -> {
                String attach = (String) payload.get("attachInvoice");
                if (attach != null && documents.getIfAvailable() != null) {
                    // the invoice's PDF as issued (stored once, the same bytes whenever it is sent)
                    StoredDocument pdf = documents.getObject().pdf(attach);
                    JavaMailSender sender = mail.getObject();
                    MimeMessage message = sender.createMimeMessage();
                    try {
                        MimeMessageHelper helper = new MimeMessageHelper(message, true, "UTF-8");
                        helper.setFrom(properties.mailFrom());
                        helper.setTo((String) payload.get("to"));
                        helper.setSubject((String) payload.get("subject"));
                        helper.setText((String) payload.get("body"));
                        helper.addAttachment(
                                pdf.number() + ".pdf", new ByteArrayResource(pdf.content()), "application/pdf");
                    } catch (MessagingException e) {
                        throw new IllegalStateException("cannot build the email: " + e.getMessage(), e);
                    }
                    sender.send(message);
                    return;
                }
                SimpleMailMessage message = new SimpleMailMessage();
                message.setFrom(properties.mailFrom());
                message.setTo((String) payload.get("to"));
                message.setSubject((String) payload.get("subject"));
                message.setText((String) payload.get("body"));
                mail.getObject().send(message);
            }
            case OutboxWriter.PANEL ->
                panels.call(
                        (String) payload.get("panel"), PanelAction.valueOf(row.action()), (String) payload.get("ref"));
            case OutboxWriter.ALERT -> alerts.send((String) payload.get("subject"), (String) payload.get("body"));
            case OutboxWriter.WEBHOOK ->
                webhooks.deliver(
                        ((Number) payload.get("endpoint")).longValue(),
                        row.action(),
                        (String) payload.get("event"),
                        (String) payload.get("body"));
            default -> throw new IllegalStateException("unknown outbox channel " + row.channel());
        }
    }
}
