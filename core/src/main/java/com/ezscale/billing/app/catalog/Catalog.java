package com.ezscale.billing.app.catalog;

import com.ezscale.billing.app.BillingProperties;
import com.ezscale.billing.audit.db.AuditMapper;
import com.ezscale.billing.catalog.Plan;
import com.ezscale.billing.catalog.PlanPrice;
import com.ezscale.billing.catalog.Product;
import com.ezscale.billing.catalog.ProductKind;
import com.ezscale.billing.catalog.db.CatalogMapper;
import com.ezscale.billing.catalog.db.NewProduct;
import com.ezscale.billing.invoice.db.InvoiceMapper;
import com.ezscale.billing.invoice.db.SellerEntity;
import com.ezscale.billing.money.AmountCeiling;
import com.ezscale.billing.money.Money;
import com.ezscale.billing.period.BillingCycle;
import com.ezscale.billing.persistence.GeneratedKey;
import com.ezscale.billing.rules.BillingRuleViolation;
import com.ezscale.billing.usage.DirectionMode;
import com.ezscale.billing.usage.TransferQuota;
import com.ezscale.billing.usage.UsagePeriodKind;
import com.ezscale.billing.usage.UsagePrice;
import com.ezscale.billing.usage.db.PlanUsageTermsRow;
import com.ezscale.billing.usage.db.RatingMapper;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.Comparator;
import java.util.Currency;
import java.util.List;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The catalog as admins keep it: products (sold by a seller entity, with an optional prorata day),
 * plans (with trial days), prices per currency and cycle with their setup fees, and a plan's usage
 * terms and usage price tiers. A price set again replaces the old one for the periods billed from
 * then on (issued invoices keep theirs). Codes are lower case ("vps-s"); every amount is checked
 * against the amount ceiling; one transaction per action, audited.
 */
@Service
public class Catalog {

    /** A plan with everything that prices it. */
    public record PlanView(
            Plan plan,
            Product product,
            List<PlanPrice> prices,
            PlanUsageTermsRow usageTerms,
            List<UsagePrice> usagePrices) {}

    private static final String CODE = "[a-z0-9][a-z0-9._-]{0,63}";

    private final CatalogMapper catalog;
    private final RatingMapper ratings;
    private final InvoiceMapper invoices;
    private final AuditMapper audit;
    private final AmountCeiling ceiling;
    private final String defaultSeller;
    private final TransactionTemplate tx;
    private final Clock clock;

    public Catalog(
            CatalogMapper catalog,
            RatingMapper ratings,
            InvoiceMapper invoices,
            AuditMapper audit,
            BillingProperties properties,
            PlatformTransactionManager transactionManager,
            Clock clock) {
        this.catalog = catalog;
        this.ratings = ratings;
        this.invoices = invoices;
        this.audit = audit;
        this.ceiling = properties.ceiling();
        this.defaultSeller = properties.sellerCode();
        this.tx = new TransactionTemplate(transactionManager);
        this.clock = clock;
    }

    /** A product; {@code sellerCode} null means the configured seller. Returns its id. */
    public long addProduct(
            String code, String name, ProductKind kind, String sellerCode, Integer prorataDay, String actor) {
        String c = code("product code", code);
        String n = name(name);
        if (kind == null) {
            throw new BillingRuleViolation("a product needs a kind");
        }
        if (prorataDay != null && (prorataDay < 1 || prorataDay > 28)) {
            throw new BillingRuleViolation("prorata day " + prorataDay + " is not between 1 and 28");
        }
        return tx.execute(status -> {
            if (catalog.selectProductIdByCode(c) != null) {
                throw new BillingRuleViolation("product " + c + " exists");
            }
            SellerEntity seller = seller(sellerCode == null ? defaultSeller : sellerCode);
            GeneratedKey key = new GeneratedKey();
            catalog.insertNewProduct(new NewProduct(c, n, kind, seller.id(), prorataDay), key);
            audit.insert(
                    clock.instant(),
                    actor,
                    "product.add",
                    "product " + c,
                    n + ", " + kind + ", sold by " + seller.code()
                            + (prorataDay == null ? "" : ", prorata on day " + prorataDay));
            return key.value();
        });
    }

    /** A plan of a product; returns its id. */
    public long addPlan(String code, String productCode, String name, int trialDays, String actor) {
        String c = code("plan code", code);
        String n = name(name);
        if (trialDays < 0 || trialDays > 366) {
            throw new BillingRuleViolation("trial days " + trialDays + " is not between 0 and 366");
        }
        return tx.execute(status -> {
            Long product = catalog.selectProductIdByCode(productCode);
            if (product == null) {
                throw new BillingRuleViolation("no product " + productCode);
            }
            if (catalog.selectPlanIdByCode(c) != null) {
                throw new BillingRuleViolation("plan " + c + " exists");
            }
            GeneratedKey key = new GeneratedKey();
            catalog.insertNewPlan(product, c, n, trialDays, key);
            audit.insert(
                    clock.instant(),
                    actor,
                    "plan.add",
                    "plan " + c,
                    n + " of product " + productCode + (trialDays > 0 ? ", " + trialDays + "-day trial" : ""));
            return key.value();
        });
    }

    /** Sets a plan's price in a currency and cycle (a new currency opens its price list). */
    public void setPrice(
            String planCode,
            String currencyCode,
            BillingCycle cycle,
            BigDecimal price,
            BigDecimal setupFee,
            String actor) {
        Currency currency = currency(currencyCode);
        if (cycle == null || cycle == BillingCycle.FREE) {
            throw new BillingRuleViolation("a price needs a billed cycle (a FREE service has no price)");
        }
        BigDecimal recurring = ceiling.price(price, currency, "the price");
        BigDecimal setup = ceiling.price(setupFee == null ? BigDecimal.ZERO : setupFee, currency, "the setup fee");
        tx.executeWithoutResult(status -> {
            long plan = planId(planCode);
            catalog.upsertPrice(new PlanPrice(plan, currency, cycle, recurring, setup));
            audit.insert(
                    clock.instant(),
                    actor,
                    "price.set",
                    "plan " + planCode,
                    currency.getCurrencyCode() + " "
                            + cycle + " " + recurring.stripTrailingZeros().toPlainString() + ", setup "
                            + setup.stripTrailingZeros().toPlainString());
        });
    }

    /** Sets a plan's usage terms (95th-percentile commit and/or transfer quota). */
    public void setUsageTerms(
            String planCode,
            BigDecimal commitMbps,
            DirectionMode direction,
            BigDecimal quotaIncluded,
            TransferQuota.Unit quotaUnit,
            TransferQuota.Counted quotaCounted,
            UsagePeriodKind period,
            int graceHours,
            String actor) {
        if (commitMbps == null && quotaIncluded == null) {
            throw new BillingRuleViolation("usage terms need a commit (--commit-mbps) or a quota (--quota), or both");
        }
        nonNegative("the commit", commitMbps);
        nonNegative("the quota", quotaIncluded);
        if (graceHours < 0 || graceHours > 72) {
            throw new BillingRuleViolation("grace hours " + graceHours + " is not between 0 and 72");
        }
        tx.executeWithoutResult(status -> {
            long plan = planId(planCode);
            PlanUsageTermsRow terms = new PlanUsageTermsRow(
                    plan,
                    commitMbps,
                    (direction == null ? DirectionMode.MAX_OF_IN_AND_OUT : direction).name(),
                    quotaIncluded,
                    (quotaUnit == null ? TransferQuota.Unit.GB : quotaUnit).name(),
                    (quotaCounted == null ? TransferQuota.Counted.IN_AND_OUT : quotaCounted).name(),
                    (period == null ? UsagePeriodKind.CALENDAR_MONTH : period).name(),
                    graceHours);
            ratings.upsertTerms(terms);
            audit.insert(clock.instant(), actor, "usage-terms.set", "plan " + planCode, terms.toString());
        });
    }

    /** Sets one tier of a plan's usage price ({@code MBPS} over the commit, {@code TRANSFER} over the quota). */
    public void setUsagePrice(
            String planCode,
            String currencyCode,
            String kind,
            int tier,
            BigDecimal upTo,
            BigDecimal unitPrice,
            String actor) {
        Currency currency = currency(currencyCode);
        if (!"MBPS".equals(kind) && !"TRANSFER".equals(kind)) {
            throw new BillingRuleViolation("usage price kind '" + kind + "' is neither MBPS nor TRANSFER");
        }
        if (tier < 1 || tier > 20) {
            throw new BillingRuleViolation("tier " + tier + " is not between 1 and 20");
        }
        nonNegative("--up-to", upTo);
        BigDecimal unit = ceiling.price(unitPrice, currency, "the unit price");
        tx.executeWithoutResult(status -> {
            long plan = planId(planCode);
            ratings.upsertUsagePrice(new UsagePrice(plan, currency, kind, tier, upTo, unit));
            audit.insert(
                    clock.instant(),
                    actor,
                    "usage-price.set",
                    "plan " + planCode,
                    currency.getCurrencyCode()
                            + " " + kind + " tier " + tier + (upTo == null ? "" : " up to " + upTo.toPlainString())
                            + " at "
                            + unit.stripTrailingZeros().toPlainString());
        });
    }

    public List<Product> products() {
        return catalog.selectProducts();
    }

    public List<Plan> plans() {
        return catalog.selectPlans();
    }

    public PlanView plan(String planCode) {
        long id = planId(planCode);
        Plan plan = catalog.selectPlans().stream()
                .filter(p -> p.id() == id)
                .findFirst()
                .orElseThrow();
        Product product = catalog.selectProducts().stream()
                .filter(p -> p.id() == plan.productId())
                .findFirst()
                .orElseThrow();
        return new PlanView(
                plan,
                product,
                catalog.selectPrices().stream()
                        .filter(p -> p.planId() == id)
                        .sorted(Comparator.comparing(
                                        (PlanPrice p) -> p.currency().getCurrencyCode())
                                .thenComparing(PlanPrice::cycle))
                        .toList(),
                ratings.selectTerms(id),
                ratings.selectUsagePrices().stream()
                        .filter(p -> p.planId() == id)
                        .toList());
    }

    private long planId(String planCode) {
        Long id = planCode == null ? null : catalog.selectPlanIdByCode(planCode);
        if (id == null) {
            throw new BillingRuleViolation("no plan " + planCode);
        }
        return id;
    }

    private SellerEntity seller(String code) {
        return invoices.selectSellers().stream()
                .filter(s -> s.code().equals(code))
                .findFirst()
                .orElseThrow(() -> new BillingRuleViolation("no seller entity " + code));
    }

    private static String code(String field, String code) {
        if (code == null || !code.matches(CODE)) {
            throw new BillingRuleViolation(field + " '" + code
                    + "' must be 1 to 64 lower-case letters, digits, '.', '_' or '-', starting with a letter or digit");
        }
        return code;
    }

    private static String name(String name) {
        if (name == null || name.isBlank()) {
            throw new BillingRuleViolation("a name is required");
        }
        String n = name.strip();
        if (n.length() > 200) {
            throw new BillingRuleViolation("the name is " + n.length() + " characters long; at most 200");
        }
        return n;
    }

    private static Currency currency(String code) {
        try {
            return Money.currency(code);
        } catch (IllegalArgumentException e) {
            throw new BillingRuleViolation(e.getMessage());
        }
    }

    private static void nonNegative(String what, BigDecimal value) {
        if (value != null && value.signum() < 0) {
            throw new BillingRuleViolation(what + " cannot be negative (" + value.toPlainString() + ")");
        }
    }
}
