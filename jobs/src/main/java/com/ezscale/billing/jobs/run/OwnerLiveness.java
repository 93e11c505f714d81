package com.ezscale.billing.jobs.run;

import java.time.Duration;
import java.time.Instant;

/**
 * Whether the process that runs a job execution is still there: a pure judgement of what the
 * database says about the execution's owner. An execution whose owner is gone stays STARTED in
 * Spring Batch's tables forever (nobody will end it), so it must be found, marked FAILED and resumed.
 *
 * <ul>
 *   <li>No owner recorded (the process died between creating the execution and claiming it, or
 *       it predates ownership): gone once the execution is older than {@code lostAfter}.</li>
 *   <li>Owned by this node: alive (it is us).</li>
 *   <li>The owner's node row is gone (it shut down): gone.</li>
 *   <li>The owner is a process this node can see (same scope: boot and pid namespace): alive exactly
 *       when a process with its pid and start time exists, known at once.</li>
 *   <li>Any other owner: gone when its last heartbeat is older than {@code lostAfter}.</li>
 * </ul>
 */
public final class OwnerLiveness {

    /** What the database says about an execution's owner; {@code sinceHeartbeat} is null when its node row is gone. */
    public record Owner(
            String nodeId, String host, String scope, long pid, Instant processStart, Duration sinceHeartbeat) {}

    /** Whether a process with this pid and start time exists here. */
    @FunctionalInterface
    public interface Processes {
        boolean alive(long pid, Instant processStart);
    }

    public enum Verdict {
        ALIVE,
        GONE,
        /** No owner recorded yet and the execution is young: it may be claimed any moment. */
        NOT_YET_KNOWN
    }

    private OwnerLiveness() {}

    public static Verdict judge(
            Owner owner,
            Duration executionAge,
            String localNodeId,
            String localScope,
            Processes processes,
            Duration lostAfter) {
        if (owner == null) {
            return executionAge.compareTo(lostAfter) > 0 ? Verdict.GONE : Verdict.NOT_YET_KNOWN;
        }
        if (owner.nodeId().equals(localNodeId)) {
            return Verdict.ALIVE;
        }
        if (owner.sinceHeartbeat() == null) {
            return Verdict.GONE;
        }
        if (localScope != null && localScope.equals(owner.scope())) {
            return processes.alive(owner.pid(), owner.processStart()) ? Verdict.ALIVE : Verdict.GONE;
        }
        return owner.sinceHeartbeat().compareTo(lostAfter) > 0 ? Verdict.GONE : Verdict.ALIVE;
    }
}
