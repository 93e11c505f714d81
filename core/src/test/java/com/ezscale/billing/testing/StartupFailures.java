package com.ezscale.billing.testing;

/** What a context that failed to start says, every cause's message on its own line (the key named is in one of them). */
public final class StartupFailures {

    private StartupFailures() {}

    public static String messages(Throwable startup) {
        StringBuilder all = new StringBuilder();
        for (Throwable t = startup; t != null; t = t.getCause()) {
            all.append(t.getMessage()).append('\n');
        }
        return all.toString();
    }
}
