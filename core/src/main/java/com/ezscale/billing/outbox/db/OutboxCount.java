package com.ezscale.billing.outbox.db;

/** How many outbox rows of a channel are in a status. */
public record OutboxCount(String channel, String status, long rowCount) {}
