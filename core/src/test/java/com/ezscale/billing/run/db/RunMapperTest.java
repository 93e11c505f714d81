package com.ezscale.billing.run.db;

import static org.assertj.core.api.Assertions.assertThat;

import com.ezscale.billing.testing.MapperTest;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.ibatis.mapping.BoundSql;
import org.apache.ibatis.mapping.ParameterMapping;
import org.apache.ibatis.session.SqlSessionFactory;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class RunMapperTest extends MapperTest {

    static final LocalDate DEC_1 = LocalDate.parse("2026-12-01");
    static final Instant AT = Instant.parse("2026-12-01T02:00:00Z");

    @Autowired
    RunMapper runs;

    @Autowired
    SqlSessionFactory sessions;

    @Test
    void aParkedCustomerIsKeptOncePerStepWithTheLatestReason() {
        runs.insertParked(new ParkedCustomer(41, "invoice", 2, DEC_1, "no price for EUR", AT));
        runs.insertParked(new ParkedCustomer(41, "invoice", 2, DEC_1, "no price for EUR on plan vps-s", AT));
        runs.insertParked(new ParkedCustomer(41, "invoice", 1, DEC_1, "address missing", AT));
        runs.insertParked(new ParkedCustomer(42, "invoice", 1, DEC_1, "other run", AT));
        assertThat(runs.selectParked(41))
                .extracting(p -> p.customerId() + " " + p.reason())
                .containsExactly("1 address missing", "2 no price for EUR on plan vps-s");
    }

    @Test
    void recentRunsSummariseTheirStepsAndParkedCustomers() {
        update(
                "INSERT INTO BATCH_JOB_INSTANCE (JOB_INSTANCE_ID, VERSION, JOB_NAME, JOB_KEY) VALUES (1, 0, 'invoiceRun', 'k1')");
        update(
                "INSERT INTO BATCH_JOB_EXECUTION (JOB_EXECUTION_ID, VERSION, JOB_INSTANCE_ID, CREATE_TIME, START_TIME, END_TIME,"
                        + " STATUS, EXIT_CODE, EXIT_MESSAGE) VALUES (41, 1, 1, '2026-12-01 02:00:00', '2026-12-01 02:00:00',"
                        + " '2026-12-01 02:00:09', 'COMPLETED', 'COMPLETED', '')");
        update(
                "INSERT INTO BATCH_JOB_EXECUTION_PARAMS (JOB_EXECUTION_ID, PARAMETER_NAME, PARAMETER_TYPE, PARAMETER_VALUE,"
                        + " IDENTIFYING) VALUES (41, 'asOf', 'java.time.LocalDate', '2026-12-01', 'Y')");
        update("INSERT INTO BATCH_STEP_EXECUTION (STEP_EXECUTION_ID, VERSION, STEP_NAME, JOB_EXECUTION_ID, CREATE_TIME,"
                + " STATUS, READ_COUNT, WRITE_COUNT, FILTER_COUNT) VALUES"
                + " (1, 1, 'invoice', 41, '2026-12-01 02:00:00', 'COMPLETED', 2, 1, 0),"
                + " (2, 1, 'issue', 41, '2026-12-01 02:00:05', 'COMPLETED', 1, 1, 0)");
        runs.insertParked(new ParkedCustomer(41, "invoice", 2, DEC_1, "no price for EUR", AT));

        assertThat(runs.selectRuns("invoiceRun", "COMPLETED", null, 5))
                .extracting(RunSummary::executionId)
                .containsExactly(41L);
        assertThat(runs.selectRuns(null, "FAILED", null, 5)).isEmpty();
        assertThat(runs.selectRuns(null, null, 41L, 5)).as("older than 41").isEmpty();
        assertThat(runs.selectRun(41).parked()).isEqualTo(1);
        assertThat(runs.selectParkedPage(null, null, 10))
                .singleElement()
                .satisfies(p -> assertThat(p.jobName()).isEqualTo("invoiceRun"))
                .satisfies(p -> assertThat(p.customerName()).isNotBlank())
                .satisfies(p -> assertThat(p.reason()).isEqualTo("no price for EUR"));
        long parkedId = runs.selectParkedPage(2L, null, 10).get(0).id();
        assertThat(runs.selectParkedPage(null, parkedId, 10)).as("older rows").isEmpty();
        assertThat(runs.selectParkedPage(1L, null, 10))
                .as("of another customer")
                .isEmpty();
        assertThat(runs.selectRun(42)).isNull();
        assertThat(runs.selectSteps(41))
                .extracting(StepProgress::stepName, StepProgress::readCount)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("invoice", 2L),
                        org.assertj.core.groups.Tuple.tuple("issue", 1L));
        assertThat(runs.selectRecentRuns(5)).singleElement().satisfies(r -> {
            assertThat(r.jobName()).isEqualTo("invoiceRun");
            assertThat(r.asOf()).isEqualTo("2026-12-01");
            assertThat(r.readCount()).isEqualTo(3);
            assertThat(r.writeCount()).isEqualTo(2);
            assertThat(r.parked()).isEqualTo(1);
            assertThat(r.endTime()).hasToString("2026-12-01T02:00:09");
        });
    }

    @Test
    void theFailedExecutionsPageReadsItsRowsAndStepSumsFromIndexesAlone() {
        // 500 executions of 3 steps, one in 50 failed (the PortalBenchmark's shape, smaller)
        update("INSERT INTO BATCH_JOB_INSTANCE (JOB_INSTANCE_ID, VERSION, JOB_NAME, JOB_KEY)"
                + " SELECT seq, 0, ELT(1 + seq % 4, 'nightly', 'invoiceRun', 'collect', 'dunning'), MD5(seq)"
                + " FROM seq_1_to_500");
        update("INSERT INTO BATCH_JOB_EXECUTION (JOB_EXECUTION_ID, VERSION, JOB_INSTANCE_ID, CREATE_TIME, STATUS,"
                + " EXIT_CODE) SELECT seq, 1, seq, '2026-12-01 02:00:00', IF(seq % 50 = 0, 'FAILED', 'COMPLETED'),"
                + " 'COMPLETED' FROM seq_1_to_500");
        update("INSERT INTO BATCH_STEP_EXECUTION (STEP_EXECUTION_ID, VERSION, STEP_NAME, JOB_EXECUTION_ID,"
                + " CREATE_TIME, STATUS, READ_COUNT, WRITE_COUNT, FILTER_COUNT) SELECT (e.seq - 1) * 3 + n.seq, 1,"
                + " CONCAT('step', n.seq), e.seq, '2026-12-01 02:00:00', 'COMPLETED', n.seq, 1, 0"
                + " FROM seq_1_to_500 e JOIN seq_1_to_3 n");

        assertThat(runs.selectRuns(null, "FAILED", null, 5))
                .extracting(RunSummary::executionId, RunSummary::readCount)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(500L, 6L),
                        org.assertj.core.groups.Tuple.tuple(450L, 6L),
                        org.assertj.core.groups.Tuple.tuple(400L, 6L),
                        org.assertj.core.groups.Tuple.tuple(350L, 6L),
                        org.assertj.core.groups.Tuple.tuple(300L, 6L));

        // the mapper's own SQL, explained: the failed ones found by their index (V37), not by walking every
        // execution down from the newest; each step sum from the index that finds the steps, not their rows
        Map<String, Object> parameters = new HashMap<>();
        parameters.put("job", null);
        parameters.put("status", "FAILED");
        parameters.put("before", null);
        parameters.put("limit", 50);
        BoundSql bound = sessions.getConfiguration()
                .getMappedStatement("com.ezscale.billing.run.db.RunMapper.selectRuns")
                .getBoundSql(parameters);
        Object[] values = bound.getParameterMappings().stream()
                .map(ParameterMapping::getProperty)
                .map(parameters::get)
                .toArray();
        List<Map<String, Object>> plan = jdbc.queryForList("EXPLAIN " + bound.getSql(), values);
        assertThat(plan)
                .filteredOn(row -> "e".equals(row.get("table")))
                .singleElement()
                .satisfies(row -> assertThat(row.get("key")).isEqualTo("ix_job_execution_status"));
        assertThat(plan)
                .filteredOn(row -> "s".equals(row.get("table")))
                .as("the three step sums")
                .hasSize(3)
                .allSatisfy(row -> {
                    assertThat(row.get("key")).isEqualTo("ix_step_execution_counts");
                    assertThat((String) row.get("Extra")).contains("Using index");
                });
    }

    @Test
    void anExecutionsPagesKeysAndItsRowsByIdMatchTheRunsPage() {
        update("INSERT INTO BATCH_JOB_INSTANCE (JOB_INSTANCE_ID, VERSION, JOB_NAME, JOB_KEY) VALUES"
                + " (1, 0, 'invoiceRun', 'k1'), (2, 0, 'collect', 'k2')");
        update("INSERT INTO BATCH_JOB_EXECUTION (JOB_EXECUTION_ID, VERSION, JOB_INSTANCE_ID, CREATE_TIME, START_TIME,"
                + " END_TIME, STATUS, EXIT_CODE) VALUES"
                + " (41, 2, 1, '2026-12-01 02:00:00', '2026-12-01 02:00:00', '2026-12-01 02:00:09', 'COMPLETED',"
                + " 'COMPLETED'),"
                + " (42, 3, 2, '2026-12-01 03:00:00', '2026-12-01 03:00:00', '2026-12-01 03:00:02', 'FAILED', 'FAILED'),"
                + " (43, 1, 1, '2026-12-02 02:00:00', '2026-12-02 02:00:00', NULL, 'STARTED', 'UNKNOWN')");

        assertThat(runs.selectRunKeys(null, null, null, 50))
                .containsExactly(new RunKey(43, 1, false), new RunKey(42, 3, true), new RunKey(41, 2, true));
        assertThat(runs.selectRunKeys("invoiceRun", null, null, 50))
                .extracting(RunKey::executionId)
                .containsExactly(43L, 41L);
        assertThat(runs.selectRunKeys(null, "FAILED", null, 50))
                .extracting(RunKey::executionId)
                .containsExactly(42L);
        assertThat(runs.selectRunKeys("invoiceRun", null, 43L, 1))
                .extracting(RunKey::executionId)
                .containsExactly(41L);
        assertThat(runs.selectRunsByIds(List.of(41L, 43L, 99L)))
                .as("the rows of the ids that exist, as the runs page reads them")
                .containsExactlyInAnyOrderElementsOf(runs.selectRuns("invoiceRun", null, null, 50));
    }

    @Test
    void theBookStartsAtItsEarliestCustomerServiceOrInvoice() {
        assertThat(runs.selectBookStart()).isEqualTo(LocalDate.parse("2025-06-10"));
        update("UPDATE subscription SET start_date = '2025-01-01' WHERE id = 22");
        assertThat(runs.selectBookStart()).isEqualTo(LocalDate.parse("2025-01-01"));
    }

    @Test
    void aJobRequestIsTakenByOneNodeOnlyAndKeepsItsOutcome() {
        runs.insertJobRequest(new JobRequestRow(
                0,
                "RUN",
                "invoiceRun",
                DEC_1,
                null,
                3L,
                "adam",
                "portal 127.0.0.1",
                AT,
                "REQUESTED",
                null,
                null,
                null,
                "report=aging"));
        long id = runs.selectLastInsertId();
        assertThat(runs.selectJobRequest(id).status()).isEqualTo("REQUESTED");
        assertThat(runs.startJobRequest(id, "node-a", AT)).isEqualTo(1);
        assertThat(runs.startJobRequest(id, "node-b", AT))
                .as("a second fire takes nothing")
                .isZero();
        assertThat(runs.linkJobRequest(id, 77L))
                .as("its execution, as soon as it starts")
                .isEqualTo(1);
        assertThat(runs.selectJobRequest(id).resultExecution()).isEqualTo(77L);
        runs.finishJobRequest(id, "DONE", 77L, "invoiceRun COMPLETED", AT);
        assertThat(runs.selectJobRequests(5)).singleElement().satisfies(r -> {
            assertThat(r.node()).isEqualTo("node-a");
            assertThat(r.parameters()).isEqualTo("report=aging");
            assertThat(r.status()).isEqualTo("DONE");
            assertThat(r.resultExecution()).isEqualTo(77L);
            assertThat(r.requestedBy()).isEqualTo("adam");
            assertThat(r.asOf()).isEqualTo(DEC_1);
            assertThat(r.customerId()).isEqualTo(3L);
        });
    }

    @Test
    void theJobsTheServeNodesCanRunAreRegisteredOnce() {
        runs.insertRunnableJob("nightly", AT);
        runs.insertRunnableJob("invoiceRun", AT);
        runs.insertRunnableJob("nightly", AT.plusSeconds(60));
        assertThat(runs.selectRunnableJobs()).containsExactly("invoiceRun", "nightly");
    }
}
