package com.ezscale.billing.outbox.db;

import java.time.Instant;
import java.util.List;
import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;

@Mapper
public interface OutboxMapper {

    /** Adds the row unless its dedupe key is already there (then nothing changes: the effect exists once). */
    void insertIfAbsent(OutboxRow row);

    /**
     * Queues a customer's event for every enabled webhook of the customer that takes its type, one
     * WEBHOOK row each (dedupe key per endpoint and event: queued once whatever reruns). One
     * statement, no read: it batches inside a chunk. Returns the rows added.
     */
    default int insertWebhookEvents(long customerId, String type, String eventId, String body, Instant at) {
        return insertWebhookEventsOf(List.of(new WebhookEvent(customerId, type, eventId, body)), at);
    }

    /** A customer's event for its webhooks: the customer, the event's type and id, and its body (JSON). */
    record WebhookEvent(long customerId, String type, String eventId, String body) {}

    /**
     * {@link #insertWebhookEvents} for many events in one statement (a chunk's): the events go as one
     * JSON parameter, joined to the endpoints of their customers. Returns the rows added.
     */
    default int insertWebhookEventsOf(List<WebhookEvent> events, Instant at) {
        if (events.isEmpty()) {
            return 0;
        }
        return insertWebhookEventRows(
                com.ezscale.billing.persistence.JsonRows.of(events.stream()
                        .map(e -> List.<Object>of(e.customerId(), e.type(), e.eventId(), e.body()))
                        .toList()),
                at);
    }

    /** Those of the customers with an enabled webhook (a chunk's writer sends events only for them). */
    List<Long> selectCustomersWithWebhooks(@Param("customerIds") List<Long> customerIds);

    /** The statement behind {@link #insertWebhookEventsOf}: {@code events} is {@code [[customerId, type, eventId, body], ...]}. */
    int insertWebhookEventRows(@Param("events") String events, @Param("at") Instant at);

    /**
     * Pending rows due by {@code now}, locked; rows another node holds are skipped, and so is a panel
     * call while an earlier one for the same service is still pending (a service's calls keep their order).
     */
    List<OutboxRow> lockDue(@Param("now") Instant now, @Param("channel") String channel, @Param("limit") int limit);

    void markDone(@Param("id") long id, @Param("attempts") int attempts, @Param("at") Instant at);

    void markFailed(
            @Param("id") long id,
            @Param("attempts") int attempts,
            @Param("status") String status,
            @Param("nextAttemptAt") Instant nextAttemptAt,
            @Param("error") String error);

    long countPending(@Param("channel") String channel);

    /** Rows newest first, optionally of one status and channel, before the row {@code before} (keyset). */
    List<OutboxRow> selectPage(
            @Param("status") String status,
            @Param("channel") String channel,
            @Param("before") Long before,
            @Param("limit") int limit);

    /** An exhausted row tried again from now, its attempts counted afresh: 1 if it was exhausted. */
    int retryExhausted(@Param("id") long id, @Param("now") Instant now);

    /** Pending and exhausted rows per channel. */
    List<OutboxCount> selectUndoneCounts();
}
