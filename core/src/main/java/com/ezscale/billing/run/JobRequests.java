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

    private JobRequests() {}

    public enum Action {
        RUN,
        RESTART,
        STOP
    }
}
