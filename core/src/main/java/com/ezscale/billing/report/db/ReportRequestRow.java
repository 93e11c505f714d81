package com.ezscale.billing.report.db;

import java.time.Instant;
import java.util.Set;

/**
 * A report asked for in the portal and how far it is: the request, the execution writing it (its
 * rows read and written so far), and its file once written.
 */
public record ReportRequestRow(
        long id,
        String requestedBy,
        Instant requestedAt,
        String status,
        String parameters,
        String message,
        Long executionId,
        String executionStatus,
        long rowsRead,
        long rowsWritten,
        Long outputId,
        String fileName,
        Long sizeBytes) {

    /** A Spring Batch status after which an execution writes nothing more. */
    private static final Set<String> ENDED = Set.of("COMPLETED", "FAILED", "STOPPED", "ABANDONED", "UNKNOWN");

    /** The report's parameters on one line: {@code currency=EUR format=xlsx report=revenue ...}. */
    public String describe() {
        return parameters == null ? "" : parameters.strip().replace('\n', ' ');
    }

    /**
     * Still under way: the request has no final outcome, or its execution has not ended. The file is
     * stored by the job's step, just before its execution completes, so a stored file alone does not
     * end it (the portal's table would stop refreshing with the execution still STARTED).
     */
    public boolean running() {
        if ("REFUSED".equals(status) || "FAILED".equals(status) || "DONE".equals(status)) {
            return false;
        }
        return executionStatus == null ? outputId == null : !ENDED.contains(executionStatus);
    }
}
