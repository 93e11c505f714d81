package com.ezscale.billing.jobs.demo;

import com.ezscale.billing.catalog.Plan;
import com.ezscale.billing.catalog.PlanPrice;
import com.ezscale.billing.catalog.Product;
import com.ezscale.billing.catalog.db.CatalogMapper;
import com.ezscale.billing.customer.Customer;
import com.ezscale.billing.customer.db.CustomerMapper;
import com.ezscale.billing.customer.db.CustomerRow;
import com.ezscale.billing.persistence.PersistenceConfiguration;
import com.ezscale.billing.subscription.IpAssignment;
import com.ezscale.billing.subscription.Subscription;
import com.ezscale.billing.subscription.db.IpAssignmentRow;
import com.ezscale.billing.subscription.db.SubscriptionMapper;
import com.ezscale.billing.usage.db.PlanUsageTermsRow;
import com.ezscale.billing.usage.db.RatingMapper;
import com.ezscale.billing.usage.db.UsagePriceRow;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import org.mybatis.spring.SqlSessionTemplate;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/** Writes demo or benchmark data with batched inserts, a transaction per 5,000 rows. */
@Component
public class DemoDataLoader {

    private static final int ROWS_PER_TRANSACTION = 5_000;

    private final SqlSessionTemplate batch;
    private final TransactionTemplate transactions;
    private final CatalogMapper catalog;
    private final Clock clock;

    public DemoDataLoader(@Qualifier(PersistenceConfiguration.BATCH_SESSION) SqlSessionTemplate batch,
                          TransactionTemplate transactions, CatalogMapper catalog, Clock clock) {
        this.batch = batch;
        this.transactions = transactions;
        this.catalog = catalog;
        this.clock = clock;
    }

    public boolean catalogLoaded() {
        return catalog.selectProducts().stream().anyMatch(p -> p.code().equals(DemoData.MARKER_PRODUCT));
    }

    public void load(DemoData data) {
        Instant now = clock.instant();
        CatalogMapper catalogBatch = batch.getMapper(CatalogMapper.class);
        CustomerMapper customers = batch.getMapper(CustomerMapper.class);
        SubscriptionMapper subscriptions = batch.getMapper(SubscriptionMapper.class);
        inChunks(data.products(), (Product p) -> catalogBatch.insertProduct(p));
        inChunks(data.plans(), (Plan p) -> catalogBatch.insertPlan(p));
        inChunks(data.prices(), (PlanPrice p) -> catalogBatch.insertPrice(p));
        RatingMapper ratings = batch.getMapper(RatingMapper.class);
        inChunks(data.usageTerms(), (PlanUsageTermsRow t) -> ratings.insertTerms(t));
        inChunks(data.usagePrices(), (UsagePriceRow p) -> ratings.insertUsagePrice(p));
        inChunks(data.customers(), (Customer c) -> customers.insert(CustomerRow.of(c), now));
        inChunks(data.subscriptions(), (Subscription s) -> subscriptions.insert(s, now));
        inChunks(data.ipAssignments(), (IpAssignment a) -> subscriptions.insertIpAssignment(IpAssignmentRow.of(a)));
    }

    private <T> void inChunks(List<T> rows, Consumer<T> insert) {
        for (int from = 0; from < rows.size(); from += ROWS_PER_TRANSACTION) {
            List<T> slice = rows.subList(from, Math.min(rows.size(), from + ROWS_PER_TRANSACTION));
            transactions.executeWithoutResult(status -> slice.forEach(insert));
        }
    }
}
