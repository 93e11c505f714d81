package com.ezscale.billing.subscription.db;

import com.ezscale.billing.persistence.GeneratedKey;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;

/** Plan changes of services: upgrades, downgrades, their invoices, expiry and reversal. */
@Mapper
public interface PlanChangeMapper {

    void insertPlanChange(@Param("c") PlanChangeInsert change, @Param("key") GeneratedKey key);

    List<ExpiredUpgrade> selectExpiredUpgrades(@Param("asOf") LocalDate asOf);

    void revertPlanChange(@Param("id") long id, @Param("at") Instant at);

    void settlePlanChanges(@Param("ids") List<Long> ids);

    /** Points the upgrades billed by this run's drafts at their invoice, which expires unpaid on {@code expiresOn}. */
    void linkUpgradeInvoices(
            @Param("runId") long runId,
            @Param("customerIds") List<Long> customerIds,
            @Param("expiresOn") LocalDate expiresOn);

    /** Every plan change of these customers' services (the timeline needs the settled ones too). */
    List<PlanChangeRow> selectPlanChanges(@Param("customerIds") List<Long> customerIds);
}
