package com.ezscale.billing.document.db;

import java.time.LocalDate;
import java.util.List;
import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;

/** Issued invoices and credit notes as their documents print them, and the stored documents. */
@Mapper
public interface DocumentMapper {

    /** The issued (not draft) invoice or credit note with this number; an invoice first if both had it. */
    DocumentRef selectRef(@Param("number") String number);

    InvoiceSheet selectInvoiceSheet(@Param("id") long invoiceId);

    List<SheetLine> selectInvoiceLines(@Param("id") long invoiceId);

    List<SheetTax> selectInvoiceTaxes(@Param("id") long invoiceId);

    /** The ratings the invoice's usage lines were billed from. */
    List<UsageEvidence> selectEvidence(@Param("id") long invoiceId);

    CreditNoteSheet selectCreditNoteSheet(@Param("id") long creditNoteId);

    List<CreditNoteSheetLine> selectCreditNoteLines(@Param("id") long creditNoteId);

    List<SheetTax> selectCreditNoteTaxes(@Param("id") long creditNoteId);

    StoredDocument selectStored(@Param("kind") String kind, @Param("sourceId") long sourceId);

    /** Stores a rendered document unless one is already stored for its source (then writes nothing). */
    int insertIgnore(@Param("d") StoredDocument document);

    /**
     * Invoices and credit notes issued from {@code from} to {@code to} (issue dates, both included)
     * with no stored document yet, after {@code afterKind}/{@code afterId} in (kind, id) order: the
     * nightly's page of work.
     */
    List<DocumentRef> selectUnrendered(
            @Param("from") LocalDate from,
            @Param("to") LocalDate to,
            @Param("afterKind") String afterKind,
            @Param("afterId") long afterId,
            @Param("limit") int limit);

    /** How many documents are stored (per kind), for the run's summary. */
    long countStored(@Param("kind") String kind);
}
