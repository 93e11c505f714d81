package com.ezscale.billing.app.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.ezscale.billing.audit.db.AuditMapper;
import com.ezscale.billing.rules.BillingRuleViolation;
import com.ezscale.billing.run.JobRequests;
import com.ezscale.billing.run.db.JobRequestRow;
import com.ezscale.billing.run.db.RunMapper;
import com.ezscale.billing.testing.MapperTest;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.quartz.Scheduler;
import org.quartz.impl.StdSchedulerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.test.context.transaction.TestTransaction;

/** The jobs the run form offers, and the check of a run request, against a real (in-memory, never started) Quartz. */
class JobControlTest extends MapperTest {

    static final Instant AT = Instant.parse("2026-12-01T02:00:00Z");
    static final long HOUR = 3_600_000_000_000L;

    @Autowired
    RunMapper runs;

    @Autowired
    AuditMapper audit;

    Scheduler scheduler;

    @BeforeEach
    void aServeNodeHasRegistered() throws Exception {
        Properties quartz = new Properties();
        quartz.setProperty("org.quartz.scheduler.instanceName", "job-control-test-" + System.nanoTime());
        quartz.setProperty("org.quartz.threadPool.threadCount", "1");
        quartz.setProperty("org.quartz.jobStore.class", "org.quartz.simpl.RAMJobStore");
        scheduler = new StdSchedulerFactory(quartz).getScheduler();
        scheduler.addJob(OnDemandJob.detail(), true);
        runs.insertRunnableJob("invoiceRun", AT);
        runs.insertRunnableJob(JobRequests.FINANCE_REPORT, AT);
    }

    @AfterEach
    void shutdown() throws Exception {
        scheduler.shutdown();
    }

    JobControl control(long offeredForNanos) {
        return control(offeredForNanos, JobControl.REQUESTS_FOR_NANOS);
    }

    JobControl control(long offeredForNanos, long requestsForNanos) {
        return new JobControl(
                new StaticListableBeanFactory(Map.of("scheduler", scheduler)).getBeanProvider(Scheduler.class),
                runs,
                audit,
                Clock.fixed(AT, ZoneOffset.UTC),
                offeredForNanos,
                requestsForNanos);
    }

    @Test
    void theRunFormOffersTheListItReadLastWhileItIsFreshAndARequestIsCheckedAgainstAFreshRead() {
        JobControl control = control(HOUR);
        assertThat(control.dayJobs()).as("the report is asked for elsewhere").containsExactly("invoiceRun");

        runs.insertRunnableJob("collect", AT); // a serve node of a newer release starts
        assertThat(control.dayJobs()).as("the list read a moment ago").containsExactly("invoiceRun");
        assertThat(control.run("collect", LocalDate.parse("2026-12-01"), "adam"))
                .as("a request for the new job: checked against the registry itself")
                .isPositive();
        assertThatThrownBy(() -> control.run("dunning", LocalDate.parse("2026-12-01"), "adam"))
                .isInstanceOf(BillingRuleViolation.class)
                .hasMessageContaining("'dunning' is not one of collect, invoiceRun");

        assertThat(control(0).dayJobs()).as("once stale, read again").containsExactly("collect", "invoiceRun");
    }

    @Test
    void anEmptyListIsNotKeptWhileTheFirstServeNodeStarts() {
        update("DELETE FROM runnable_job");
        JobControl control = control(HOUR);
        assertThat(control.dayJobs()).isEmpty();
        runs.insertRunnableJob("invoiceRun", AT);
        assertThat(control.dayJobs()).containsExactly("invoiceRun");
    }

    @Test
    void theRecentRequestsAreShownAgainWhileFreshAndARequestMadeHereAtOnce() {
        update("DELETE FROM job_request");
        JobControl control = control(HOUR, HOUR);
        long first = control.run("invoiceRun", LocalDate.parse("2026-12-01"), "adam");
        assertThat(control.recentRequests(10)).extracting(JobRequestRow::id).containsExactly(first);

        update("UPDATE job_request SET status = 'DONE' WHERE id = " + first); // a serve node ran it
        assertThat(control.recentRequests(10))
                .as("the list read a moment ago")
                .extracting(JobRequestRow::status)
                .containsExactly("REQUESTED");
        assertThat(control.recentRequests(50))
                .as("another limit: read")
                .extracting(JobRequestRow::status)
                .containsExactly("DONE");

        long second = control.run("invoiceRun", LocalDate.parse("2026-12-02"), "adam");
        assertThat(control.recentRequests(50))
                .as("a request made through this node: on the next read")
                .extracting(JobRequestRow::id)
                .containsExactly(second, first);

        update("UPDATE job_request SET status = 'DONE' WHERE id = " + second);
        assertThat(control(HOUR, 0).recentRequests(50))
                .as("once stale, read again")
                .extracting(JobRequestRow::status)
                .containsExactly("DONE", "DONE");
    }

    @Test
    void aRequestRolledBackIsNotShownFromMemory() {
        JobControl control = control(HOUR, HOUR);
        long asked = control.run("invoiceRun", LocalDate.parse("2026-12-03"), "adam");
        assertThat(control.recentRequests(10))
                .as("read inside the request's own transaction")
                .extracting(JobRequestRow::id)
                .contains(asked);

        TestTransaction.end(); // the request's transaction rolls back (the trigger could not be stored, say)
        TestTransaction.start();
        assertThat(control.recentRequests(10))
                .as("the list kept before the rollback is forgotten with it")
                .extracting(JobRequestRow::id)
                .doesNotContain(asked)
                .containsExactlyElementsOf(runs.selectJobRequests(10).stream()
                        .map(JobRequestRow::id)
                        .toList());
    }
}
