package com.ezscale.billing.jobs.invoice;

import com.ezscale.billing.customer.db.CustomerMapper;
import com.ezscale.billing.customer.db.CustomerRow;
import com.ezscale.billing.invoice.CustomerBillingInput;
import com.ezscale.billing.invoice.LineKey;
import com.ezscale.billing.invoice.UsageCharge;
import com.ezscale.billing.usage.UsageEvidence;
import com.ezscale.billing.usage.db.RatingMapper;
import com.ezscale.billing.usage.db.UnbilledUsageRow;
import com.ezscale.billing.invoice.db.InvoiceMapper;
import com.ezscale.billing.subscription.Subscription;
import com.ezscale.billing.subscription.db.SubscriptionMapper;
import com.ezscale.billing.jobs.batch.KeysetPageReader;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads customers with a service due by {@code horizon} or rated usage not yet invoiced, in keyset
 * pages (four queries a page: customers, their due services, the lines that exist, their unbilled
 * usage), so memory is one page whatever the number
 * of customers; restartable after the last committed customer.
 */
public class DueCustomerReader extends KeysetPageReader<CustomerBillingInput> {

    private final CustomerMapper customers;
    private final SubscriptionMapper subscriptions;
    private final InvoiceMapper invoices;
    private final RatingMapper ratings;
    private final LocalDate horizon;
    private final int pageSize;

    public DueCustomerReader(CustomerMapper customers, SubscriptionMapper subscriptions, InvoiceMapper invoices, RatingMapper ratings,
                             LocalDate horizon, int pageSize) {
        super("lastCustomerId");
        this.customers = customers;
        this.subscriptions = subscriptions;
        this.invoices = invoices;
        this.ratings = ratings;
        this.horizon = horizon;
        this.pageSize = pageSize;
    }

    @Override
    protected long idOf(CustomerBillingInput item) {
        return item.customer().id();
    }

    @Override
    protected List<CustomerBillingInput> fetchPage(long afterId) {
        List<CustomerRow> rows = customers.selectDuePage(afterId, horizon, pageSize);
        if (rows.isEmpty()) {
            return List.of();
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
        Map<Long, List<UsageCharge>> usageByCustomer = new HashMap<>();
        for (UnbilledUsageRow usage : ratings.selectUnbilled(ids)) {
            usageByCustomer.computeIfAbsent(usage.customerId(), k -> new ArrayList<>()).addAll(UsageEvidence.charges(usage));
        }
        List<CustomerBillingInput> page = new ArrayList<>(rows.size());
        for (CustomerRow row : rows) {
            page.add(new CustomerBillingInput(row.toCustomer(), servicesByCustomer.getOrDefault(row.id(), List.of()),
                    linesByCustomer.getOrDefault(row.id(), Set.of()), usageByCustomer.getOrDefault(row.id(), List.of())));
        }
        return page;
    }
}
