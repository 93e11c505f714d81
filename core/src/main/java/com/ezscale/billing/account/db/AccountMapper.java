package com.ezscale.billing.account.db;

import com.ezscale.billing.subscription.Subscription;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;

/** What the account commands (plan changes, coupons, credit, credit notes, approval) read and write. */
@Mapper
public interface AccountMapper {

    /** The service, locked until the transaction ends (null if none). */
    Subscription lockSubscription(@Param("id") long id);

    Long selectPlanIdByCode(@Param("code") String code);

    void insertPlanChange(PlanChangeInsert change);

    void updateSubscriptionPlan(@Param("id") long id, @Param("planId") long planId);

    void updateSubscriptionEnd(@Param("id") long id, @Param("endDate") LocalDate endDate, @Param("status") String status);

    /** The coupon's id, locked (redemption limits are counted under the lock), or null. */
    Long lockCouponByCode(@Param("code") String code);

    long countRedemptions(@Param("couponId") long couponId);

    long countRedemptionsByCustomer(@Param("couponId") long couponId, @Param("customerId") long customerId);

    List<Long> selectCouponIdsOnService(@Param("subscriptionId") long subscriptionId);

    void insertRedemption(@Param("couponId") long couponId, @Param("customerId") long customerId, @Param("subscriptionId") long subscriptionId,
                          @Param("redeemedOn") LocalDate redeemedOn, @Param("actor") String actor, @Param("at") Instant at);

    String selectCustomerCountry(@Param("customerId") long customerId);

    String selectCustomerCurrency(@Param("customerId") long customerId);

    long selectProductOfPlan(@Param("planId") long planId);

    /** Locks the customer row (serialises credit operations). */
    Long lockCustomer(@Param("id") long id);

    BigDecimal selectCreditBalance(@Param("customerId") long customerId, @Param("currency") String currency);

    /** By id, or (id null) by number such as INV-2026-000001; locked. */
    InvoiceForCredit lockInvoice(@Param("id") Long id, @Param("number") String number);

    List<CreditableLineRow> selectCreditableLines(@Param("invoiceId") long invoiceId);

    List<TaxRow> selectInvoiceTaxes(@Param("invoiceId") long invoiceId);

    List<CreditedLineRow> selectCreditedLines(@Param("invoiceId") long invoiceId);

    List<TaxRow> selectCreditedTaxes(@Param("invoiceId") long invoiceId);

    BigDecimal selectCreditedTotal(@Param("invoiceId") long invoiceId);

    /** The part of earlier credit notes that reduced what the customer owed (not paid out or credited). */
    BigDecimal selectBalanceReductions(@Param("invoiceId") long invoiceId);

    void insertCreditNote(CreditNoteInsert note);

    void insertCreditNoteLine(@Param("noteId") long noteId, @Param("lineNo") int lineNo, @Param("invoiceLineId") Long invoiceLineId,
                              @Param("description") String description, @Param("amount") BigDecimal amount, @Param("taxName") String taxName,
                              @Param("taxRate") BigDecimal taxRate);

    void insertCreditNoteTax(@Param("noteId") long noteId, @Param("t") TaxRow tax);

    int updateInvoiceStatus(@Param("id") long id, @Param("status") String status);

    int approve(@Param("id") long id, @Param("actor") String actor, @Param("at") Instant at);

    List<HeldInvoice> selectHeld();

    List<ExpiredUpgrade> selectExpiredUpgrades(@Param("asOf") LocalDate asOf);

    void revertPlanChange(@Param("id") long id, @Param("at") Instant at);

    /** Credits each referrer billed in {@code currency} whose referred customer's first invoice is paid, once per referred customer. */
    int grantReferralRewards(@Param("currency") String currency, @Param("amount") BigDecimal amount, @Param("actor") String actor,
                             @Param("at") Instant at);

    /** Lets this session change a billing currency despite issued invoices (the trigger checks it); always ended after. */
    void declareCurrencyConversion(@Param("reason") String reason);

    void endCurrencyConversion();

    void updateBillingCurrency(@Param("id") long id, @Param("currency") String currency);

    boolean priceListExists(@Param("currency") String currency);

    /** @throws org.springframework.dao.DuplicateKeyException when the method and reference were recorded before */
    void insertPayment(PaymentInsert payment);

    int applyPayment(@Param("id") long id, @Param("amount") BigDecimal amount, @Param("status") String status, @Param("paidAt") Instant paidAt);

    String selectCreditNoteSeries(@Param("sellerEntityId") long sellerEntityId);
}
