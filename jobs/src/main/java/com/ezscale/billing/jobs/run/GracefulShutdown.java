package com.ezscale.billing.jobs.run;

import com.ezscale.billing.app.run.JobControl;
import com.ezscale.billing.audit.db.AuditMapper;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationListener;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.stereotype.Component;

/**
 * What a node does when it is told to stop (SIGTERM: the JVM's shutdown hook closes the context),
 * before anything else closes: its Quartz scheduler goes to standby (it fires nothing more), it
 * starts no job, each execution it runs is asked to stop at its next chunk boundary (the chunk in
 * progress commits; the execution ends STOPPED, restartable where it stopped), and it waits up to
 * {@code ezscale.jobs.shutdown-timeout} for them. On a {@code serve} node each execution so stopped
 * is then asked to be restarted through the clustered Quartz store: another node restarts it at
 * once, or this one when it starts again. An execution that did not stop in time is left to
 * {@link ExecutionRecovery} (its owner is gone once the JVM exits).
 */
@Component
public class GracefulShutdown implements ApplicationListener<ContextClosedEvent> {

    static final String ACTOR = "system:shutdown";
    private static final Logger log = LoggerFactory.getLogger(GracefulShutdown.class);

    private final ApplicationContext context;
    private final ObjectProvider<Scheduler> schedulers;
    private final ObjectProvider<JobControl> control;
    private final JobNode node;
    private final JobRepository repository;
    private final AuditMapper audit;
    private final Clock clock;
    private final Duration timeout;

    public GracefulShutdown(
            ApplicationContext context,
            ObjectProvider<Scheduler> schedulers,
            ObjectProvider<JobControl> control,
            JobNode node,
            JobRepository repository,
            AuditMapper audit,
            Clock clock,
            @Value("${ezscale.jobs.shutdown-timeout:PT60S}") Duration timeout) {
        this.context = context;
        this.schedulers = schedulers;
        this.control = control;
        this.node = node;
        this.repository = repository;
        this.audit = audit;
        this.clock = clock;
        this.timeout = timeout;
    }

    @Override
    public void onApplicationEvent(ContextClosedEvent event) {
        if (event.getApplicationContext() != context) {
            return; // a child's (the management server's)
        }
        node.close();
        boolean scheduling = standby();
        Set<Long> running = node.runningHere();
        if (running.isEmpty()) {
            return;
        }
        log.info("shutting down: stopping executions {} at their next chunk boundary (up to {})", running, timeout);
        for (long id : running) {
            try {
                JobExecution execution = repository.getJobExecution(id);
                if (execution != null && execution.isRunning()) {
                    audit.insert(
                            clock.instant(),
                            ACTOR,
                            "job.stop",
                            execution.getJobInstance().getJobName(),
                            "execution=" + id + " (node shutting down)");
                    JobRunner.requestStop(repository, execution);
                }
            } catch (Exception e) {
                log.warn("could not ask execution {} to stop: {}", id, e.getMessage());
            }
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!node.runningHere().isEmpty() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        List<Long> stopped = new ArrayList<>();
        for (long id : running) {
            JobExecution execution = repository.getJobExecution(id);
            if (execution != null && execution.getStatus() == BatchStatus.STOPPED) {
                stopped.add(id);
            }
        }
        Set<Long> left = node.runningHere();
        if (!left.isEmpty()) {
            log.warn(
                    "shutting down with executions {} still running after {}: recovered by the next node",
                    left,
                    timeout);
        }
        log.info("executions {} stopped where their last chunk committed", stopped);
        JobControl jobs = control.getIfAvailable();
        if (scheduling && jobs != null) {
            for (long id : stopped) {
                try {
                    long request = jobs.restart(id, ACTOR);
                    log.info("execution {} is to be restarted by the next free serve node (request {})", id, request);
                } catch (RuntimeException e) {
                    log.warn("could not ask for execution {} to be restarted: {}", id, e.getMessage());
                }
            }
        }
    }

    /** Quartz fires nothing more on this node; true when it was a running scheduler (a serve node). */
    private boolean standby() {
        Scheduler scheduler = schedulers.getIfAvailable();
        try {
            if (scheduler != null && scheduler.isStarted() && !scheduler.isShutdown() && !scheduler.isInStandbyMode()) {
                scheduler.standby();
                return true;
            }
        } catch (SchedulerException e) {
            log.warn("could not put the scheduler in standby: {}", e.getMessage());
        }
        return false;
    }
}
