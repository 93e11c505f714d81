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

    List<RunSummary> selectRecentRuns(@Param("limit") int limit);

    /** The book's first day: its earliest service start, customer or invoice; null while the book is empty. */
    LocalDate selectBookStart();
}
