package com.ezscale.billing.invoice.db;

import java.util.List;
import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;

/** The billing rules' data: plan changes, billed coverage, coupons and redemptions, tenure, tax rules, price lists. */
@Mapper
public interface BillingExtrasMapper {

    /** Every plan change of these customers' services (the timeline needs the settled ones too). */
    List<PlanChangeRow> selectPlanChanges(@Param("customerIds") List<Long> customerIds);

    /** The plan-coverage lines of these services, on invoices not void, less lines an expired upgrade's credit note reversed. */
    List<CoverageRow> selectCoverage(@Param("subscriptionIds") List<Long> subscriptionIds);

    List<RedemptionRow> selectRedemptions(@Param("customerIds") List<Long> customerIds);

    /** The start of each customer's oldest active (or suspended) service. */
    List<CustomerSinceRow> selectCustomerSince(@Param("customerIds") List<Long> customerIds);

    /** For each unbilled rating of these customers, what the same service's previous period billed per usage kind. */
    List<PreviousUsageRow> selectPreviousUsage(@Param("customerIds") List<Long> customerIds);

    List<CouponRow> selectCoupons();

    List<CouponAmountRow> selectCouponAmounts();

    List<CouponLinkRow> selectCouponProducts();

    List<CouponLinkRow> selectCouponCountries();

    List<TaxRuleRow> selectTaxRules();

    List<PriceListRow> selectPriceLists();

    List<LoyaltyTierRow> selectLoyaltyTiers();
}
