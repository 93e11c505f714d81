package com.ezscale.billing.migration.db;

import com.ezscale.billing.persistence.GeneratedKey;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;

/** The parallel run with WHMCS: its period, the shadow flag of the customers WHMCS bills, our proposals and the comparison. */
@Mapper
public interface ParallelRunMapper {

    /** A parallel period (open while {@code cutoverOn} is null). */
    record RunRow(
            long id,
            String source,
            LocalDate startedOn,
            LocalDate compareFrom,
            LocalDate lastAsOf,
            LocalDate cutoverOn,
            String cutoverBy,
            Integer acceptedDifferences) {}

    /** An imported WHMCS invoice of a shadow customer, to compare. */
    record ComparedInvoice(
            long invoiceId,
            long customerId,
            String number,
            LocalDate issueDate,
            String currency,
            BigDecimal subtotal,
            BigDecimal taxTotal,
            BigDecimal total) {}

    /** A line of an imported WHMCS invoice. */
    record ComparedLine(
            long invoiceId,
            Long subscriptionId,
            String chargeKind,
            LocalDate periodStart,
            LocalDate periodEnd,
            String description,
            BigDecimal amount) {}

    /** Where a service stands here (why our rules may bill none of it). */
    record ServiceState(long id, String status, String cycle, LocalDate startDate, LocalDate endDate) {}

    record ShadowInvoice(
            long parallelRunId,
            long customerId,
            Long whmcsInvoiceId,
            String whmcsNumber,
            LocalDate issueDate,
            LocalDate asOf,
            String currency,
            BigDecimal whmcsTotal,
            BigDecimal ourSubtotal,
            BigDecimal ourTax,
            BigDecimal ourTotal,
            int differences) {}

    record ShadowLine(
            long shadowInvoiceId,
            int lineNo,
            Long subscriptionId,
            String chargeKind,
            LocalDate periodStart,
            String description,
            BigDecimal whmcsAmount,
            BigDecimal ourAmount,
            BigDecimal difference,
            String rule,
            String explanation) {}

    /** A compared line with its customer and WHMCS invoice, as the report lists it. */
    record ReportLine(
            long customerId,
            String whmcsNumber,
            LocalDate issueDate,
            String currency,
            Long subscriptionId,
            String chargeKind,
            LocalDate periodStart,
            String description,
            BigDecimal whmcsAmount,
            BigDecimal ourAmount,
            BigDecimal difference,
            String rule,
            String explanation) {}

    /** Lines per rule in a period's comparison. */
    record RuleCount(String rule, int lines, BigDecimal difference) {}

    RunRow selectOpenRun();

    RunRow selectLatestRun();

    void insertRun(@Param("r") RunRow run, @Param("key") GeneratedKey key);

    int updateLastAsOf(@Param("id") long id, @Param("asOf") LocalDate asOf);

    int closeRun(
            @Param("id") long id,
            @Param("cutoverOn") LocalDate cutoverOn,
            @Param("by") String by,
            @Param("accepted") int acceptedDifferences);

    /** Flags every customer imported from {@code source} as billed by it (the parallel run). */
    int markShadow(@Param("source") String source);

    /** Cutover: every customer is billed here from now on. */
    int clearShadow();

    /** Imported WHMCS invoices of shadow customers issued in [from, to]. */
    List<ComparedInvoice> selectInvoicesToCompare(
            @Param("series") String series, @Param("from") LocalDate from, @Param("to") LocalDate to);

    List<ComparedLine> selectLinesOf(@Param("invoiceIds") Collection<Long> invoiceIds);

    /** A tax an imported WHMCS invoice carries (WHMCS's level 1 is "Tax", level 2 "Tax 2"). */
    record ComparedTax(long invoiceId, String name, BigDecimal rate) {}

    List<ComparedTax> selectTaxesOf(@Param("invoiceIds") Collection<Long> invoiceIds);

    List<ServiceState> selectServiceStates(@Param("ids") Collection<Long> subscriptionIds);

    void insertShadowInvoice(@Param("s") ShadowInvoice invoice, @Param("key") GeneratedKey key);

    void insertShadowLine(@Param("l") ShadowLine line);

    /** The run's comparison, redone every night against the rules and book in force. */
    int deleteComparison(@Param("runId") long runId);

    List<RuleCount> selectRuleCounts(@Param("runId") long runId);

    /** The differing lines of a run (rule other than SAME), by customer and WHMCS invoice. */
    List<ReportLine> selectDifferences(@Param("runId") long runId, @Param("limit") int limit);

    int countShadowCustomers();
}
