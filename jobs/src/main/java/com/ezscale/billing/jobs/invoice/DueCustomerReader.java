package com.ezscale.billing.jobs.invoice;

import com.ezscale.billing.customer.db.CustomerMapper;
import com.ezscale.billing.customer.db.CustomerRow;
import com.ezscale.billing.discount.Coupon;
import com.ezscale.billing.invoice.BillingExtras;
import com.ezscale.billing.invoice.CustomerBillingInput;
import com.ezscale.billing.invoice.db.BillingExtrasMapper;
import com.ezscale.billing.invoice.db.CoverageRow;
import com.ezscale.billing.invoice.db.Coupons;
import com.ezscale.billing.invoice.db.PlanChangeRow;
import com.ezscale.billing.invoice.db.RedemptionRow;
import com.ezscale.billing.subscription.PlanChange;
import java.math.BigDecimal;
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
    private final BillingExtrasMapper extras;
    private Map<Long, Coupon> coupons;
    private final LocalDate horizon;
    private final int pageSize;
    private Long onlyCustomerId;

    public DueCustomerReader(CustomerMapper customers, SubscriptionMapper subscriptions, InvoiceMapper invoices, RatingMapper ratings,
                             BillingExtrasMapper extras, LocalDate horizon, int pageSize) {
        super("lastCustomerId");
        this.customers = customers;
        this.subscriptions = subscriptions;
        this.invoices = invoices;
        this.ratings = ratings;
        this.extras = extras;
        this.horizon = horizon;
        this.pageSize = pageSize;
    }

    /** Restricts the reader to one customer (a run for one customer, or {@code preview}). */
    public DueCustomerReader onlyCustomer(Long customerId) {
        this.onlyCustomerId = customerId;
        return this;
    }

    @Override
    protected long idOf(CustomerBillingInput item) {
        return item.customer().id();
    }

    @Override
    protected List<CustomerBillingInput> fetchPage(long afterId) {
        List<CustomerRow> rows = customers.selectDuePage(afterId, horizon, pageSize, onlyCustomerId);
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
        Map<Long, BillingExtras> extrasByCustomer = extras(ids);
        List<CustomerBillingInput> page = new ArrayList<>(rows.size());
        for (CustomerRow row : rows) {
            page.add(new CustomerBillingInput(row.toCustomer(), servicesByCustomer.getOrDefault(row.id(), List.of()),
                    linesByCustomer.getOrDefault(row.id(), Set.of()), usageByCustomer.getOrDefault(row.id(), List.of()),
                    extrasByCustomer.get(row.id())));
        }
        return page;
    }

    /** Plan changes and their coverage, coupons, tenure and previous usage of a page of customers (five queries, plus coupons once). */
    private Map<Long, BillingExtras> extras(List<Long> ids) {
        if (coupons == null) {
            coupons = Coupons.load(extras);
        }
        Map<Long, List<PlanChange>> changes = new HashMap<>();
        Map<Long, Long> customerOf = new HashMap<>();
        for (PlanChangeRow row : extras.selectPlanChanges(ids)) {
            changes.computeIfAbsent(row.customerId(), k -> new ArrayList<>()).add(row.toPlanChange());
            customerOf.put(row.subscriptionId(), row.customerId());
        }
        Map<Long, List<BillingExtras.Coverage>> coverage = new HashMap<>();
        if (!customerOf.isEmpty()) {
            for (CoverageRow row : extras.selectCoverage(List.copyOf(customerOf.keySet()))) {
                coverage.computeIfAbsent(customerOf.get(row.subscriptionId()), k -> new ArrayList<>()).add(row.toCoverage());
            }
        }
        Map<Long, List<BillingExtras.Redemption>> redemptions = new HashMap<>();
        for (RedemptionRow row : extras.selectRedemptions(ids)) {
            redemptions.computeIfAbsent(row.customerId(), k -> new ArrayList<>()).add(new BillingExtras.Redemption(row.id(), row.subscriptionId(),
                    coupons.get(row.couponId()), row.cyclesUsed()));
        }
        Map<Long, LocalDate> since = new HashMap<>();
        extras.selectCustomerSince(ids).forEach(r -> since.put(r.customerId(), r.since()));
        Map<String, BigDecimal> previousUsage = new HashMap<>();
        extras.selectPreviousUsage(ids).forEach(r -> previousUsage.put(r.ratedUsageId() + ":" + r.chargeKind(), r.amount()));
        Map<Long, BillingExtras> result = new HashMap<>();
        for (long id : ids) {
            result.put(id, new BillingExtras(changes.getOrDefault(id, List.of()), coverage.getOrDefault(id, List.of()),
                    redemptions.getOrDefault(id, List.of()), since.get(id), previousUsage));
        }
        return result;
    }
}
