package com.ezscale.billing.customer.db;

import com.ezscale.billing.customer.CustomerDetails;
import com.ezscale.billing.customer.CustomerStatus;
import com.ezscale.billing.persistence.GeneratedKey;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.TreeSet;
import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;

@Mapper
public interface CustomerMapper {

    void insert(@Param("c") CustomerRow customer, @Param("createdAt") Instant createdAt);

    /**
     * The next page (keyset on id, after {@code afterId}) of open customers with something to bill by
     * {@code horizon}: a billable service due, a plan change to bill, or rated usage not yet invoiced.
     * {@code customerId} (or null) restricts it to one; {@code shadow}: only customers WHMCS still bills
     * in the parallel run (true), only the others (false, what the invoice run bills), or both (null).
     *
     * <p>Merged from three id sources, each read in customer order up to {@code limit}: the due services
     * first, whose last id (when it fills the page) bounds the other two, so every page reads about a
     * page of rows whatever the size of the book.
     */
    default List<CustomerRow> selectDuePage(
            long afterId, LocalDate horizon, int limit, Long customerId, Boolean shadow) {
        return selectDuePage(afterId, null, horizon, limit, customerId, shadow);
    }

    /** As {@link #selectDuePage(long, LocalDate, int, Long, Boolean)}, only customers up to {@code lastId} (null: all). */
    default List<CustomerRow> selectDuePage(
            long afterId, Long lastId, LocalDate horizon, int limit, Long customerId, Boolean shadow) {
        DueRange range = new DueRange(afterId, lastId, limit, customerId, shadow);
        List<Long> due = selectDueServiceCustomerIds(range, horizon);
        DueRange rest = due.size() == limit ? range.endingAt(due.get(due.size() - 1)) : range;
        TreeSet<Long> ids = new TreeSet<>(due);
        ids.addAll(selectPlanChangeCustomerIds(rest));
        ids.addAll(selectUnbilledUsageCustomerIds(rest));
        if (ids.isEmpty()) {
            return List.of();
        }
        return selectCustomersByIds(ids.stream().limit(limit).toList());
    }

    /** Customers in the range with a billable service due by the horizon, in id order. */
    List<Long> selectDueServiceCustomerIds(@Param("range") DueRange range, @Param("horizon") LocalDate horizon);

    /** Customers in the range with a plan change still to bill. */
    List<Long> selectPlanChangeCustomerIds(@Param("range") DueRange range);

    /** Customers in the range with a latest rating no invoice line has billed. */
    List<Long> selectUnbilledUsageCustomerIds(@Param("range") DueRange range);

    /** The customers, in id order. */
    List<CustomerRow> selectCustomersByIds(@Param("ids") List<Long> ids);

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
