package com.ezscale.billing.migration.db;

import com.ezscale.billing.persistence.GeneratedKey;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;

/** Imports from another system: the keys of what each source row became, the runs, their issues and reconciliation. */
@Mapper
public interface MigrationMapper {

    List<MigrationKey> selectKeys(@Param("source") String source, @Param("kind") String kind);

    /** Records (or moves forward) what a source row became and its fingerprint. */
    void upsertKey(
            @Param("source") String source,
            @Param("kind") String kind,
            @Param("k") MigrationKey key,
            @Param("at") Instant at);

    void insertRun(@Param("r") MigrationRun run, @Param("key") GeneratedKey key);

    void insertIssue(
            @Param("runId") long runId,
            @Param("kind") String kind,
            @Param("sourceId") long sourceId,
            @Param("reason") String reason);

    void insertReconciliation(@Param("runId") long runId, @Param("l") ReconciliationLine line);

    /** Every running service (active or suspended) with its customer's currency and its plan's price there. */
    List<RunningService> selectRunningServices();

    /**
     * Brings an imported service up to its source row: status (a suspension WHMCS made is an admin's here, lifted with
     * {@code service unsuspend}), end, label, panel; the billing
     * cursor only moves forward (a period billed here is never unbilled).
     */
    int updateImportedService(
            @Param("id") long id,
            @Param("status") String status,
            @Param("endDate") LocalDate endDate,
            @Param("cursor") LocalDate cursor,
            @Param("label") String label,
            @Param("panel") String panel,
            @Param("panelRef") String panelRef,
            @Param("at") Instant at);

    List<String> selectIssues(@Param("runId") long runId);

    List<ReconciliationLine> selectReconciliation(@Param("runId") long runId);

    void insertHistoricalInvoice(@Param("i") HistoricalInvoice invoice, @Param("key") GeneratedKey key);

    /** The ids of the invoices numbered {@code values} in series {@code seriesKey} (those loaded without keys back). */
    List<SequencedId> selectIdsInSeries(@Param("seriesKey") String seriesKey, @Param("values") List<Long> values);

    /**
     * The first {@code count} invoices of series {@code seriesKey} from id {@code fromId} on, by id:
     * a chunk just loaded, from the first id its load was given (a range of the primary key, where
     * {@link #selectIdsInSeries} looks each number up).
     */
    List<SequencedId> selectIdsInSeriesFrom(
            @Param("seriesKey") String seriesKey, @Param("fromId") long fromId, @Param("count") int count);

    /** An invoice's id and its value in its series. */
    record SequencedId(long sequenceValue, long id) {}

    /**
     * Every invoice of series {@code seriesKey} as a rerun of the import compares it with its source
     * (an imported invoice is keyed by its WHMCS id, its value in the series).
     */
    List<HistoricalState> selectHistoricalStates(@Param("seriesKey") String seriesKey);

    /**
     * Every payment imported from WHMCS with its {@code tblaccounts} id (as {@code sequenceValue}) and its
     * id here: how a rerun finds what it wrote (payments imported before V35 have keys instead).
     */
    List<SequencedId> selectImportedPaymentIds();

    /** Every invoice number here, of every series (an imported invoice keeps WHMCS's only where it is free). */
    List<String> selectInvoiceNumbers();

    /** An imported invoice's id, status, what was paid of it and when it was paid in full. */
    record HistoricalState(long sequenceValue, long id, String status, BigDecimal amountPaid, Instant paidAt) {

        /**
         * True when {@link #resettleHistoricalInvoice} with these values would change the invoice:
         * another status, more paid, or a day it was paid where none was.
         */
        public boolean changedBy(String status, BigDecimal amountPaid, Instant paidAt) {
            return !this.status.equals(status)
                    || amountPaid.compareTo(this.amountPaid) > 0
                    || (this.paidAt == null && paidAt != null);
        }
    }

    /**
     * The ids of the payments by {@code method} with these references (those loaded without keys back; a
     * payment is unique by its method and reference).
     */
    List<ReferencedId> selectPaymentIds(@Param("method") String method, @Param("references") List<String> references);

    /**
     * The first {@code count} payments a migration recorded from id {@code fromId} on, by id: a chunk
     * just loaded, from the first id its load was given (see {@link #selectIdsInSeriesFrom}).
     */
    List<ReferencedId> selectMigrationPaymentIdsFrom(@Param("fromId") long fromId, @Param("count") int count);

    /** A payment's id and its method and reference (unique together). */
    record ReferencedId(String method, String reference, long id) {}

    /** A gateway customer brought over, unless the customer already has one for that gateway (set up here). */
    int insertGatewayCustomer(
            @Param("customerId") long customerId,
            @Param("gateway") String gateway,
            @Param("gatewayCustomerId") String gatewayCustomerId,
            @Param("paymentMethodId") String paymentMethodId,
            @Param("at") Instant at);

    void insertHistoricalLine(HistoricalLine line);

    /** A plan change the source made and billed: active, reconciled already (never billed here). */
    void insertHistoricalPlanChange(
            @Param("subscriptionId") long subscriptionId,
            @Param("kind") String kind,
            @Param("effectiveDate") LocalDate effectiveDate,
            @Param("fromPlanId") long fromPlanId,
            @Param("toPlanId") long toPlanId,
            @Param("at") Instant at,
            @Param("reason") String reason,
            @Param("key") GeneratedKey key);

    void insertHistoricalTax(
            @Param("invoiceId") long invoiceId,
            @Param("name") String name,
            @Param("rate") BigDecimal rate,
            @Param("base") BigDecimal base,
            @Param("amount") BigDecimal amount);

    /** Every customer as an invoice would snapshot it now. */
    List<BillTo> selectBillTo();

    /** A seller entity as an invoice snapshots it. */
    String selectSellerSnapshot(@Param("id") long sellerEntityId);

    void insertHistoricalPayment(@Param("p") HistoricalPayment payment, @Param("key") GeneratedKey key);

    /** A refund of an imported payment: counted on it, and the payment REFUNDED once refunded in full. */
    int refundHistoricalPayment(@Param("id") long paymentId, @Param("amount") BigDecimal amount);

    /**
     * The "invoice issued" email of an imported invoice, recorded as not to be sent (the source
     * sent it): the nightly notices skip an invoice whose email is in the outbox.
     */
    void insertSentElsewhereNotice(
            @Param("invoiceId") long invoiceId, @Param("customerId") long customerId, @Param("at") Instant at);

    /** What each customer still owes on its open invoices of one series (key: customer id; measure "open"). */
    List<Amount> selectOpenBalances(@Param("seriesKey") String seriesKey);

    /**
     * Per currency and year: invoiced in one series (issued, not void) by issue date, and paid (less
     * refunds) on the payments one actor recorded, by the day received (key: the year).
     */
    List<Amount> selectYearTotals(@Param("seriesKey") String seriesKey, @Param("recordedBy") String recordedBy);

    /** The highest revision of every service's charge per period (an imported line that repeats one takes the next). */
    List<LineRevision> selectLineRevisions();

    /**
     * An imported invoice whose source changed (paid, cancelled, sent to collections): its status
     * and what was paid; what was paid never goes down (a payment recorded here stays).
     */
    int resettleHistoricalInvoice(
            @Param("id") long id,
            @Param("status") String status,
            @Param("amountPaid") BigDecimal amountPaid,
            @Param("paidAt") Instant paidAt);
}
