package com.ezscale.billing.app.run;

import com.ezscale.billing.run.JobRequests;
import org.quartz.Job;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
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

    /** The job as a serve node stores it at start ({@link JobRequests#GROUP}/{@link JobRequests#NAME}, durable). */
    public static JobDetail detail() {
        return JobBuilder.newJob(OnDemandJob.class)
                .withIdentity(JobRequests.NAME, JobRequests.GROUP)
                .withDescription("Runs a job, restarts or stops an execution as asked in the portal")
                .storeDurably()
                .requestRecovery()
                .build();
    }

    @Override
    public void execute(JobExecutionContext context) {
        JobRequestHandler running = handler.getIfAvailable();
        if (running == null) {
            throw new IllegalStateException("this application cannot run job requests (not a jobs node)");
        }
        running.handle(context.getMergedJobDataMap().getLong(JobRequests.REQUEST));
    }
}
