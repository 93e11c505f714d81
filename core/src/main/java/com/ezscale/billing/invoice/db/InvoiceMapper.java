package com.ezscale.billing.invoice.db;

import com.ezscale.billing.invoice.Invoice;
import com.ezscale.billing.invoice.InvoiceLine;
import com.ezscale.billing.invoice.LineKey;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;

@Mapper
public interface InvoiceMapper {

    List<SellerEntity> selectSellers();

    void insertDraft(@Param("i") InvoiceDraftRow draft);

    List<DraftId> selectDraftIds(@Param("runId") long runId, @Param("customerIds") List<Long> customerIds);

    void insertLine(@Param("l") InvoiceLineRow line);

    void insertTax(@Param("t") InvoiceTaxRow tax);

    void settlePlanChanges(@Param("ids") List<Long> ids);

    /** Points the upgrades billed by this run's drafts at their invoice, which expires unpaid on {@code expiresOn}. */
    void linkUpgradeInvoices(@Param("runId") long runId, @Param("customerIds") List<Long> customerIds, @Param("expiresOn") LocalDate expiresOn);

    List<IssueSettlement> selectIssueSettlements(@Param("ids") List<Long> ids);

    List<Long> lockCustomers(@Param("ids") List<Long> ids);

    List<CreditBalance> selectCreditBalances(@Param("customerIds") List<Long> customerIds);

    void insertLedgerEntry(@Param("e") LedgerEntryRow entry);

    int settleWithCredit(@Param("id") long id, @Param("applied") java.math.BigDecimal applied, @Param("status") String status,
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
    int issue(@Param("id") long id, @Param("seriesKey") String seriesKey, @Param("sequenceValue") long sequenceValue,
              @Param("number") String number, @Param("issueDate") LocalDate issueDate, @Param("issuedAt") Instant issuedAt);

    Invoice selectById(@Param("id") long id);

    List<InvoiceLine> selectLines(@Param("invoiceId") long invoiceId);

    List<InvoiceTotals> selectTotalsByStatusAndCurrency();
}
