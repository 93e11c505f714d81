package com.ezscale.billing.outbox.db;

import static org.assertj.core.api.Assertions.assertThat;

import com.ezscale.billing.testing.MapperTest;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.jdbc.Sql;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

class OutboxMapperTest extends MapperTest {

    static final Instant T0 = Instant.parse("2026-11-20T02:00:00Z");

    @Autowired
    OutboxMapper outbox;

    @Autowired
    PlatformTransactionManager transactions;

    void add(String key, String channel, Long subscriptionId, Instant at) {
        outbox.insertIfAbsent(new OutboxRow(
                0,
                key,
                channel,
                channel.equals("PANEL") ? "SUSPEND" : "SEND",
                1L,
                subscriptionId,
                7L,
                "{\"k\":\"" + key + "\"}",
                "PENDING",
                0,
                at,
                null,
                at));
    }

    @Test
    void aMessageIsQueuedOnceAndDueMessagesComeInOrder() {
        add("EMAIL:REMINDER:7:1", "EMAIL", null, T0);
        add("EMAIL:REMINDER:7:1", "EMAIL", null, T0.plusSeconds(60));
        add("ALERT:X", "ALERT", null, T0.plusSeconds(1));
        assertThat(outbox.countPending("EMAIL")).isEqualTo(1);
        assertThat(outbox.lockDue(T0.plusSeconds(1), null, 10))
                .extracting(OutboxRow::dedupeKey)
                .containsExactly("EMAIL:REMINDER:7:1", "ALERT:X");
        assertThat(outbox.lockDue(T0, null, 10))
                .extracting(OutboxRow::dedupeKey)
                .containsExactly("EMAIL:REMINDER:7:1");
        assertThat(outbox.lockDue(T0.plusSeconds(1), "ALERT", 10))
                .extracting(OutboxRow::dedupeKey)
                .containsExactly("ALERT:X");

        OutboxRow email = outbox.lockDue(T0, "EMAIL", 1).get(0);
        assertThat(email.payload()).isEqualTo("{\"k\":\"EMAIL:REMINDER:7:1\"}");
        outbox.markFailed(email.id(), 1, "PENDING", T0.plusSeconds(300), "SMTP 421 try later");
        assertThat(outbox.lockDue(T0.plusSeconds(299), "EMAIL", 10)).isEmpty();
        OutboxRow retried = outbox.lockDue(T0.plusSeconds(300), "EMAIL", 10).get(0);
        assertThat(retried.attempts()).isEqualTo(1);
        assertThat(retried.lastError()).isEqualTo("SMTP 421 try later");
        outbox.markDone(email.id(), 2, T0.plusSeconds(301));
        assertThat(outbox.countPending("EMAIL")).isZero();
        assertThat(sql(
                        String.class,
                        "SELECT CONCAT(status, ' ', attempts, ' ', COALESCE(last_error, '-')) FROM outbox WHERE id = ?",
                        email.id()))
                .isEqualTo("DONE 2 -");
    }

    @Test
    void aServicesPanelCallsGoOutInTheOrderTheyWereDecided() {
        add("PANEL:SUSPEND:21:1", "PANEL", 21L, T0);
        add("PANEL:UNSUSPEND:21:1", "PANEL", 21L, T0);
        add("PANEL:SUSPEND:23:1", "PANEL", 23L, T0);
        assertThat(outbox.lockDue(T0, "PANEL", 10))
                .extracting(OutboxRow::dedupeKey)
                .containsExactly("PANEL:SUSPEND:21:1", "PANEL:SUSPEND:23:1");
        long suspend = outbox.lockDue(T0, "PANEL", 1).get(0).id();
        outbox.markFailed(suspend, 1, "PENDING", T0.plusSeconds(60), "panel down");
        assertThat(outbox.lockDue(T0.plusSeconds(30), "PANEL", 10))
                .as("the unsuspension waits for the suspension's retry")
                .extracting(OutboxRow::dedupeKey)
                .containsExactly("PANEL:SUSPEND:23:1");
        outbox.markDone(suspend, 2, T0.plusSeconds(60));
        assertThat(outbox.lockDue(T0.plusSeconds(60), "PANEL", 10))
                .extracting(OutboxRow::dedupeKey)
                .containsExactly("PANEL:UNSUSPEND:21:1", "PANEL:SUSPEND:23:1");
    }

    @Test
    void theAdminsPageAndTheRetryOfAnExhaustedRow() {
        add("EMAIL:A", "EMAIL", null, Instant.parse("2026-11-20T10:00:00Z"));
        add("PANEL:B", "PANEL", 5L, Instant.parse("2026-11-20T10:00:01Z"));
        long email = outbox.selectPage(null, "EMAIL", null, 10).get(0).id();
        outbox.markFailed(email, 8, "EXHAUSTED", Instant.parse("2026-11-21T10:00:00Z"), "smtp down");
        assertThat(outbox.selectPage(null, null, null, 10))
                .extracting(OutboxRow::dedupeKey)
                .containsExactly("PANEL:B", "EMAIL:A");
        assertThat(outbox.selectPage("EXHAUSTED", null, null, 10))
                .singleElement()
                .satisfies(r -> assertThat(r.lastError()).isEqualTo("smtp down"));
        assertThat(outbox.selectPage(null, null, email, 10)).isEmpty();
        Instant now = Instant.parse("2026-11-22T09:00:00Z");
        assertThat(outbox.retryExhausted(email, now)).isEqualTo(1);
        assertThat(outbox.retryExhausted(email, now))
                .as("pending again: not exhausted")
                .isZero();
        assertThat(outbox.selectPage("PENDING", "EMAIL", null, 10))
                .singleElement()
                .satisfies(r -> assertThat(r.attempts()).isZero())
                .satisfies(r -> assertThat(r.nextAttemptAt()).isEqualTo(now));
    }

    @Test
    void aCustomersEventIsQueuedOnceForEachEnabledWebhookThatTakesIt() {
        update(
                "INSERT INTO webhook_endpoint (id, customer_id, url, secret, events, enabled, created_by, created_at) VALUES"
                        + " (1, 1, 'https://a.example/hook', 'whsec_a', '*', TRUE, 'ada', NOW()),"
                        + " (2, 1, 'https://b.example/hook', 'whsec_b', 'invoice.paid,invoice.created', TRUE, 'ada', NOW()),"
                        + " (3, 1, 'https://c.example/hook', 'whsec_c', 'service.suspended', TRUE, 'ada', NOW()),"
                        + " (4, 1, 'https://d.example/hook', 'whsec_d', '*', FALSE, 'ada', NOW()),"
                        + " (5, 2, 'https://e.example/hook', 'whsec_e', '*', TRUE, 'bruno', NOW())");
        assertThat(outbox.insertWebhookEvents(1, "invoice.created", "evt_1", "{\"id\":\"evt_1\"}", T0))
                .as("the endpoints of customer 1 that are on and take it")
                .isEqualTo(2);
        assertThat(outbox.insertWebhookEvents(1, "invoice.created", "evt_1", "{\"id\":\"evt_1\"}", T0))
                .as("once")
                .isZero();
        assertThat(webhookRows())
                .containsExactly(
                        "WEBHOOK:1:evt_1 invoice.created 1 {\"id\":\"evt_1\"}",
                        "WEBHOOK:2:evt_1 invoice.created 1 {\"id\":\"evt_1\"}");
    }

    @Test
    void aChunksEventsAreQueuedInOneStatementForTheEndpointsOfTheirOwnCustomers() {
        update(
                "INSERT INTO webhook_endpoint (id, customer_id, url, secret, events, enabled, created_by, created_at) VALUES"
                        + " (1, 1, 'https://a.example/hook', 'whsec_a', '*', TRUE, 'ada', NOW()),"
                        + " (2, 2, 'https://b.example/hook', 'whsec_b', 'invoice.paid', TRUE, 'bruno', NOW()),"
                        + " (3, 2, 'https://c.example/hook', 'whsec_c', 'bandwidth.threshold_reached', TRUE, 'bruno', NOW())");
        List<OutboxMapper.WebhookEvent> events = List.of(
                new OutboxMapper.WebhookEvent(
                        1, "bandwidth.threshold_reached", "evt_a", "{\"n\":\"a \\\"quoted\\\"\"}"),
                new OutboxMapper.WebhookEvent(2, "bandwidth.threshold_reached", "evt_b", "{\"n\":\"b\"}"),
                new OutboxMapper.WebhookEvent(2, "invoice.paid", "evt_c", "{\"n\":\"c\"}"),
                new OutboxMapper.WebhookEvent(3, "invoice.paid", "evt_d", "{\"n\":\"d\"}"));
        assertThat(outbox.selectCustomersWithWebhooks(List.of(1L, 2L, 3L)))
                .as("customer 3 has none")
                .containsExactlyInAnyOrder(1L, 2L);
        assertThat(outbox.insertWebhookEventsOf(events, T0))
                .as("customer 1's catch-all, customer 2's two endpoints each for its own type; customer 3 has none")
                .isEqualTo(3);
        assertThat(outbox.insertWebhookEventsOf(events, T0)).as("once").isZero();
        assertThat(outbox.insertWebhookEventsOf(List.of(), T0)).isZero();
        assertThat(outbox.insertWebhookEventRows("[]", T0))
                .as("the statement itself, given no event")
                .isZero();
        assertThat(webhookRows())
                .containsExactly(
                        "WEBHOOK:1:evt_a bandwidth.threshold_reached 1 {\"n\":\"a \\\"quoted\\\"\"}",
                        "WEBHOOK:2:evt_c invoice.paid 2 {\"n\":\"c\"}",
                        "WEBHOOK:3:evt_b bandwidth.threshold_reached 2 {\"n\":\"b\"}");
        update("UPDATE webhook_endpoint SET enabled = FALSE WHERE customer_id = 2");
        assertThat(outbox.selectCustomersWithWebhooks(List.of(1L, 2L, 3L)))
                .as("customer 2's webhooks are off")
                .containsExactly(1L);
    }

    /** The queued webhook rows: dedupe key, event type, customer and the body as sent. */
    private List<String> webhookRows() {
        return jdbc.queryForList(
                "SELECT CONCAT(dedupe_key, ' ', action, ' ', customer_id, ' ', JSON_VALUE(payload, '$.body'))"
                        + " FROM outbox WHERE channel = 'WEBHOOK' ORDER BY dedupe_key",
                String.class);
    }

    @Test
    void whatIsUndoneIsCountedPerChannelAndStatus() {
        assertThat(outbox.selectUndoneCounts()).isEmpty();
        add("EMAIL:A", "EMAIL", null, T0);
        add("EMAIL:B", "EMAIL", null, T0);
        add("PANEL:C", "PANEL", 55L, T0);
        add("ALERT:D", "ALERT", null, T0);
        update("UPDATE outbox SET status = 'EXHAUSTED' WHERE dedupe_key = 'PANEL:C'");
        update("UPDATE outbox SET status = 'DONE' WHERE dedupe_key = 'ALERT:D'");
        assertThat(outbox.selectUndoneCounts())
                .containsExactly(new OutboxCount("EMAIL", "PENDING", 2), new OutboxCount("PANEL", "EXHAUSTED", 1));
    }

    /**
     * Two nodes carrying out the outbox at once: while one holds the row it is carrying out, the
     * other takes the next due row of its channel. The statement must lock only the row it returns.
     * Read through the (status, next_attempt_at) index, it locked every row it passed on the way,
     * of any channel, until its commit: a node making a panel call held all the emails due before
     * it, and the other node, skipping them, found nothing to send (CI saw one node send all 200
     * emails, and both send none).
     */
    @Test
    @Transactional(propagation = Propagation.NOT_SUPPORTED) // two real transactions on committed rows
    @Sql(statements = "DELETE FROM outbox WHERE dedupe_key LIKE '%:SHARED:%'") // not the shared fixture
    void aRowBeingCarriedOutByOneNodeLeavesTheNextDueRowToTheOther() throws Exception {
        try {
            for (int i = 0; i < 40; i++) {
                add("EMAIL:SHARED:" + i, "EMAIL", null, T0.plusMillis(i));
            }
            add("PANEL:SHARED:1", "PANEL", 1L, T0.plusSeconds(1));
            add("PANEL:SHARED:2", "PANEL", 1L, T0.plusSeconds(1)); // the same service's next call waits
            add("PANEL:SHARED:3", "PANEL", 3L, T0.plusSeconds(1));
            Instant now = T0.plusSeconds(2);
            assertThat(whileOtherHolds("PANEL", now, "EMAIL"))
                    .as("a panel call in progress holds no email")
                    .containsExactly("PANEL:SHARED:1", "EMAIL:SHARED:0");
            assertThat(whileOtherHolds("EMAIL", now, "EMAIL"))
                    .as("an email being sent leaves the next one")
                    .containsExactly("EMAIL:SHARED:0", "EMAIL:SHARED:1");
            assertThat(whileOtherHolds("PANEL", now, "PANEL"))
                    .as("the next service's call, not the held service's next one")
                    .containsExactly("PANEL:SHARED:1", "PANEL:SHARED:3");
        } finally {
            jdbc.update("DELETE FROM outbox WHERE dedupe_key LIKE '%:SHARED:%'");
        }
    }

    /**
     * What one node's transaction locks for {@code held} (kept open), then what another node's
     * takes for {@code taken} meanwhile, each as the processor asks: one row, READ COMMITTED.
     */
    private List<String> whileOtherHolds(String held, Instant now, String taken) throws Exception {
        TransactionTemplate node = new TransactionTemplate(transactions);
        node.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        node.setIsolationLevel(TransactionDefinition.ISOLATION_READ_COMMITTED);
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch done = new CountDownLatch(1);
        CompletableFuture<String> first = CompletableFuture.supplyAsync(() -> node.execute(status -> {
            String key = outbox.lockDue(now, held, 1).get(0).dedupeKey();
            holding.countDown();
            try {
                done.await(30, TimeUnit.SECONDS); // carrying it out while the other node looks
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return key;
        }));
        try {
            assertThat(holding.await(30, TimeUnit.SECONDS)).isTrue();
            List<String> second = node.execute(status -> outbox.lockDue(now, taken, 1).stream()
                    .map(OutboxRow::dedupeKey)
                    .toList());
            done.countDown();
            return Stream.concat(Stream.of(first.get(30, TimeUnit.SECONDS)), second.stream())
                    .toList();
        } finally {
            done.countDown();
        }
    }
}
