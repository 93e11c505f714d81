package com.ezscale.billing.creditnote.db;

import com.ezscale.billing.persistence.GeneratedKey;
import java.math.BigDecimal;
import java.util.List;
import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;

/** Credit notes, their lines and taxes (the credit note feature owns the tables); what was already credited per invoice. */
@Mapper
public interface CreditNoteMapper {

    List<CreditableLineRow> selectCreditableLines(@Param("invoiceId") long invoiceId);

    List<CreditedLineRow> selectCreditedLines(@Param("invoiceId") long invoiceId);

    List<TaxRow> selectCreditedTaxes(@Param("invoiceId") long invoiceId);

    BigDecimal selectCreditedTotal(@Param("invoiceId") long invoiceId);

    /** The part of earlier credit notes that reduced what the customer owed (not paid out or credited). */
    BigDecimal selectBalanceReductions(@Param("invoiceId") long invoiceId);

    void insertCreditNote(@Param("n") CreditNoteInsert note, @Param("key") GeneratedKey key);

    void insertCreditNoteLine(
            @Param("noteId") long noteId,
            @Param("lineNo") int lineNo,
            @Param("invoiceLineId") Long invoiceLineId,
            @Param("description") String description,
            @Param("amount") BigDecimal amount,
            @Param("taxName") String taxName,
            @Param("taxRate") BigDecimal taxRate);

    void insertCreditNoteTax(@Param("noteId") long noteId, @Param("t") TaxRow tax);
}
