package com.ezscale.billing.jobs.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;

/**
 * Whether an owner process is alive, as a node on the same machine judges it: by pid and start, the start
 * compared within {@link JobNode#SAME_START}, since two JVMs can read one process's start a second apart.
 */
class JobNodeTest {

    final JobNode node = new JobNode(
            null, new RecoveryProperties(Duration.ofSeconds(10), Duration.ofSeconds(60), Duration.ofSeconds(60)));
    final long pid = ProcessHandle.current().pid();
    final Instant start =
            ProcessHandle.current().info().startInstant().orElseThrow().truncatedTo(ChronoUnit.MILLIS);

    @Test
    void aLiveProcessIsAliveWhenAnotherJvmReadItsStartASecondApart() {
        assertThat(node.alive(pid, start)).isTrue();
        assertThat(node.alive(pid, start.plusSeconds(1)))
                .as("another JVM read the boot time after it moved by a second")
                .isTrue();
        assertThat(node.alive(pid, start.minusSeconds(1))).isTrue();
        assertThat(node.alive(pid, null)).as("no start recorded: the pid alone").isTrue();
    }

    @Test
    void aPidReusedByAnotherProcessOrAProcessGoneIsNot() {
        assertThat(node.alive(pid, start.minus(Duration.ofMinutes(5))))
                .as("the pid belongs to a process started minutes apart: another one")
                .isFalse();
        assertThat(node.alive(pid, start.plusSeconds(3))).isFalse();
        assertThat(node.alive(Long.MAX_VALUE / 2, start)).as("no such process").isFalse();
    }
}
