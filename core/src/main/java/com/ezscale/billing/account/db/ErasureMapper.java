package com.ezscale.billing.account.db;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;

/** The statements of a customer's erasure: each anonymises one place its personal data lived. */
@Mapper
public interface ErasureMapper {

    /** Name, company, e-mail, address, VAT number replaced; the customer closed and marked erased. */
    int anonymiseCustomer(@Param("customerId") long customerId, @Param("at") Instant at);

    /** Records the customer's request to be erased: 1 the first time, 0 after (or once erased). */
    int requestErasure(@Param("customerId") long customerId, @Param("at") Instant at, @Param("by") String by);

    /** The customer's request to be erased, or null. */
    ErasureRequest selectErasureRequest(@Param("customerId") long customerId);

    /** The login history of the customer's logins (before the logins' e-mails change). */
    int anonymiseLoginHistory(@Param("customerId") long customerId);

    int anonymiseLogins(@Param("customerId") long customerId);

    int deletePasswordTokens(@Param("customerId") long customerId);

    int revokeTokens(@Param("customerId") long customerId, @Param("at") Instant at);

    int anonymiseWebhooks(@Param("customerId") long customerId);

    /** E-mails sent or to be sent: their payload (address, name, text) dropped; pending ones cancelled. */
    int scrubEmails(@Param("customerId") long customerId);

    /** Audit entries naming the customer's e-mail or name: the words replaced, the entries kept. */
    int scrubAudit(@Param("email") String email, @Param("name") String name, @Param("replacement") String replacement);

    /** Up to {@code limit} issued invoices of erased customers past retention as of {@code asOf}, after {@code afterId}. */
    List<RetentionCandidate> selectPastRetention(
            @Param("asOf") LocalDate asOf,
            @Param("years") int years,
            @Param("afterId") long afterId,
            @Param("limit") int limit);

    /**
     * The record of each invoice's erasure; the database refuses one that is not past retention. Written as rows of
     * {@code VALUES}, not {@code INSERT … SELECT}: the latter fails on MariaDB 11.4.5 for several rows into a table
     * with a {@code BEFORE UPDATE} trigger (README, "MariaDB 11.4.5 and INSERT … SELECT").
     */
    int insertRetentionErasures(
            @Param("due") List<RetentionCandidate> due,
            @Param("asOf") LocalDate asOf,
            @Param("years") int years,
            @Param("at") Instant at);

    /** The invoices' bill-to snapshots anonymised (region and country kept); amounts untouched. */
    int anonymiseInvoiceSnapshots(@Param("invoiceIds") List<Long> invoiceIds);

    /** The stored PDFs of the invoices and of their credit notes. */
    int deleteInvoiceDocuments(@Param("invoiceIds") List<Long> invoiceIds);
}
