package com.ezscale.billing.jobs.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.ezscale.billing.jobs.run.OwnerLiveness.Owner;
import com.ezscale.billing.jobs.run.OwnerLiveness.Verdict;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OwnerLivenessTest {

    static final Duration LOST_AFTER = Duration.ofSeconds(60);
    static final Instant STARTED = Instant.parse("2026-11-30T01:00:00Z");

    @ParameterizedTest(name = "{0} -> {7}")
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '"',
            nullValues = "-",
            value = {
                // case                                         | owner node | owner scope | beat s ago | pid alive |
                // age s | local scope | verdict
                "no owner yet, young execution                | -          | -           | -          | false     | 5     | s1          | NOT_YET_KNOWN",
                "no owner, older than the window              | -          | -           | -          | false     | 61    | s1          | GONE",
                "owned by this node                           | me         | s1          | 500        | false     | 500   | s1          | ALIVE",
                "owner's node row gone (it shut down)         | n2         | s1          | -          | true      | 5     | s1          | GONE",
                "same scope, its process is there             | n2         | s1          | 500        | true      | 500   | s1          | ALIVE",
                "same scope, its process is gone (kill -9)    | n2         | s1          | 1          | false     | 5     | s1          | GONE",
                "other scope, fresh heartbeat                 | n2         | s2          | 10         | false     | 500   | s1          | ALIVE",
                "other scope, heartbeat older than the window | n2         | s2          | 61         | true      | 500   | s1          | GONE",
                "no scope known here, fresh heartbeat         | n2         | s1          | 10         | false     | 500   | -           | ALIVE",
                "no scope known here, stale heartbeat         | n2         | s1          | 90         | false     | 500   | -           | GONE",
            })
    void anExecutionsOwnerIsJudgedByWhatTheDatabaseSays(
            String name,
            String ownerNode,
            String ownerScope,
            Long heartbeatSecondsAgo,
            boolean pidAlive,
            long executionAgeSeconds,
            String localScope,
            Verdict expected) {
        Owner owner = ownerNode == null
                ? null
                : new Owner(
                        ownerNode,
                        "host",
                        ownerScope,
                        4242,
                        STARTED,
                        heartbeatSecondsAgo == null ? null : Duration.ofSeconds(heartbeatSecondsAgo));
        OwnerLiveness.Processes processes = (pid, start) -> pid == 4242 && STARTED.equals(start) && pidAlive;
        assertThat(OwnerLiveness.judge(
                        owner, Duration.ofSeconds(executionAgeSeconds), "me", localScope, processes, LOST_AFTER))
                .isEqualTo(expected);
    }
}
