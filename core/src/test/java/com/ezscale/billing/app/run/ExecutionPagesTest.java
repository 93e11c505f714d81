package com.ezscale.billing.app.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.ezscale.billing.run.db.RunMapper;
import com.ezscale.billing.run.db.RunSummary;
import com.ezscale.billing.testing.MapperTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class ExecutionPagesTest extends MapperTest {

    @Autowired
    RunMapper runs;

    ExecutionPages pages;

    @BeforeEach
    void threeExecutions() {
        pages = new ExecutionPages(runs);
        update("INSERT INTO BATCH_JOB_INSTANCE (JOB_INSTANCE_ID, VERSION, JOB_NAME, JOB_KEY) VALUES"
                + " (1, 0, 'invoiceRun', 'k1'), (2, 0, 'collect', 'k2'), (3, 0, 'invoiceRun', 'k3')");
        update("INSERT INTO BATCH_JOB_EXECUTION (JOB_EXECUTION_ID, VERSION, JOB_INSTANCE_ID, CREATE_TIME, START_TIME,"
                + " END_TIME, STATUS, EXIT_CODE, EXIT_MESSAGE) VALUES"
                + " (41, 2, 1, '2026-12-01 02:00:00', '2026-12-01 02:00:00', '2026-12-01 02:00:09', 'COMPLETED',"
                + " 'COMPLETED', ''),"
                + " (42, 2, 2, '2026-12-01 03:00:00', '2026-12-01 03:00:00', '2026-12-01 03:00:02', 'FAILED',"
                + " 'FAILED', 'gateway timed out'),"
                + " (43, 1, 3, '2026-12-02 02:00:00', '2026-12-02 02:00:00', NULL, 'STARTED', 'UNKNOWN', '')");
        update("INSERT INTO BATCH_STEP_EXECUTION (STEP_EXECUTION_ID, VERSION, STEP_NAME, JOB_EXECUTION_ID, CREATE_TIME,"
                + " STATUS, READ_COUNT, WRITE_COUNT, FILTER_COUNT) VALUES"
                + " (1, 3, 'invoice', 41, '2026-12-01 02:00:00', 'COMPLETED', 20, 20, 0),"
                + " (2, 2, 'collect', 42, '2026-12-01 03:00:00', 'FAILED', 4, 3, 0),"
                + " (3, 1, 'invoice', 43, '2026-12-02 02:00:00', 'STARTED', 5, 5, 0)");
    }

    @Test
    void aPageListsWhatTheRunsQueryListsForEveryFilter() {
        for (int read = 0; read < 2; read++) { // the second time from what the first remembered
            for (String job : new String[] {null, "", "invoiceRun", "collect", "dunning"}) {
                for (String status : new String[] {null, "COMPLETED", "FAILED", "STARTED"}) {
                    for (Long before : new Long[] {null, 43L, 42L, 41L}) {
                        for (int limit : new int[] {1, 2, 50}) {
                            assertThat(pages.page(job, status, before, limit))
                                    .as("job %s, status %s, before %s, limit %d", job, status, before, limit)
                                    .isEqualTo(runs.selectRuns(job, status, before, limit));
                        }
                    }
                }
            }
        }
        assertThat(pages.page(null, null, null, 50))
                .extracting(RunSummary::executionId)
                .containsExactly(43L, 42L, 41L);
    }

    @Test
    void aRunningExecutionShowsItsStepsCountsAsTheyMove() {
        assertThat(pages.page(null, null, null, 50).get(0).readCount()).isEqualTo(5);
        update("UPDATE BATCH_STEP_EXECUTION SET READ_COUNT = 9, VERSION = 2 WHERE STEP_EXECUTION_ID = 3");
        assertThat(pages.page(null, null, null, 50).get(0).readCount()).isEqualTo(9);

        // it ends: the job execution's update moves its version, and the page shows it ended
        update("UPDATE BATCH_STEP_EXECUTION SET READ_COUNT = 12, STATUS = 'COMPLETED' WHERE STEP_EXECUTION_ID = 3");
        update("UPDATE BATCH_JOB_EXECUTION SET STATUS = 'COMPLETED', EXIT_CODE = 'COMPLETED',"
                + " END_TIME = '2026-12-02 02:00:30', VERSION = 2 WHERE JOB_EXECUTION_ID = 43");
        assertThat(pages.page(null, null, null, 50).get(0))
                .satisfies(r -> assertThat(r.status()).isEqualTo("COMPLETED"))
                .satisfies(r -> assertThat(r.readCount()).isEqualTo(12))
                .satisfies(r -> assertThat(r.endTime()).hasToString("2026-12-02T02:00:30"));
    }

    @Test
    void anEndedExecutionUpdatedByAnotherNodeIsReadAgainAtItsNewVersion() {
        assertThat(pages.page(null, null, null, 50))
                .extracting(RunSummary::status)
                .containsExactly("STARTED", "FAILED", "COMPLETED");

        // what Spring Batch's repository writes when an admin abandons the failed execution on a jobs node: the
        // status with VERSION + 1 (its optimistic lock)
        update("UPDATE BATCH_JOB_EXECUTION SET STATUS = 'ABANDONED', EXIT_CODE = 'ABANDONED', VERSION = VERSION + 1"
                + " WHERE JOB_EXECUTION_ID = 42");
        assertThat(pages.page(null, null, null, 50))
                .extracting(RunSummary::status)
                .containsExactly("STARTED", "ABANDONED", "COMPLETED");
        assertThat(pages.page(null, "ABANDONED", null, 50))
                .extracting(RunSummary::executionId)
                .containsExactly(42L);
    }

    @Test
    void anEndedExecutionIsRememberedAtItsVersion() {
        assertThat(pages.page(null, null, null, 50).get(1).exitMessage()).isEqualTo("gateway timed out");
        // a write that leaves VERSION alone, which Spring Batch never makes: the remembered row is shown, which is
        // how a page reads no more than the keys of the executions it has shown before
        update(
                "UPDATE BATCH_JOB_EXECUTION SET EXIT_MESSAGE = 'changed behind the version' WHERE JOB_EXECUTION_ID = 42");
        assertThat(pages.page(null, null, null, 50).get(1).exitMessage()).isEqualTo("gateway timed out");
        assertThat(new ExecutionPages(runs).page(null, null, null, 50).get(1).exitMessage())
                .as("a node that has not read it before")
                .isEqualTo("changed behind the version");
    }
}
