package com.ezscale.billing.outbox.db;

import java.time.Instant;
import java.util.List;
import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;

@Mapper
public interface OutboxMapper {

    /** Adds the row unless its dedupe key is already there (then nothing changes: the effect exists once). */
    void insertIfAbsent(@Param("r") OutboxRow row);

    /**
     * Queues a customer's event for every enabled webhook of the customer that takes its type, one
     * WEBHOOK row each (dedupe key per endpoint and event: queued once whatever reruns). One
     * statement, no read: it batches inside a chunk. Returns the rows added.
     */
    int insertWebhookEvents(
            @Param("customerId") long customerId,
            @Param("type") String type,
            @Param("eventId") String eventId,
            @Param("body") String body,
            @Param("at") java.time.Instant at);

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
