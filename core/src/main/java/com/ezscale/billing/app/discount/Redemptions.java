package com.ezscale.billing.app.discount;

import com.ezscale.billing.audit.db.AuditMapper;
import com.ezscale.billing.catalog.db.CatalogMapper;
import com.ezscale.billing.customer.db.CustomerMapper;
import com.ezscale.billing.discount.Coupon;
import com.ezscale.billing.discount.CouponRedemptionRequest;
import com.ezscale.billing.discount.CouponRules;
import com.ezscale.billing.discount.db.CouponMapper;
import com.ezscale.billing.discount.db.Coupons;
import com.ezscale.billing.money.Money;
import com.ezscale.billing.rules.BillingRuleViolation;
import com.ezscale.billing.subscription.Subscription;
import com.ezscale.billing.subscription.db.SubscriptionMapper;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A coupon applied to a service: checked by {@link CouponRules} against its dates, limits (counted
 * under the coupon's lock) and restrictions, recorded once, audited; refused with the cause.
 */
@Service
public class Redemptions {

    private final CouponMapper coupons;
    private final SubscriptionMapper subscriptions;
    private final CustomerMapper customers;
    private final CatalogMapper catalog;
    private final AuditMapper audit;
    private final TransactionTemplate tx;
    private final Clock clock;

    public Redemptions(
            CouponMapper coupons,
            SubscriptionMapper subscriptions,
            CustomerMapper customers,
            CatalogMapper catalog,
            AuditMapper audit,
            PlatformTransactionManager transactionManager,
            Clock clock) {
        this.coupons = coupons;
        this.subscriptions = subscriptions;
        this.customers = customers;
        this.catalog = catalog;
        this.audit = audit;
        this.tx = new TransactionTemplate(transactionManager);
        this.clock = clock;
    }

    public void redeem(String code, long serviceId, LocalDate asOf, String actor) {
        tx.executeWithoutResult(status -> {
            Long couponId = coupons.lockCouponByCode(code);
            if (couponId == null) {
                throw new BillingRuleViolation("no coupon '" + code + "'");
            }
            Subscription service = subscriptions.lockSubscription(serviceId);
            if (service == null) {
                throw new BillingRuleViolation("no service " + serviceId);
            }
            Map<Long, Coupon> all = Coupons.load(coupons);
            List<Coupon> onService = coupons.selectCouponIdsOnService(serviceId).stream()
                    .map(all::get)
                    .toList();
            CouponRules.checkRedeemable(
                    all.get(couponId),
                    new CouponRedemptionRequest(
                            service.customerId(),
                            customers.selectCustomerCountry(service.customerId()),
                            Money.currency(customers.selectCustomerCurrency(service.customerId())),
                            catalog.selectProductOfPlan(service.planId()),
                            asOf,
                            coupons.countRedemptions(couponId),
                            coupons.countRedemptionsByCustomer(couponId, service.customerId()),
                            onService));
            coupons.insertRedemption(couponId, service.customerId(), serviceId, asOf, actor, clock.instant());
            audit.insert(clock.instant(), actor, "coupon.redeem", "service " + serviceId, code);
        });
    }
}
