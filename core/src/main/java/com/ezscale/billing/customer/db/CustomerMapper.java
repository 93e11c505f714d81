package com.ezscale.billing.customer.db;

import com.ezscale.billing.customer.CustomerDetails;
import com.ezscale.billing.customer.CustomerStatus;
import com.ezscale.billing.persistence.GeneratedKey;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;

@Mapper
public interface CustomerMapper {

    void insert(@Param("c") CustomerRow customer, @Param("createdAt") Instant createdAt);

    /**
     * The next page (keyset on id) of open customers that have a billable service whose cursor is
     * on or before {@code horizon}.
     */
    /**
     * The next page of customers with something to bill; {@code customerId} (or null) restricts it to
     * one; {@code shadow}: only customers WHMCS still bills in the parallel run (true), only the others
     * (false, what the invoice run bills), or both (null).
     */
    List<CustomerRow> selectDuePage(
            @Param("afterId") long afterId,
            @Param("horizon") LocalDate horizon,
            @Param("limit") int limit,
            @Param("customerId") Long customerId,
            @Param("shadow") Boolean shadow);

    int updateAddress(@Param("c") CustomerRow customer);

    long selectMaxId();

    String selectCustomerCountry(@Param("customerId") long customerId);

    String selectCustomerCurrency(@Param("customerId") long customerId);

    /** Locks the customer row (serialises credit operations). */
    Long lockCustomer(@Param("id") long id);

    /** Lets this session change a billing currency despite issued invoices (the trigger checks it); always ended after. */
    void declareCurrencyConversion(@Param("reason") String reason);

    void endCurrencyConversion();

    void updateBillingCurrency(@Param("id") long id, @Param("currency") String currency);

    /** Where the customer's notices go. */
    Contact selectContact(@Param("customerId") long customerId);

    boolean selectCreditOptOut(@Param("customerId") long customerId);

    /** The gateway the customer pays through: STRIPE, PAYPAL or MANUAL (nothing is charged); null without the customer. */
    String selectPreferredGateway(@Param("customerId") long customerId);

    int updatePreferredGateway(@Param("customerId") long customerId, @Param("gateway") String gateway);

    List<Long> lockCustomers(@Param("ids") List<Long> ids);

    /** The start of each customer's oldest active (or suspended) service. */
    List<CustomerSinceRow> selectCustomerSince(@Param("customerIds") List<Long> customerIds);

    /** A new customer, ACTIVE, its id from the database. */
    void insertCustomer(
            @Param("d") CustomerDetails details, @Param("createdAt") Instant createdAt, @Param("key") GeneratedKey key);

    /** Everything an admin edits; the billing currency changes only through convert-currency. */
    int updateDetails(@Param("id") long id, @Param("d") CustomerDetails details);

    int updateStatus(@Param("id") long id, @Param("status") CustomerStatus status);

    CustomerView selectCustomerView(@Param("id") long id);

    List<CustomerView> selectCustomerViews(
            @Param("afterId") long afterId, @Param("limit") int limit, @Param("status") CustomerStatus status);

    /**
     * A page of customers after {@code afterId} whose name, company or e-mail contains the text
     * ({@code pattern}: the text as a LIKE pattern, its wildcards escaped), or whose id, external
     * reference or VAT number is it; all when {@code text} is null.
     */
    List<CustomerView> searchCustomerViews(
            @Param("text") String text,
            @Param("pattern") String pattern,
            @Param("id") Long id,
            @Param("status") CustomerStatus status,
            @Param("afterId") long afterId,
            @Param("limit") int limit);

    void upsertGroup(@Param("g") CustomerGroup group);

    List<CustomerGroup> selectGroups();

    CustomerGroup selectGroup(@Param("code") String code);
}
