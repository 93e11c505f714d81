package com.ezscale.billing.report.db;

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
}
