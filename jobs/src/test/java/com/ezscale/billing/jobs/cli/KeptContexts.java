package com.ezscale.billing.jobs.cli;

/**
 * For the tests that run many commands in one JVM ({@code Cli}): one-shot commands with the same
 * properties share one Spring context instead of starting and closing one each (see
 * {@code Contexts.oneShot}).
 */
public final class KeptContexts {

    private KeptContexts() {}

    public static void on() {
        Contexts.keep(true);
    }

    /** Off, closing the kept contexts. */
    public static void off() {
        Contexts.keep(false);
    }
}
