package com.ezscale.billing.app.run;

import com.ezscale.billing.run.JobRequests;
import org.quartz.Job;
import org.quartz.JobExecutionContext;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The Quartz job of the portal's requests. It lives here, in core, because Quartz loads a job's
 * class to store a trigger for it, and the portal stores the triggers; it only fires on a
 * {@code serve} node, whose {@link JobRequestHandler} runs the request.
 */
public class OnDemandJob implements Job {

    @Autowired
    private ObjectProvider<JobRequestHandler> handler;

    @Override
    public void execute(JobExecutionContext context) {
        JobRequestHandler running = handler.getIfAvailable();
        if (running == null) {
            throw new IllegalStateException("this application cannot run job requests (not a jobs node)");
        }
        running.handle(context.getMergedJobDataMap().getLong(JobRequests.REQUEST));
    }
}
