package com.ezscale.billing.app.run;

/** Runs a {@code job_request} (a jobs node's part of {@link OnDemandJob}). */
public interface JobRequestHandler {

    void handle(long requestId);
}
