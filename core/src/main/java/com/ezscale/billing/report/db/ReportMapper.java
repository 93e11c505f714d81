package com.ezscale.billing.report.db;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;

/** The finance pack's figures, each aggregated by the database from the ledger (issued invoices, credit notes, payments). */
@Mapper
public interface ReportMapper {

    /**
     * Open receivables on {@code asOf} per customer and currency: each invoice issued by then, less
     * the credit applied to it, the payments received by then and the credit notes issued by then.
     */
    List<AgingRow> selectAging(@Param("asOf") LocalDate asOf);

    List<RevenueRow> selectRevenue(@Param("from") LocalDate from, @Param("to") LocalDate to);

    List<TaxReportRow> selectTax(@Param("from") LocalDate from, @Param("to") LocalDate to);

    List<ReverseChargeRow> selectReverseCharge(@Param("from") LocalDate from, @Param("to") LocalDate to);

    List<PaymentReportRow> selectPayments(@Param("from") LocalDate from, @Param("to") LocalDate to);

    List<CreditNoteReportRow> selectCreditNotes(@Param("from") LocalDate from, @Param("to") LocalDate to);

    List<DunningReportRow> selectDunning(@Param("from") LocalDate from, @Param("to") LocalDate to);

    List<ProfitAndLossRow> selectProfitAndLoss(@Param("from") LocalDate from, @Param("to") LocalDate to);

    /** Whether the MRR snapshot of {@code asOf} was taken. */
    boolean selectMrrDayTaken(@Param("asOf") LocalDate asOf);

    /**
     * Stores {@code asOf}'s MRR per customer and currency: every recurring service started by that day,
     * not ended, out of its trial, not a WHMCS shadow, at its plan's list price for its cycle and the
     * customer's currency, divided by the cycle's months. Pending and terminated services count nothing.
     */
    int insertMrrSnapshot(@Param("asOf") LocalDate asOf);

    int insertMrrDay(@Param("asOf") LocalDate asOf, @Param("customers") int customers, @Param("at") Instant at);

    /** The last snapshot day of each month from {@code from} to {@code to}. */
    List<LocalDate> selectMonthEndSnapshotDays(@Param("from") LocalDate from, @Param("to") LocalDate to);

    List<MrrRow> selectMrr(@Param("days") List<LocalDate> days);

    /**
     * Deferred revenue at the end of {@code day}: of every line of the invoices issued by then, the part
     * of its amount for the days of its period after {@code day} (a line's amount spread evenly over its
     * days), less the same for the credit note lines issued by then (spread over the line they credit).
     */
    List<DeferredRow> selectDeferred(@Param("day") LocalDate day);

    /** The latest rating of every usage period starting from {@code from} to {@code to}, highest 95th percentile first. */
    List<UsageReportRow> selectUsage(@Param("from") LocalDate from, @Param("to") LocalDate to);

    List<ThresholdEventRow> selectThresholdEvents(@Param("from") LocalDate from, @Param("to") LocalDate to);

    /** Unattributed traffic by day and prefix, the largest first within a day. */
    List<LeakRow> selectLeak(@Param("from") LocalDate from, @Param("to") LocalDate to);

    /** The files of the monthly pack for {@code period} (YYYY-MM) already written. */
    List<ReportFileRow> selectReportFiles(@Param("period") String period);

    int insertReportFile(@Param("f") ReportFileRow file);

    /** The newest pack files first. */
    List<StoredReportFile> selectStoredReportFiles(@Param("limit") int limit);

    StoredReportFile selectStoredReportFile(@Param("id") long id);

    /** The file a financeReport execution wrote; 1, or 0 when that execution's file is stored already (a restart). */
    int insertReportOutput(@Param("o") ReportOutput output);

    ReportOutput selectReportOutput(@Param("id") long id);

    /** The reports asked for in the portal, newest first, with their progress and file. */
    List<ReportRequestRow> selectReportRequests(@Param("limit") int limit);
}
