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
import com.ezscale.billing.usage.UsagePrice;
import com.ezscale.billing.usage.db.PlanUsageTermsRow;
import com.ezscale.billing.usage.db.RatingMapper;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import org.mybatis.spring.SqlSessionTemplate;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.JdbcTemplate;
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

    public DemoDataLoader(
            @Qualifier(PersistenceConfiguration.BATCH_SESSION) SqlSessionTemplate batch,
            TransactionTemplate transactions,
            CatalogMapper catalog,
            Clock clock) {
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
        inChunks(data.usagePrices(), (UsagePrice p) -> ratings.insertUsagePrice(p));
        inChunks(data.customers(), (Customer c) -> customers.insert(CustomerRow.of(c), now));
        inChunks(data.subscriptions(), (Subscription s) -> subscriptions.insert(s, now));
        inChunks(data.ipAssignments(), (IpAssignment a) -> subscriptions.insertIpAssignment(IpAssignmentRow.of(a)));
    }

    /**
     * The billing rules of the demo and the benchmark book, on a realistic share of it: VAT and
     * sales tax for the EU, UK and Canadian markets (EU businesses with a VAT number get the reverse
     * charge), coupons redeemed on about one service in ten (a percent for 3 cycles, stacked with a
     * fixed amount on one in twenty), account credit for one customer in twenty-five; loyalty applies
     * by itself to customers whose oldest service is a year old or more.
     */
    public void loadRules(JdbcTemplate jdbc) {
        Instant now = clock.instant();
        transactions.executeWithoutResult(status -> {
            jdbc.update(
                    "INSERT IGNORE INTO tax_rule (country, region, name, rate) VALUES ('DE', '', 'MwSt', 19), ('FR', '', 'TVA', 20), "
                            + "('NL', '', 'BTW', 21), ('IE', '', 'VAT', 23), ('GB', '', 'VAT', 20), ('CA', '', 'GST', 5), ('CA', 'ON', 'HST', 13)");
            jdbc.update(
                    "INSERT IGNORE INTO coupon (code, kind, percent, duration, duration_cycles, stackable, created_at) VALUES "
                            + "('SPRING25', 'PERCENT', 25, 'CYCLES', 3, TRUE, ?), ('WELCOME10', 'PERCENT', 10, 'ONCE', NULL, FALSE, ?)",
                    now,
                    now);
            jdbc.update(
                    "INSERT IGNORE INTO coupon (code, kind, duration, stackable, created_at) VALUES ('LOYAL5', 'FIXED', 'FOREVER', TRUE, ?)",
                    now);
            jdbc.update(
                    "INSERT IGNORE INTO coupon_amount (coupon_id, currency, amount) SELECT id, c.cur, 5 FROM coupon, "
                            + "(SELECT 'USD' AS cur UNION ALL SELECT 'EUR' UNION ALL SELECT 'GBP') c WHERE code = 'LOYAL5'");
            jdbc.update(
                    "INSERT IGNORE INTO coupon_redemption (coupon_id, customer_id, subscription_id, redeemed_on, redeemed_by, created_at) "
                            + "SELECT c.id, s.customer_id, s.id, s.start_date, 'demo', ? FROM subscription s JOIN coupon c ON c.code = 'SPRING25' "
                            + "WHERE MOD(s.id, 10) = 3 AND s.status = 'ACTIVE' AND s.cycle NOT IN ('FREE', 'ONE_TIME')",
                    now);
            jdbc.update(
                    "INSERT IGNORE INTO coupon_redemption (coupon_id, customer_id, subscription_id, redeemed_on, redeemed_by, created_at) "
                            + "SELECT c.id, s.customer_id, s.id, s.start_date, 'demo', ? FROM subscription s JOIN customer u ON u.id = s.customer_id "
                            + "JOIN coupon c ON c.code = 'LOYAL5' WHERE MOD(s.id, 20) = 3 AND s.status = 'ACTIVE' AND s.cycle NOT IN ('FREE', 'ONE_TIME') "
                            + "AND u.billing_currency IN ('USD', 'EUR', 'GBP')",
                    now);
            // Rows of VALUES, not INSERT … SELECT: several rows selected into credit_ledger (a table with a BEFORE
            // UPDATE trigger) arrive as NULLs on MariaDB 11.4.5, and IGNORE dropped every second one (README,
            // "MariaDB 11.4.5 and INSERT … SELECT").
            List<Object[]> credited = jdbc.query(
                    "SELECT id, billing_currency FROM customer WHERE MOD(id, 25) = 7 ORDER BY id",
                    (rs, n) -> new Object[] {
                        rs.getLong(1), rs.getString(2), "JPY".equals(rs.getString(2)) ? 500 : 5, rs.getLong(1), now
                    });
            jdbc.batchUpdate(
                    "INSERT IGNORE INTO credit_ledger (customer_id, currency, amount, reason, source_type, source_id, note, actor, created_at) "
                            + "VALUES (?, ?, ?, 'MANUAL', 'DEMO', ?, 'welcome credit', 'demo', ?)",
                    credited);
        });
    }

    private <T> void inChunks(List<T> rows, Consumer<T> insert) {
        for (int from = 0; from < rows.size(); from += ROWS_PER_TRANSACTION) {
            List<T> slice = rows.subList(from, Math.min(rows.size(), from + ROWS_PER_TRANSACTION));
            transactions.executeWithoutResult(status -> slice.forEach(insert));
        }
    }
}
