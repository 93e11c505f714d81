package com.ezscale.billing.run.db;

import java.time.LocalDate;
import java.util.List;
import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;

/** Parked customers and the run history read from Spring Batch's tables. */
@Mapper
public interface RunMapper {

    void insertParked(@Param("p") ParkedCustomer parked);

    List<ParkedCustomer> selectParked(@Param("jobExecutionId") long jobExecutionId);

    /** Parked customers across runs, newest first, before the row {@code before} (keyset), optionally of one customer. */
    List<ParkedEntry> selectParkedPage(
            @Param("customerId") Long customerId, @Param("before") Long before, @Param("limit") int limit);

    List<RunSummary> selectRecentRuns(@Param("limit") int limit);

    /** The book's first day: its earliest service start, customer or invoice; null while the book is empty. */
    LocalDate selectBookStart();

    /** Executions newest first, optionally of one job and status, before the execution {@code before} (keyset). */
    List<RunSummary> selectRuns(
            @Param("job") String job,
            @Param("status") String status,
            @Param("before") Long before,
            @Param("limit") int limit);

    /** The keys of the page {@link #selectRuns} would read, with the same filters and order. */
    List<RunKey> selectRunKeys(
            @Param("job") String job,
            @Param("status") String status,
            @Param("before") Long before,
            @Param("limit") int limit);

    /** The executions of these ids, in no particular order (ids with no execution are left out). */
    List<RunSummary> selectRunsByIds(@Param("ids") java.util.Collection<Long> ids);

    RunSummary selectRun(@Param("id") long executionId);

    List<StepProgress> selectSteps(@Param("id") long executionId);

    void insertJobRequest(@Param("r") JobRequestRow request);

    /** The id the connection's last insert generated (in the same transaction). */
    long selectLastInsertId();

    JobRequestRow selectJobRequest(@Param("id") long id);

    List<JobRequestRow> selectJobRequests(@Param("limit") int limit);

    /** REQUESTED → STARTED on {@code node}: 1 for the one node that takes it, 0 for any other fire. */
    int startJobRequest(@Param("id") long id, @Param("node") String node, @Param("at") java.time.Instant at);

    /** The execution a started request runs, as soon as it starts (its progress is followed by it). */
    int linkJobRequest(@Param("id") long id, @Param("execution") long execution);

    int finishJobRequest(
            @Param("id") long id,
            @Param("status") String status,
            @Param("execution") Long execution,
            @Param("message") String message,
            @Param("at") java.time.Instant at);

    /** A job a serve node can run (written at its start; idempotent). */
    void insertRunnableJob(@Param("name") String name, @Param("at") java.time.Instant at);

    List<String> selectRunnableJobs();
}
