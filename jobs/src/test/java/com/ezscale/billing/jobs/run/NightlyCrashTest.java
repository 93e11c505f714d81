package com.ezscale.billing.jobs.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.ezscale.billing.jobs.dunning.DunningJobConfig;
import com.ezscale.billing.jobs.invoice.InvoiceRunJobConfig;
import com.ezscale.billing.jobs.outbox.OutboxJobConfig;
import com.ezscale.billing.testing.TestDatabases;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * The nightly run killed with SIGKILL at random moments and recovered as the README says (run the
 * same command again) ends with the ledger of a run never interrupted. A child JVM runs {@code demo}
 * for a span of days on a seeded book (plan changes, coupons, account credit, cancellations,
 * customers who never pay, so dunning suspends, charges late fees and terminates; emails go to a
 * real SMTP server); the test watches Spring Batch's tables and kills the child a few milliseconds
 * after the step it aims at starts: generation (which issues each chunk's invoices in the chunk's
 * transaction, so a kill there lands in issuing too), dunning, the outbox, then others (the issue
 * step among them: it has only what generation left, and is over in milliseconds). After the
 * last kill the command runs to its end. Every table of the ledger then equals that of the same
 * command run once, uninterrupted, on another database; numbering has no gap; no execution is left
 * running.
 *
 * <p>Sizes from system properties (the larger run: {@code jobs/crash-test.sh}): {@code crash.customers}
 * (24), {@code crash.months} (2), {@code crash.kills} (6), {@code crash.seed} (11), {@code crash.as-of}.
 */
class NightlyCrashTest {

    static final int CUSTOMERS = Integer.getInteger("crash.customers", 24);
    static final int MONTHS = Integer.getInteger("crash.months", 2);
    static final int KILLS = Integer.getInteger("crash.kills", 6);
    static final long SEED = Long.getLong("crash.seed", 11);
    static final LocalDate AS_OF = LocalDate.parse(System.getProperty("crash.as-of", "2026-11-27"));

    /** Where kills must land (each at least once), then the others in turn. */
    static final List<String> MUST_HIT =
            List.of(InvoiceRunJobConfig.GENERATE_STEP, DunningJobConfig.DUNNING_STEP, OutboxJobConfig.OUTBOX_STEP);

    static final List<String> ALSO = List.of(
            InvoiceRunJobConfig.ISSUE_STEP,
            DunningJobConfig.ISSUE_LATE_FEES,
            DunningJobConfig.NOTIFY_ISSUED,
            InvoiceRunJobConfig.EXPIRE_STEP,
            DunningJobConfig.UNSUSPEND_STEP,
            "rateUsage",
            InvoiceRunJobConfig.REFERRALS_STEP);

    @RegisterExtension
    static final GreenMailExtension MAIL = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    private ChildJvm demo(String url, String name) throws Exception {
        return ChildJvm.start(
                Path.of("target", "crash-test", name + ".log"),
                List.of(
                        "demo",
                        "--customers",
                        Integer.toString(CUSTOMERS),
                        "--months",
                        Integer.toString(MONTHS),
                        "--seed",
                        Long.toString(SEED),
                        "--as-of",
                        AS_OF.toString(),
                        "--flows",
                        "0",
                        "--spring.datasource.url=" + url,
                        "--ezscale.embedded-db.enabled=false",
                        "--ezscale.billing.chunk-size=1",
                        "--ezscale.collection.chunk-size=1",
                        "--spring.mail.host=127.0.0.1",
                        "--spring.mail.port=" + MAIL.getSmtp().getPort()));
    }

    /**
     * One connection, kept: the watcher asks every millisecond near its aim, and a new connection per
     * question (a {@code DriverManagerDataSource}) cost the server and this JVM a login each time, CPU the
     * child JVMs on these 2 cores wait for.
     */
    private static JdbcTemplate jdbc(String url) {
        return new JdbcTemplate(new SingleConnectionDataSource(url, true));
    }

    /** A kill and where it landed: the steps running when the process died (none: between two). */
    record Kill(String aimedAt, List<String> runningSteps) {
        boolean hit() {
            return runningSteps.stream().anyMatch(s -> s.startsWith(aimedAt + " "));
        }
    }

    /**
     * Where and when to kill: a step of the nightly of {@code day} or later, once it committed
     * {@code commits} chunks (the outbox: while {@code commits} emails still wait), after {@code delayMillis}.
     */
    record Aim(String step, LocalDate day, int commits, int delayMillis) {}

    /**
     * Waits for {@code aim.step} to run in a nightly of {@code aim.day} or later with at least
     * {@code aim.commits} chunks committed ({@link #awaitStep}), lets it go on {@code aim.delayMillis},
     * kills the child, and says what was running then; null if the child ended first.
     */
    private static Kill killAt(ChildJvm child, JdbcTemplate db, Aim aim) throws Exception {
        if (!awaitStep(child, db, aim)) {
            return null;
        }
        Thread.sleep(aim.delayMillis());
        child.kill();
        List<String> running = db.queryForList("""
                SELECT CONCAT(s.STEP_NAME, ' (', j.JOB_NAME, ' ', COALESCE(p.PARAMETER_VALUE, '?'), ', ', s.COMMIT_COUNT, ' commits)')
                  FROM BATCH_STEP_EXECUTION s
                  JOIN BATCH_JOB_EXECUTION e ON e.JOB_EXECUTION_ID = s.JOB_EXECUTION_ID
                  JOIN BATCH_JOB_INSTANCE j ON j.JOB_INSTANCE_ID = e.JOB_INSTANCE_ID
                  LEFT JOIN BATCH_JOB_EXECUTION_PARAMS p ON p.JOB_EXECUTION_ID = e.JOB_EXECUTION_ID AND p.PARAMETER_NAME = 'asOf'
                 WHERE s.STATUS IN ('STARTING', 'STARTED')""", String.class);
        return new Kill(aim.step(), running);
    }

    /**
     * Waits for {@code aim.step} to run in a nightly of {@code aim.day} or later with at least
     * {@code aim.commits} chunks committed (the outbox: while {@code aim.commits} emails still
     * wait); false if the child ended first.
     */
    private static boolean awaitStep(ChildJvm child, JdbcTemplate db, Aim aim) throws Exception {
        long deadline = System.currentTimeMillis() + 600_000;
        // every 20 ms until the night before the aimed day has started, then every millisecond: the kill still lands
        // within a millisecond or two of the step's chunk, and the JVM start and the earlier nights are not watched at
        // a thousand questions a second
        boolean near = false;
        while (child.isAlive() && System.currentTimeMillis() < deadline) {
            if (!near) {
                try {
                    near = db.queryForObject(
                                    """
                            SELECT COUNT(*) FROM BATCH_JOB_EXECUTION_PARAMS p
                             WHERE p.PARAMETER_NAME = 'asOf' AND p.PARAMETER_VALUE >= ?""", Long.class, aim.day().minusDays(1).toString())
                            > 0;
                } catch (DataAccessException e) {
                    near = false; // the child has not created its tables yet
                }
                if (!near) {
                    Thread.sleep(20);
                    continue;
                }
            }
            long found;
            try {
                boolean outbox = aim.step().equals(OutboxJobConfig.OUTBOX_STEP);
                found = db.queryForObject("""
                        SELECT COUNT(*) FROM BATCH_STEP_EXECUTION s
                          JOIN BATCH_JOB_EXECUTION_PARAMS p ON p.JOB_EXECUTION_ID = s.JOB_EXECUTION_ID AND p.PARAMETER_NAME = 'asOf'
                         WHERE s.STEP_NAME = ? AND s.STATUS IN ('STARTING', 'STARTED') AND p.PARAMETER_VALUE >= ?
                           AND (CASE WHEN ? THEN (SELECT COUNT(*) FROM outbox WHERE channel = 'EMAIL' AND status = 'PENDING') ELSE s.COMMIT_COUNT END) >= ?""", Long.class, aim.step(), aim.day().toString(), outbox, aim.commits());
            } catch (DataAccessException e) {
                found = 0; // the child has not created its tables yet
            }
            if (found > 0) {
                return true;
            }
            Thread.sleep(1);
        }
        return false;
    }

    @Test
    void killedAtRandomMomentsAndRecoveredAsTheReadmeSaysTheLedgerIsThatOfAnUninterruptedRun() throws Exception {
        String referenceUrl = TestDatabases.newDatabaseUrl();
        String crashedUrl = TestDatabases.newDatabaseUrl();

        // the uninterrupted run goes on beside the killed ones (its own database), awaited before the comparison
        long referenceStarted = System.nanoTime();
        ChildJvm reference = demo(referenceUrl, "reference");
        long started;

        Random random = new Random(SEED);
        JdbcTemplate crashed = jdbc(crashedUrl);
        List<Kill> kills = new ArrayList<>();
        Set<String> hit = new LinkedHashSet<>();
        int others = 0;
        int placed = 0;
        // the kills spread over the span: each aims at a day a little further on (a miss of a step that must be hit
        // tries again there)
        LocalDate first = AS_OF.minusMonths(MONTHS);
        long span = ChronoUnit.DAYS.between(first, AS_OF);
        started = System.nanoTime();
        while ((kills.size() < KILLS || !hit.containsAll(MUST_HIT)) && kills.size() < KILLS * 3) {
            String step = MUST_HIT.stream()
                    .filter(s -> !hit.contains(s))
                    .findFirst()
                    .orElse(ALSO.get(others++ % ALSO.size()));
            LocalDate day = first.plusDays(Math.min(span - 1, span * placed / (KILLS + 1) + random.nextInt(3)));
            boolean chunked = List.of(InvoiceRunJobConfig.GENERATE_STEP, DunningJobConfig.DUNNING_STEP)
                    .contains(step);
            Aim aim = step.equals(OutboxJobConfig.OUTBOX_STEP)
                    ? new Aim(step, day, 3, random.nextInt(20))
                    : new Aim(
                            step,
                            day,
                            chunked ? 1 + random.nextInt(2) : 0,
                            chunked ? random.nextInt(4) : random.nextInt(25));
            ChildJvm child = demo(crashedUrl, "crashed-" + (kills.size() + 1));
            Kill kill = killAt(child, crashed, aim);
            if (kill == null) {
                assertThat(child.await(60))
                        .as("the child ended before it could be killed; log " + child.logFile())
                        .isZero();
                break;
            }
            kills.add(kill);
            if (kill.hit()) {
                hit.add(step);
            }
            if (kill.hit() || !MUST_HIT.contains(step)) {
                placed++;
            }
            assertThat(crashed.queryForObject(
                            "SELECT COUNT(*) FROM BATCH_JOB_EXECUTION WHERE STATUS IN ('STARTING', 'STARTED')",
                            Long.class))
                    .as("the killed process left its execution running")
                    .isPositive();
        }
        // then a graceful stop (SIGTERM, what a deploy sends) in the middle of an invoice generation: the node
        // starts nothing more, the execution stops where its last chunk committed (STOPPED, not left running),
        // the JVM exits in time, and the next run resumes it
        ChildJvm graceful = demo(crashedUrl, "crashed-graceful");
        LocalDate gracefulDay = AS_OF.minusDays(3);
        assertThat(awaitStep(graceful, crashed, new Aim(InvoiceRunJobConfig.GENERATE_STEP, gracefulDay, 1, 0)))
                .as("the graceful stop found generation running; log " + graceful.logFile())
                .isTrue();
        long asked = System.nanoTime();
        graceful.terminate();
        assertThat(graceful.await(90))
                .as("the node exits within its shutdown timeout after SIGTERM; log " + graceful.logFile())
                .isNotEqualTo(-1);
        System.out.printf("  graceful stop: exited %.1f s after SIGTERM%n", (System.nanoTime() - asked) / 1e9);
        assertThat(crashed.queryForObject(
                        "SELECT COUNT(*) FROM BATCH_JOB_EXECUTION WHERE STATUS IN ('STARTING', 'STARTED', 'STOPPING')",
                        Long.class))
                .as("nothing left running after a graceful stop")
                .isZero();
        assertThat(crashed.queryForObject(
                        "SELECT STATUS FROM BATCH_JOB_EXECUTION ORDER BY JOB_EXECUTION_ID DESC LIMIT 1", String.class))
                .isEqualTo("STOPPED");
        assertThat(crashed.queryForObject(
                        "SELECT COUNT(*) FROM audit_log WHERE action = 'job.stop' AND actor = 'system:shutdown'",
                        Long.class))
                .isEqualTo(1);
        ChildJvm last = demo(crashedUrl, "crashed-last");
        assertThat(last.await(900))
                .as("the run after the last kill; log " + last.logFile())
                .isZero();
        double crashedSeconds = (System.nanoTime() - started) / 1e9;
        assertThat(reference.await(900))
                .as("the uninterrupted run; log " + reference.logFile())
                .isZero();
        double referenceSeconds = (System.nanoTime() - referenceStarted) / 1e9;

        System.out.printf(
                "crash test: %d customers, %d months, %d kills (%d in the step aimed at), reference %.1f s, killed and recovered %.1f s%n",
                CUSTOMERS,
                MONTHS,
                kills.size(),
                kills.stream().filter(Kill::hit).count(),
                referenceSeconds,
                crashedSeconds);
        kills.forEach(k -> System.out.printf(
                "  aimed at %-22s killed in %s%n",
                k.aimedAt(), k.runningSteps().isEmpty() ? "(between steps)" : k.runningSteps()));

        assertThat(kills).as("kills").hasSizeGreaterThanOrEqualTo(KILLS);
        assertThat(hit)
                .as("kills landed inside generation (and its issuing), dunning and the outbox")
                .containsAll(MUST_HIT);

        JdbcTemplate uninterrupted = jdbc(referenceUrl);
        Map<String, List<String>> expected = LedgerSnapshot.of(uninterrupted);
        Map<String, List<String>> actual = LedgerSnapshot.of(crashed);
        System.out.println("  ledger compared: "
                + expected.entrySet().stream()
                        .map(e -> e.getValue().size() + " " + e.getKey())
                        .collect(Collectors.joining(", ")));
        for (String table : expected.keySet()) {
            assertThat(actual.get(table)).as(table).containsExactlyElementsOf(expected.get(table));
        }
        assertThat(expected.get("invoices")).as("the book has invoices").hasSizeGreaterThan(20);
        assertThat(expected.get("dunning steps"))
                .as("dunning acted")
                .anyMatch(s -> s.contains("LATE_FEE"))
                .anyMatch(s -> s.contains("SUSPEND"));
        assertThat(expected.get("plan changes")).as("plans changed").isNotEmpty();
        assertThat(expected.get("payments")).isNotEmpty();
        assertThat(expected.get("outbox")).anyMatch(s -> s.startsWith("EMAIL"));
        assertThat(LedgerSnapshot.gaps(crashed)).as("numbering has no gap").isEmpty();
        assertThat(crashed.queryForObject(
                        "SELECT COUNT(*) FROM BATCH_JOB_EXECUTION WHERE STATUS IN ('STARTING', 'STARTED', 'STOPPING')",
                        Long.class))
                .as("no execution left running")
                .isZero();
        assertThat(crashed.queryForObject("SELECT COUNT(*) FROM audit_log WHERE action = 'job.recover'", Long.class))
                .as("each kill was recovered, audited")
                .isEqualTo(kills.size());
    }
}
