package com.ezscale.billing.run;

/**
 * The contract between the portal, which asks for job runs, and the {@code serve} nodes, which run
 * them: a durable Quartz job ({@link #GROUP}/{@link #NAME}) that the nodes store at start (the jobs
 * they can run go to {@code runnable_job}: the portal cannot load the nodes' job classes), and a
 * one-shot trigger per request carrying the {@code job_request} row's id ({@link #REQUEST}).
 */
public final class JobRequests {

    public static final String GROUP = "billing";
    public static final String NAME = "on-demand";
    /** Trigger data: the {@code job_request} id. */
    public static final String REQUEST = "request";

    /** The job that writes one finance report for a staff member (its file kept in {@code report_output}). */
    public static final String FINANCE_REPORT = "financeReport";

    private JobRequests() {}

    /** A run's string parameters as stored in {@code job_request.parameters}: {@code name=value} lines, in name order. */
    public static String parameters(java.util.Map<String, String> parameters) {
        StringBuilder text = new StringBuilder();
        new java.util.TreeMap<>(parameters).forEach((name, value) -> {
            if (!name.matches("[A-Za-z][A-Za-z0-9]*") || value.contains("\n") || value.contains("\r")) {
                throw new IllegalArgumentException("parameter " + name + " cannot be stored as a line");
            }
            text.append(name).append('=').append(value).append('\n');
        });
        return text.isEmpty() ? null : text.toString();
    }

    /** The parameters {@link #parameters(java.util.Map)} stored; empty for null. */
    public static java.util.Map<String, String> parameters(String text) {
        java.util.Map<String, String> parameters = new java.util.TreeMap<>();
        if (text != null) {
            for (String line : text.split("\n")) {
                int eq = line.indexOf('=');
                if (eq > 0) {
                    parameters.put(line.substring(0, eq), line.substring(eq + 1));
                }
            }
        }
        return parameters;
    }

    public enum Action {
        RUN,
        RESTART,
        STOP
    }
}
