package com.ezscale.billing.dunning.db;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;

/** What the dunning pass, unsuspension and collection read and write. */
@Mapper
public interface DunningMapper {

    /**
     * Invoices still owed, issued by {@code asOf} (a rerun of a past day never sees an invoice issued
     * after it) and due by {@code horizon}, in id order after {@code afterId}.
     */
    List<DunningCandidate> selectCandidatesPage(
            @Param("afterId") long afterId,
            @Param("asOf") LocalDate asOf,
            @Param("horizon") LocalDate horizon,
            @Param("customerId") Long customerId,
            @Param("limit") int limit);

    List<InvoiceService> selectInvoiceServices(@Param("invoiceIds") Collection<Long> invoiceIds);

    List<TaxOfInvoice> selectMainTax(@Param("invoiceIds") Collection<Long> invoiceIds);

    void insertStep(
            @Param("invoiceId") long invoiceId,
            @Param("stepKey") String stepKey,
            @Param("kind") String kind,
            @Param("asOf") LocalDate asOf,
            @Param("detail") String detail,
            @Param("createdAt") Instant createdAt);

    /** Services dunning suspended, of one customer or (null) of all. */
    List<InvoiceService> selectDunningSuspended(@Param("customerId") Long customerId);

    List<OpenInvoice> selectOpenInvoices(@Param("customerIds") Collection<Long> customerIds);

    /** Invoices issued since {@code since} whose "invoice issued" email is not in the outbox yet. */
    List<IssuedInvoice> selectIssuedWithoutNotice(
            @Param("since") LocalDate since, @Param("afterId") long afterId, @Param("limit") int limit);
}
