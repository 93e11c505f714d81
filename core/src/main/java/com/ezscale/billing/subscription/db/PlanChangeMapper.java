package com.ezscale.billing.subscription.db;

import com.ezscale.billing.invoice.LineKey;
import com.ezscale.billing.invoice.InvoiceLine;
import com.ezscale.billing.invoice.Invoice;
import java.util.Collection;
import java.util.List;
import java.time.LocalDate;
import java.time.Instant;
import java.math.BigDecimal;
import com.ezscale.billing.subscription.Subscription;
import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;

/** TODO */
@Mapper
public interface PlanChangeMapper {

    void insertPlanChange(@Param("c") PlanChangeInsert change, @Param("key") com.ezscale.billing.persistence.GeneratedKey key);

    List<ExpiredUpgrade> selectExpiredUpgrades(@Param("asOf") LocalDate asOf);

    void revertPlanChange(@Param("id") long id, @Param("at") Instant at);

    void settlePlanChanges(@Param("ids") List<Long> ids);

    /** Points the upgrades billed by this run's drafts at their invoice, which expires unpaid on {@code expiresOn}. */
    void linkUpgradeInvoices(@Param("runId") long runId, @Param("customerIds") List<Long> customerIds, @Param("expiresOn") LocalDate expiresOn);

    /** Every plan change of these customers' services (the timeline needs the settled ones too). */
    List<PlanChangeRow> selectPlanChanges(@Param("customerIds") List<Long> customerIds);
}
