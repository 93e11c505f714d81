-- The staff executions page (and `runs`) lists 50 executions with their steps' summed counts, one
-- correlated subquery per count, and filters by status. Measured on the PortalBenchmark's 10,000
-- executions (30,000 steps), 500 pages from the mysql client, alone: the first page 1.04 -> 0.79 ms,
-- the FAILED page (1 execution in 50) 1.5 -> 0.9 ms, a job's page 1.36 -> 1.1 ms.
-- 1. The steps' counts in the index that finds a job execution's steps: each sum reads the index
--    alone, not the index then each step's row. It replaces Spring Batch's index of the foreign key
--    (the constraint keeps its name and uses this one: JOB_EXECUTION_ID comes first).
-- 2. An execution's status, in id order within a status: the FAILED page reads its 50 rows instead
--    of walking every execution down from the newest.
-- Spring Batch updates the counts at each chunk's commit; one more index entry per commit.
ALTER TABLE BATCH_STEP_EXECUTION
  ADD INDEX ix_step_execution_counts (JOB_EXECUTION_ID, READ_COUNT, WRITE_COUNT, FILTER_COUNT),
  DROP INDEX JOB_EXEC_STEP_FK;

CREATE INDEX ix_job_execution_status ON BATCH_JOB_EXECUTION (STATUS, JOB_EXECUTION_ID);
