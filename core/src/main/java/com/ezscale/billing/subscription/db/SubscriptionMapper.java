package com.ezscale.billing.subscription.db;

import com.ezscale.billing.subscription.Subscription;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;

@Mapper
public interface SubscriptionMapper {

    void insert(@Param("s") Subscription subscription, @Param("createdAt") Instant createdAt);

    /** The billable services of these customers whose cursor is on or before {@code horizon}. */
    List<Subscription> selectDueForCustomers(
            @Param("customerIds") List<Long> customerIds, @Param("horizon") LocalDate horizon);

    int updateNextPeriodStart(@Param("id") long subscriptionId, @Param("nextPeriodStart") LocalDate nextPeriodStart);

    long selectMaxId();

    void insertIpAssignment(@Param("a") IpAssignmentRow assignment);

    /** The service, locked until the transaction ends (null if none). */
    Subscription lockSubscription(@Param("id") long id);

    void updateSubscriptionPlan(@Param("id") long id, @Param("planId") long planId);

    void updateSubscriptionEnd(
            @Param("id") long id, @Param("endDate") LocalDate endDate, @Param("status") String status);

    int suspend(@Param("id") long subscriptionId, @Param("at") Instant at);

    int terminate(@Param("id") long subscriptionId, @Param("endDate") LocalDate endDate);

    int unsuspend(@Param("id") long subscriptionId);

    List<IpAssignmentRow> selectIpAssignments();

    /** A cheap fingerprint of the IP assignments: it changes whenever one is added, ended or moved. */
    String selectIpAssignmentsFingerprint();
}
