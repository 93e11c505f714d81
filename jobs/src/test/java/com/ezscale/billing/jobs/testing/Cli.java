package com.ezscale.billing.jobs.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.ezscale.billing.jobs.cli.KeptContexts;
import com.ezscale.billing.jobs.cli.Main;
import com.ezscale.billing.testing.TestDatabases;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** The jobs command line as a user runs it: a command, its exit code, and what it printed on stdout and stderr. */
public final class Cli {

    public record Result(int exitCode, String out, String err) {}

    private Cli() {}

    /**
     * The commands run from here on use a new empty test database (not the embedded one); its URL.
     * Commands with the same properties share one Spring context until {@link #restore()}
     * ({@link KeptContexts}): each would otherwise spend 2–3 s starting its own.
     */
    public static String onNewDatabase() {
        String url = TestDatabases.newDatabaseUrl();
        System.setProperty("spring.datasource.url", url);
        System.setProperty("ezscale.embedded-db.enabled", "false");
        KeptContexts.on();
        return url;
    }

    /** Undoes {@link #onNewDatabase()}, closing the contexts its commands shared. */
    public static void restore() {
        KeptContexts.off();
        System.clearProperty("spring.datasource.url");
        System.clearProperty("ezscale.embedded-db.enabled");
    }

    /** Runs a command in this JVM (its Spring context on the database the test set up) and captures its output. */
    public static Result run(String... args) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
        ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
        System.setOut(new PrintStream(outBytes, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(errBytes, true, StandardCharsets.UTF_8));
        try {
            int code = Main.execute(args);
            return new Result(
                    code, outBytes.toString(StandardCharsets.UTF_8), errBytes.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }

    /** {@link #run}, which must succeed (its stderr is the failure's message). */
    public static Result ok(String... args) {
        Result r = run(args);
        assertThat(r.exitCode()).as(String.join(" ", args) + ": " + r.err()).isZero();
        return r;
    }
}
