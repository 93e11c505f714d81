package com.ezscale.billing.account.db;

import java.time.Instant;
import java.util.List;
import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;

/**
 * What the customer portal reads. Every statement takes the customer and reads only its rows: a
 * number or id of another customer's document finds nothing (the portal answers 404).
 */
@Mapper
public interface AccountMapper {

    /** The newest first, keyset on id. */
    List<AccountCreditNote> selectCreditNotes(
            @Param("customerId") long customerId, @Param("before") Long before, @Param("limit") int limit);

    /** An issued invoice or credit note of this customer by its number: its kind, or null. */
    String selectDocumentKind(@Param("customerId") long customerId, @Param("number") String number);

    List<AccountPayment> selectPayments(
            @Param("customerId") long customerId, @Param("before") Long before, @Param("limit") int limit);

    /** Account credit added and used, the newest first. */
    List<AccountCreditEntry> selectCreditHistory(@Param("customerId") long customerId, @Param("limit") int limit);

    /** The services with the addresses valid at {@code at}. */
    List<AccountService> selectServices(@Param("customerId") long customerId, @Param("at") Instant at);

    AccountService selectService(
            @Param("customerId") long customerId, @Param("serviceId") long serviceId, @Param("at") Instant at);

    /** The number of the invoice imported from WHMCS invoice {@code whmcsId}, if it is this customer's. */
    String selectImportedInvoiceNumber(@Param("customerId") long customerId, @Param("whmcsId") long whmcsId);
}
