package com.ezscale.billing.jobs.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The jobs application's command line in a JVM of its own, as an operator runs it, so a test can
 * kill it with SIGKILL at any moment ({@link Process#destroyForcibly()} on Unix) and recover the way
 * the README says. Its output goes to a log file under {@code target/}.
 */
public final class ChildJvm {

    private final Process process;
    private final Path log;

    private ChildJvm(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /** Starts {@code Main} with the test's class path and these arguments (commands and {@code --spring.properties=...}). */
    public static ChildJvm start(Path log, List<String> args) throws IOException {
        Files.createDirectories(log.getParent());
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djava.io.tmpdir=" + Path.of("target").toAbsolutePath(),
                "-XX:TieredStopAtLevel=1",
                "-Xshare:auto",
                "-cp",
                System.getProperty("java.class.path"),
                "com.ezscale.billing.jobs.cli.Main"));
        command.addAll(args);
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        return new ChildJvm(process, log);
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public long pid() {
        return process.pid();
    }

    /** SIGKILL: no shutdown hook, no last commit, no goodbye. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** SIGTERM: what a deploy or an operator's stop sends; the JVM's shutdown hooks run. */
    public void terminate() {
        process.destroy();
    }

    /** Its exit code once it ends by itself (within {@code seconds}); -1 if it did not. */
    public int await(long seconds) throws InterruptedException {
        return process.waitFor(seconds, TimeUnit.SECONDS) ? process.exitValue() : -1;
    }

    public String log() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    public Path logFile() {
        return log;
    }
}
