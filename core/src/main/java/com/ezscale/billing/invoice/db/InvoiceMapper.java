package com.ezscale.billing.invoice.db;

import com.ezscale.billing.invoice.Invoice;
import com.ezscale.billing.invoice.InvoiceLine;
import com.ezscale.billing.invoice.LineKey;
import com.ezscale.billing.persistence.GeneratedKey;
import com.ezscale.billing.persistence.JsonRows;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;

@Mapper
public interface InvoiceMapper {

    List<SellerEntity> selectSellers();

    /** The invoice numbers here that start with {@code text} (taken literally), of every series. */
    List<String> selectNumbersStartingWith(@Param("text") String text);

    void insertDraft(InvoiceDraftRow draft);

    List<DraftId> selectDraftIds(@Param("runId") long runId, @Param("customerIds") List<Long> customerIds);

    /** The late fee drafts of these overdue invoices (at most one each: unique on late_fee_for_invoice_id). */
    List<LateFeeDraftId> selectLateFeeDraftIds(@Param("invoiceIds") Collection<Long> invoiceIds);

    void insertLine(InvoiceLineRow line);

    void insertTax(InvoiceTaxRow tax);

    List<IssueSettlement> selectIssueSettlements(@Param("ids") List<Long> ids);

    int settleWithCredit(
            @Param("id") long id,
            @Param("applied") BigDecimal applied,
            @Param("status") String status,
            @Param("paidAt") Instant paidAt);

    /** The keys of the lines that exist for these customers' services from each service's cursor on. */
    List<LineKey> selectExistingLineKeys(@Param("customerIds") List<Long> customerIds);

    /** The next page (keyset on id) of drafts not on hold. */
    List<IssuableInvoice> selectIssuablePage(@Param("afterId") long afterId, @Param("limit") int limit);

    void insertSeriesIfAbsent(@Param("seriesKey") String seriesKey);

    /** Locks the series row until the transaction ends and returns its last value. */
    long lockSeries(@Param("seriesKey") String seriesKey);

    void updateSeries(@Param("seriesKey") String seriesKey, @Param("lastValue") long lastValue);

    /** Locks those of {@code ids} that are still drafts (in id order) and returns them. */
    List<Long> lockDrafts(@Param("ids") List<Long> ids);

    /** Issues a draft: its number, dates and the customer's and seller's snapshot, in one statement. */
    default int issue(
            long id, String seriesKey, long sequenceValue, String number, LocalDate issueDate, Instant issuedAt) {
        return issueNumbered(seriesKey, List.of(new IssueNumber(id, sequenceValue, number)), issueDate, issuedAt);
    }

    /**
     * Issues drafts of one series (locked by {@link #lockDrafts}) in one statement, each with its number,
     * the dates and the customer's and seller's snapshot; returns how many were still drafts.
     */
    default int issueNumbered(String seriesKey, List<IssueNumber> numbers, LocalDate issueDate, Instant issuedAt) {
        return issueNumbers(
                seriesKey,
                JsonRows.of(numbers.stream()
                        .map(n -> List.of(n.id(), n.sequenceValue(), n.number()))
                        .toList()),
                issueDate,
                issuedAt);
    }

    /** {@link #issueNumbered}'s statement: {@code numbers} is {@link JsonRows} of [id, sequence value, number]. */
    int issueNumbers(
            @Param("seriesKey") String seriesKey,
            @Param("numbers") String numbers,
            @Param("issueDate") LocalDate issueDate,
            @Param("issuedAt") Instant issuedAt);

    /** A draft's place in its series. */
    record IssueNumber(long id, long sequenceValue, String number) {}

    Invoice selectById(@Param("id") long id);

    List<InvoiceLine> selectLines(@Param("invoiceId") long invoiceId);

    List<InvoiceTotals> selectTotalsByStatusAndCurrency();

    /**
     * Issued invoices newest first (not drafts), filtered by number prefix, customer and status,
     * before the invoice {@code before} (keyset).
     */
    List<InvoiceListRow> selectInvoicePage(
            @Param("number") String numberPrefix,
            @Param("customerId") Long customerId,
            @Param("status") String status,
            @Param("before") Long before,
            @Param("limit") int limit);

    InvoiceListRow selectInvoiceListRow(@Param("number") String number);

    /** By id, or (id null) by number such as INV-2026-000001; locked. */
    InvoiceForCredit lockInvoice(@Param("id") Long id, @Param("number") String number);

    List<InvoiceTaxRow> selectInvoiceTaxes(@Param("invoiceId") long invoiceId);

    int updateInvoiceStatus(@Param("id") long id, @Param("status") String status);

    int approve(@Param("id") long id, @Param("actor") String actor, @Param("at") Instant at);

    List<HeldInvoice> selectHeld();

    int applyPayment(
            @Param("id") long id,
            @Param("amount") BigDecimal amount,
            @Param("status") String status,
            @Param("paidAt") Instant paidAt);

    String selectCreditNoteSeries(@Param("sellerEntityId") long sellerEntityId);

    /** Account credit applied to an issued invoice (adds to what credit already paid). */
    void applyCredit(
            @Param("invoiceId") long invoiceId,
            @Param("amount") BigDecimal amount,
            @Param("status") String status,
            @Param("paidAt") Instant paidAt);

    String selectInvoiceNumber(@Param("id") long invoiceId);

    /** The plan-coverage lines of these services, on invoices not void, less lines an expired upgrade's credit note reversed. */
    List<CoverageRow> selectCoverage(@Param("subscriptionIds") List<Long> subscriptionIds);

    /** For each unbilled rating of these customers, what the same service's previous period billed per usage kind. */
    List<PreviousUsageRow> selectPreviousUsage(@Param("customerIds") List<Long> customerIds);

    /** A seller entity; {@code s.id} is ignored, the new id comes back in {@code key}. */
    void insertSeller(@Param("s") SellerEntity seller, @Param("key") GeneratedKey key);
}
