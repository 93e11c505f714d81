package com.ezscale.billing.audit;

/**
 * Where the audited actions of the current thread come from ("203.0.113.7" for a portal request,
 * "cli@host" for a command), written with every {@code audit_log} row. The portal sets it for each
 * request and clears it after; the command line sets a default for its process.
 */
public final class AuditOrigin {

    private static final ThreadLocal<String> CURRENT = new ThreadLocal<>();
    private static volatile String fallback;

    private AuditOrigin() {}

    public static void set(String origin) {
        CURRENT.set(origin);
    }

    public static void clear() {
        CURRENT.remove();
    }

    /** The origin of threads that set none (a command line's host). */
    public static void setDefault(String origin) {
        fallback = origin;
    }

    /** Read by the audit insert. */
    public static String current() {
        String origin = CURRENT.get();
        return origin != null ? origin : fallback;
    }
}
