package com.ezscale.billing.customer.db;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;

@Mapper
public interface CustomerMapper {

    void insert(@Param("c") CustomerRow customer, @Param("createdAt") Instant createdAt);

    /**
     * The next page (keyset on id) of open customers that have a billable service whose cursor is
     * on or before {@code horizon}.
     */
    /** The next page of customers with something to bill; {@code customerId} (or null) restricts it to one. */
    List<CustomerRow> selectDuePage(@Param("afterId") long afterId, @Param("horizon") LocalDate horizon, @Param("limit") int limit,
                                    @Param("customerId") Long customerId);

    int updateAddress(@Param("c") CustomerRow customer);

    long selectMaxId();
}
