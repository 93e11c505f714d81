package com.ezscale.billing.outbox.db;

import java.time.Instant;

/** One side effect waiting to be carried out (an email, a panel call, an alert). */
public class OutboxRow {
    public long id;
    public String dedupeKey;
    public String channel;
    public String action;
    public Long customerId;
    public Long subscriptionId;
    public Long invoiceId;
    public String payload;
    public String status;
    public int attempts;
    public Instant nextAttemptAt;
    public String lastError;
    public Instant createdAt;
}
