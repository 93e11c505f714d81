package com.ezscale.billing.jobs.invoice;

import com.ezscale.billing.customer.db.CustomerMapper;
import com.ezscale.billing.customer.db.CustomerRow;
import com.ezscale.billing.invoice.CustomerBillingInput;
import com.ezscale.billing.invoice.LineKey;
import com.ezscale.billing.invoice.db.InvoiceMapper;
import com.ezscale.billing.subscription.Subscription;
import com.ezscale.billing.subscription.db.SubscriptionMapper;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamReader;

/**
 * Reads customers with a service due by {@code horizon} in keyset pages (three queries a page:
 * customers, their due services, the lines that exist), so memory is one page whatever the number
 * of customers. The last customer handed out is saved at every commit; a restart resumes after it.
 */
public class DueCustomerReader implements ItemStreamReader<CustomerBillingInput> {

    static final String LAST_CUSTOMER_ID = "lastCustomerId";

    private final CustomerMapper customers;
    private final SubscriptionMapper subscriptions;
    private final InvoiceMapper invoices;
    private final LocalDate horizon;
    private final int pageSize;

    private final Deque<CustomerBillingInput> page = new ArrayDeque<>();
    private long lastReadId;
    private long lastFetchedId;

    public DueCustomerReader(CustomerMapper customers, SubscriptionMapper subscriptions, InvoiceMapper invoices,
                             LocalDate horizon, int pageSize) {
        this.customers = customers;
        this.subscriptions = subscriptions;
        this.invoices = invoices;
        this.horizon = horizon;
        this.pageSize = pageSize;
    }

    @Override
    public void open(ExecutionContext context) {
        lastReadId = context.getLong(LAST_CUSTOMER_ID, 0L);
        lastFetchedId = lastReadId;
        page.clear();
    }

    @Override
    public void update(ExecutionContext context) {
        context.putLong(LAST_CUSTOMER_ID, lastReadId);
    }

    @Override
    public CustomerBillingInput read() {
        if (page.isEmpty()) {
            fetchPage();
        }
        CustomerBillingInput next = page.poll();
        if (next != null) {
            lastReadId = next.customer().id();
        }
        return next;
    }

    private void fetchPage() {
        List<CustomerRow> rows = customers.selectDuePage(lastFetchedId, horizon, pageSize);
        if (rows.isEmpty()) {
            return;
        }
        List<Long> ids = rows.stream().map(CustomerRow::id).toList();
        Map<Long, List<Subscription>> servicesByCustomer = new HashMap<>();
        Map<Long, Long> customerOfService = new HashMap<>();
        for (Subscription s : subscriptions.selectDueForCustomers(ids, horizon)) {
            servicesByCustomer.computeIfAbsent(s.customerId(), k -> new ArrayList<>()).add(s);
            customerOfService.put(s.id(), s.customerId());
        }
        Map<Long, Set<LineKey>> linesByCustomer = new HashMap<>();
        for (LineKey key : invoices.selectExistingLineKeys(ids)) {
            Long customerId = customerOfService.get(key.subscriptionId());
            if (customerId != null) {
                linesByCustomer.computeIfAbsent(customerId, k -> new HashSet<>()).add(key);
            }
        }
        for (CustomerRow row : rows) {
            page.add(new CustomerBillingInput(row.toCustomer(), servicesByCustomer.getOrDefault(row.id(), List.of()),
                    linesByCustomer.getOrDefault(row.id(), Set.of())));
        }
        lastFetchedId = rows.get(rows.size() - 1).id();
    }
}
