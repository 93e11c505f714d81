package com.ezscale.billing.run.db;

/**
 * A job execution's key on the executions page: its id, Spring Batch's optimistic-lock {@code VERSION} (moved by
 * every update of the execution, abandon and stop included) and whether it has ended.
 */
public record RunKey(long executionId, long version, boolean finished) {}
