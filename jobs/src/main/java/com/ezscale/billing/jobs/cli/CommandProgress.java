package com.ezscale.billing.jobs.cli;

import com.ezscale.billing.jobs.run.JobNode;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Progress of a long command on stderr, read from Spring Batch's tables while the command's jobs
 * run (so every job and step shows without touching them): the job and its asOf, the running step,
 * items done, their rate, and the ETA where the total is known (the demo's days, a step that knows
 * its items). On a terminal, one line refreshed every second; otherwise (a pipe, a log, CI) a plain
 * line every {@link #PLAIN_EVERY}, so a short command prints nothing and a log stays readable.
 */
final class CommandProgress implements AutoCloseable {

    static final Duration PLAIN_EVERY = Duration.ofSeconds(10);

    /** A step that knows how many items it will write puts the number here in its execution context. */
    static final String TOTAL = "ezscale.total";

    /** What a line says: the pure part, tested by a table. */
    record Snapshot(
            String job,
            String asOf,
            String step,
            long items,
            Duration stepElapsed,
            Long stepTotal,
            String outer,
            int outerDone,
            int outerTotal,
            Duration outerElapsed) {}

    static String line(Snapshot s) {
        StringBuilder b = new StringBuilder();
        if (s.outer() != null) {
            b.append(s.outer()).append(' ').append(s.outerDone()).append('/').append(s.outerTotal());
            String eta = eta(s.outerDone(), s.outerTotal(), s.outerElapsed());
            if (eta != null) {
                b.append(" (ETA ").append(eta).append(')');
            }
            if (s.job() != null) {
                b.append(" · ");
            }
        }
        if (s.job() != null) {
            b.append(s.job());
            if (s.asOf() != null) {
                b.append(' ').append(s.asOf());
            }
            if (s.step() != null) {
                b.append(": ").append(s.step()).append(' ').append(String.format(Locale.ROOT, "%,d", s.items()));
                if (s.stepTotal() != null && s.stepTotal() > 0) {
                    b.append(String.format(Locale.ROOT, "/%,d", s.stepTotal()));
                }
                b.append(" items");
                double seconds = s.stepElapsed().toMillis() / 1000.0;
                if (seconds >= 1 && s.items() > 0) {
                    b.append(String.format(Locale.ROOT, ", %,.0f/s", s.items() / seconds));
                }
                if (s.stepTotal() != null) {
                    String eta = eta(s.items(), s.stepTotal(), s.stepElapsed());
                    if (eta != null) {
                        b.append(", ETA ").append(eta);
                    }
                }
            }
        }
        return b.toString();
    }

    /** The time left at the rate so far; null until something is done. */
    static String eta(long done, long total, Duration elapsed) {
        if (done <= 0 || total <= done || elapsed.isZero()) {
            return done >= total && total > 0 ? "0s" : null;
        }
        long left = elapsed.toMillis() * (total - done) / done / 1000;
        return left >= 3600
                ? String.format(Locale.ROOT, "%dh%02dm", left / 3600, left % 3600 / 60)
                : left >= 60 ? String.format(Locale.ROOT, "%dm%02ds", left / 60, left % 60) : left + "s";
    }

    private final JobNode node;
    private final JobRepository repository;
    private final Clock clock;
    private final PrintStream out;
    private final boolean terminal;
    private final ScheduledExecutorService ticker;
    private final long started = System.nanoTime();
    private volatile String outer;
    private final AtomicInteger outerDone = new AtomicInteger();
    private volatile int outerTotal;
    private volatile long lastPlain = System.nanoTime();
    private volatile boolean printed;

    private CommandProgress(JobNode node, JobRepository repository, Clock clock, PrintStream out, boolean terminal) {
        this.node = node;
        this.repository = repository;
        this.clock = clock;
        this.out = out;
        this.terminal = terminal;
        this.ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "ezscale-progress");
            t.setDaemon(true);
            return t;
        });
    }

    /** Starts showing the progress of the jobs this command's context runs. */
    static CommandProgress start(ConfigurableApplicationContext context) {
        CommandProgress progress = new CommandProgress(
                context.getBean(JobNode.class),
                context.getBean(JobRepository.class),
                context.getBean(Clock.class),
                System.err,
                System.console() != null && !"false".equals(System.getenv("EZSCALE_PROGRESS")));
        progress.ticker.scheduleWithFixedDelay(progress::tick, 1, 1, TimeUnit.SECONDS);
        return progress;
    }

    /** An outer count the command knows (the demo's days): shown before the job, with its ETA. */
    void outer(String what, int total) {
        this.outer = what;
        this.outerTotal = total;
    }

    void outerDone(int done) {
        outerDone.set(done);
    }

    private void tick() {
        try {
            String text = line(snapshot());
            if (text.isEmpty()) {
                return;
            }
            if (terminal) {
                out.print("\r" + text + "\033[K");
                out.flush();
                printed = true;
            } else if (System.nanoTime() - lastPlain >= PLAIN_EVERY.toNanos()) {
                lastPlain = System.nanoTime();
                out.println("progress: " + text);
            }
        } catch (RuntimeException e) {
            // progress is a courtesy: never a reason for a command to fail
        }
    }

    private Snapshot snapshot() {
        Duration outerElapsed = Duration.ofNanos(System.nanoTime() - started);
        for (long id : node.runningHere()) {
            JobExecution execution = repository.getJobExecution(id);
            if (execution == null) {
                continue;
            }
            Object asOf = execution.getJobParameters().getParameter("asOf") == null
                    ? null
                    : execution.getJobParameters().getParameter("asOf").value();
            StepExecution running = null;
            for (StepExecution step : execution.getStepExecutions()) {
                if (step.getStatus().isRunning()) {
                    running = step;
                }
            }
            String job = execution.getJobInstance().getJobName();
            if (running == null) {
                return new Snapshot(
                        job,
                        asOf == null ? null : asOf.toString(),
                        null,
                        0,
                        Duration.ZERO,
                        null,
                        outer,
                        outerDone.get(),
                        outerTotal,
                        outerElapsed);
            }
            LocalDateTime stepStart = running.getStartTime();
            // Spring Batch stamps its times with the JVM's local zone
            Duration elapsed = stepStart == null
                    ? Duration.ZERO
                    : Duration.between(stepStart, LocalDateTime.now(clock.withZone(ZoneId.systemDefault())));
            Object total = running.getExecutionContext().get(TOTAL);
            return new Snapshot(
                    job,
                    asOf == null ? null : asOf.toString(),
                    running.getStepName(),
                    total instanceof Number
                            ? running.getWriteCount()
                            : Math.max(running.getReadCount(), running.getWriteCount()),
                    elapsed.isNegative() ? Duration.ZERO : elapsed,
                    total instanceof Number n ? n.longValue() : null,
                    outer,
                    outerDone.get(),
                    outerTotal,
                    outerElapsed);
        }
        return new Snapshot(null, null, null, 0, Duration.ZERO, null, outer, outerDone.get(), outerTotal, outerElapsed);
    }

    /** Runs {@code work} with the progress shown, and clears the line after. */
    static <T> T around(ConfigurableApplicationContext context, Supplier<T> work) {
        try (CommandProgress ignored = start(context)) {
            return work.get();
        }
    }

    @Override
    public void close() {
        ticker.shutdownNow();
        if (terminal && printed) {
            out.print("\r\033[K");
            out.flush();
        }
    }
}
