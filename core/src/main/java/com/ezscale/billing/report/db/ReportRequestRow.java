package com.ezscale.billing.report.db;

import java.time.Instant;

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

    /** The report's parameters on one line: {@code currency=EUR format=xlsx report=revenue ...}. */
    public String describe() {
        return parameters == null ? "" : parameters.strip().replace('\n', ' ');
    }

    /** Still to be written: neither a file nor a final outcome yet. */
    public boolean running() {
        return outputId == null
                && !"REFUSED".equals(status)
                && !"FAILED".equals(status)
                && !"FAILED".equals(executionStatus)
                && !"STOPPED".equals(executionStatus)
                && !"COMPLETED".equals(executionStatus);
    }
}
