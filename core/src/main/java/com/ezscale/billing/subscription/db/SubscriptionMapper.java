package com.ezscale.billing.subscription.db;

import com.ezscale.billing.invoice.SubscriptionAdvance;
import com.ezscale.billing.persistence.GeneratedKey;
import com.ezscale.billing.persistence.JsonRows;
import com.ezscale.billing.subscription.Subscription;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;

@Mapper
public interface SubscriptionMapper {

    void insert(@Param("s") Subscription subscription, @Param("createdAt") Instant createdAt);

    /** The billable services of these customers whose cursor is on or before {@code horizon}. */
    List<Subscription> selectDueForCustomers(
            @Param("customerIds") List<Long> customerIds, @Param("horizon") LocalDate horizon);

    /**
     * Moves the services' cursors in one statement (a service named twice takes its last cursor);
     * returns the rows changed.
     */
    default int updateNextPeriodStarts(List<SubscriptionAdvance> advances) {
        if (advances.isEmpty()) {
            return 0;
        }
        Map<Long, LocalDate> last = new LinkedHashMap<>();
        advances.forEach(a -> last.put(a.subscriptionId(), a.nextPeriodStart()));
        return updateCursors(JsonRows.of(last.entrySet().stream()
                .map(e -> List.of(e.getKey(), e.getValue().toString()))
                .toList()));
    }

    /** {@link #updateNextPeriodStarts}' statement: {@code advances} is {@link JsonRows} of [id, next period start]. */
    int updateCursors(@Param("advances") String advances);

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

    /** Services of a customer not yet ended (pending, active or suspended). */
    long countLiveServices(@Param("customerId") long customerId);

    /** A new service, its id from the database. */
    void insertService(
            @Param("s") Subscription subscription,
            @Param("panel") String panel,
            @Param("panelRef") String panelRef,
            @Param("createdAt") Instant createdAt,
            @Param("key") GeneratedKey key);

    int updatePanel(@Param("id") long id, @Param("panel") String panel, @Param("panelRef") String panelRef);

    /** An admin's suspension of an active service. */
    int suspendByAdmin(@Param("id") long id, @Param("at") Instant at);

    /** Lifts an admin's suspension (never dunning's). */
    int unsuspendByAdmin(@Param("id") long id);

    List<ServiceView> selectServiceViews(@Param("customerId") long customerId);

    ServiceView selectServiceView(@Param("id") long id);

    List<IpAssignmentRow> selectIpAssignmentsOf(@Param("subscriptionId") long subscriptionId);

    /** Assignments of exactly this prefix valid at some time in [from, until) (until null: open-ended). */
    long countOverlappingAssignments(
            @Param("network") byte[] network,
            @Param("prefixLength") int prefixLength,
            @Param("from") Instant from,
            @Param("until") Instant until);

    /** Ends a service's open assignment of this prefix at {@code until}; returns 1 if there was one. */
    int endIpAssignment(
            @Param("subscriptionId") long subscriptionId,
            @Param("network") byte[] network,
            @Param("prefixLength") int prefixLength,
            @Param("until") Instant until);
}
