package com.ezscale.billing.app.invoice;

import com.ezscale.billing.app.BillingProperties;
import com.ezscale.billing.catalog.PriceList;
import com.ezscale.billing.catalog.db.CatalogMapper;
import com.ezscale.billing.customer.db.CustomerMapper;
import com.ezscale.billing.customer.db.CustomerRow;
import com.ezscale.billing.discount.Coupon;
import com.ezscale.billing.discount.LoyaltyTiers;
import com.ezscale.billing.discount.db.CouponMapper;
import com.ezscale.billing.discount.db.Coupons;
import com.ezscale.billing.discount.db.RedemptionRow;
import com.ezscale.billing.invoice.BillingRules;
import com.ezscale.billing.invoice.CustomerBillingInput;
import com.ezscale.billing.invoice.CustomerBillingInput.DiscountState;
import com.ezscale.billing.invoice.CustomerBillingInput.PlanHistory;
import com.ezscale.billing.invoice.CustomerBillingInput.UsageHistory;
import com.ezscale.billing.invoice.InvoiceGenerator;
import com.ezscale.billing.invoice.LineKey;
import com.ezscale.billing.invoice.UsageCharge;
import com.ezscale.billing.invoice.db.CoverageRow;
import com.ezscale.billing.invoice.db.InvoiceMapper;
import com.ezscale.billing.invoice.db.SellerEntity;
import com.ezscale.billing.subscription.PlanChange;
import com.ezscale.billing.subscription.Subscription;
import com.ezscale.billing.subscription.db.PlanChangeMapper;
import com.ezscale.billing.subscription.db.PlanChangeRow;
import com.ezscale.billing.subscription.db.SubscriptionMapper;
import com.ezscale.billing.tax.TaxParty;
import com.ezscale.billing.tax.TaxPolicy;
import com.ezscale.billing.tax.db.TaxRuleMapper;
import com.ezscale.billing.tax.db.TaxRuleRow;
import com.ezscale.billing.usage.UnbilledRating;
import com.ezscale.billing.usage.UsageEvidence;
import com.ezscale.billing.usage.db.RatingMapper;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.ibatis.session.SqlSession;

/**
 * The one loader of what the invoice generator reads: the generator itself (prices, price lists,
 * seller, tax rules, loyalty tiers, approval policy, read once) and the billing input of customers
 * with something due, a keyset page at a time (customers, their due services, the lines that exist,
 * their unbilled usage, plan history, discounts, tenure and previous usage: a few queries a page, so
 * memory is one page whatever the number of customers). The invoice run's reader, {@code preview}
 * and the portal's next-invoice view use it alike. Built on a session's mappers: the run's batching
 * session inside a chunk, the application's anywhere else.
 */
public final class BillingInputs {

    private final CustomerMapper customers;
    private final SubscriptionMapper subscriptions;
    private final InvoiceMapper invoices;
    private final RatingMapper ratings;
    private final PlanChangeMapper planChanges;
    private final CouponMapper coupons;
    private final CatalogMapper catalog;
    private final TaxRuleMapper taxRules;
    private final BillingProperties properties;
    private Map<Long, Coupon> allCoupons;

    private BillingInputs(SqlSession session, BillingProperties properties) {
        this.customers = session.getMapper(CustomerMapper.class);
        this.subscriptions = session.getMapper(SubscriptionMapper.class);
        this.invoices = session.getMapper(InvoiceMapper.class);
        this.ratings = session.getMapper(RatingMapper.class);
        this.planChanges = session.getMapper(PlanChangeMapper.class);
        this.coupons = session.getMapper(CouponMapper.class);
        this.catalog = session.getMapper(CatalogMapper.class);
        this.taxRules = session.getMapper(TaxRuleMapper.class);
        this.properties = properties;
    }

    /** A loader reading through {@code session} (a Batch chunk's batching session, or the application's). */
    public static BillingInputs on(SqlSession session, BillingProperties properties) {
        return new BillingInputs(session, properties);
    }

    /** The seller invoices are issued by ({@code ezscale.billing.seller-code}). */
    public SellerEntity seller() {
        return invoices.selectSellers().stream()
                .filter(s -> s.code().equals(properties.sellerCode()))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException(
                        "no seller_entity with code " + properties.sellerCode() + " (ezscale.billing.seller-code)"));
    }

    /** The generator the run and {@code preview} share. */
    public InvoiceGenerator generator() {
        PriceList prices = new PriceList(catalog.selectPlans(), catalog.selectPrices());
        Map<Currency, Boolean> lists = new HashMap<>();
        catalog.selectPriceLists().forEach(p -> lists.put(p.currency(), p.taxInclusive()));
        SellerEntity seller = seller();
        TaxPolicy tax = new TaxPolicy(
                taxRules.selectTaxRules().stream().map(TaxRuleRow::toRule).toList());
        LoyaltyTiers loyalty = new LoyaltyTiers(coupons.selectLoyaltyTiers().stream()
                .map(t -> new LoyaltyTiers.Tier(t.minMonths(), t.percent()))
                .toList());
        BillingRules rules = new BillingRules(
                lists,
                TaxParty.seller(seller.country(), seller.vatNumber()),
                tax,
                loyalty,
                properties.approvalPolicy());
        return new InvoiceGenerator(prices, properties.generatorSettings(), rules);
    }

    /**
     * The next page (keyset on customer id, after {@code afterId}) of customers with a service due by
     * {@code horizon} or rated usage not yet invoiced; only {@code onlyCustomerId} if not null. What the
     * invoice run bills: never a customer WHMCS still bills in the parallel run.
     */
    public List<CustomerBillingInput> page(long afterId, LocalDate horizon, int pageSize, Long onlyCustomerId) {
        return page(afterId, horizon, pageSize, onlyCustomerId, false);
    }

    /**
     * As {@link #page(long, LocalDate, int, Long)}, choosing by the parallel run's shadow flag:
     * {@code true} only the customers WHMCS still bills, {@code false} only the others, null both.
     */
    public List<CustomerBillingInput> page(
            long afterId, LocalDate horizon, int pageSize, Long onlyCustomerId, Boolean shadow) {
        return page(afterId, null, horizon, pageSize, onlyCustomerId, shadow);
    }

    /**
     * The invoice run's page within a range of customer ids, after {@code afterId} and up to {@code lastId}
     * (null: to the end): one partition of a partitioned run.
     */
    public List<CustomerBillingInput> page(
            long afterId, Long lastId, LocalDate horizon, int pageSize, Long onlyCustomerId, Boolean shadow) {
        List<CustomerRow> rows = customers.selectDuePage(afterId, lastId, horizon, pageSize, onlyCustomerId, shadow);
        if (rows.isEmpty()) {
            return List.of();
        }
        List<Long> ids = rows.stream().map(CustomerRow::id).toList();
        Map<Long, List<Subscription>> servicesByCustomer = new HashMap<>();
        Map<Long, Long> customerOfService = new HashMap<>();
        for (Subscription s : subscriptions.selectDueForCustomers(ids, horizon)) {
            servicesByCustomer
                    .computeIfAbsent(s.customerId(), k -> new ArrayList<>())
                    .add(s);
            customerOfService.put(s.id(), s.customerId());
        }
        Map<Long, Set<LineKey>> linesByCustomer = new HashMap<>();
        for (LineKey key : invoices.selectExistingLineKeys(ids)) {
            Long customerId = customerOfService.get(key.subscriptionId());
            if (customerId != null) {
                linesByCustomer
                        .computeIfAbsent(customerId, k -> new HashSet<>())
                        .add(key);
            }
        }
        Map<Long, List<UsageCharge>> usageByCustomer = new HashMap<>();
        for (UnbilledRating usage : ratings.selectUnbilled(ids)) {
            usageByCustomer
                    .computeIfAbsent(usage.customerId(), k -> new ArrayList<>())
                    .addAll(UsageEvidence.charges(usage));
        }
        Map<Long, PlanHistory> plans = planHistories(ids);
        Map<Long, DiscountState> discounts = discountStates(ids);
        Map<String, BigDecimal> previousUsage = new HashMap<>();
        invoices.selectPreviousUsage(ids)
                .forEach(r -> previousUsage.put(r.ratedUsageId() + ":" + r.chargeKind(), r.amount()));
        UsageHistory usageHistory = new UsageHistory(previousUsage);
        List<CustomerBillingInput> page = new ArrayList<>(rows.size());
        for (CustomerRow row : rows) {
            page.add(new CustomerBillingInput(
                    row.toCustomer(),
                    servicesByCustomer.getOrDefault(row.id(), List.of()),
                    linesByCustomer.getOrDefault(row.id(), Set.of()),
                    usageByCustomer.getOrDefault(row.id(), List.of()),
                    plans.get(row.id()),
                    discounts.get(row.id()),
                    usageHistory));
        }
        return page;
    }

    /** Plan changes of a page of customers, and the coverage already billed for the services they touch. */
    private Map<Long, PlanHistory> planHistories(List<Long> ids) {
        Map<Long, List<PlanChange>> changes = new HashMap<>();
        Map<Long, Long> customerOf = new HashMap<>();
        for (PlanChangeRow row : planChanges.selectPlanChanges(ids)) {
            changes.computeIfAbsent(row.customerId(), k -> new ArrayList<>()).add(row.toPlanChange());
            customerOf.put(row.subscriptionId(), row.customerId());
        }
        Map<Long, List<PlanHistory.Coverage>> coverage = new HashMap<>();
        if (!customerOf.isEmpty()) {
            for (CoverageRow row : invoices.selectCoverage(List.copyOf(customerOf.keySet()))) {
                coverage.computeIfAbsent(customerOf.get(row.subscriptionId()), k -> new ArrayList<>())
                        .add(row.toCoverage());
            }
        }
        Map<Long, PlanHistory> result = new HashMap<>();
        for (long id : ids) {
            result.put(id, new PlanHistory(changes.getOrDefault(id, List.of()), coverage.getOrDefault(id, List.of())));
        }
        return result;
    }

    /** Coupons redeemed by a page of customers (coupons themselves read once) and their tenure. */
    private Map<Long, DiscountState> discountStates(List<Long> ids) {
        if (allCoupons == null) {
            allCoupons = Coupons.load(coupons);
        }
        Map<Long, List<DiscountState.Redemption>> redemptions = new HashMap<>();
        for (RedemptionRow row : coupons.selectRedemptions(ids)) {
            redemptions
                    .computeIfAbsent(row.customerId(), k -> new ArrayList<>())
                    .add(new DiscountState.Redemption(
                            row.id(), row.subscriptionId(), allCoupons.get(row.couponId()), row.cyclesUsed()));
        }
        Map<Long, LocalDate> since = new HashMap<>();
        customers.selectCustomerSince(ids).forEach(r -> since.put(r.customerId(), r.since()));
        Map<Long, DiscountState> result = new HashMap<>();
        for (long id : ids) {
            result.put(id, new DiscountState(redemptions.getOrDefault(id, List.of()), since.get(id)));
        }
        return result;
    }
}
