package com.ezscale.billing.collection.db;

import com.ezscale.billing.persistence.GeneratedKey;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;

/** Charge attempts, gateway customers and webhook events. */
@Mapper
public interface CollectionMapper {

    /** The customers' ids at {@code gateway}; with a null gateway, at the gateway each customer chose (preferred_gateway). */
    List<GatewayCustomer> selectGatewayCustomers(
            @Param("gateway") String gateway, @Param("customerIds") Collection<Long> customerIds);

    void upsertGatewayCustomer(@Param("c") GatewayCustomer customer, @Param("at") Instant at);

    /** The customer's card at {@code gateway}, as it sees it; null without a customer there. */
    SavedCard selectSavedCard(@Param("customerId") long customerId, @Param("gateway") String gateway);

    int updateSavedCard(
            @Param("gateway") String gateway,
            @Param("gatewayCustomerId") String gatewayCustomerId,
            @Param("paymentMethodId") String paymentMethodId,
            @Param("brand") String brand,
            @Param("last4") String last4,
            @Param("expMonth") Integer expMonth,
            @Param("expYear") Integer expYear,
            @Param("at") Instant at);

    /** The customer whose saved payment method at {@code gateway} this is; null if none. */
    Long selectCustomerByPaymentMethod(
            @Param("gateway") String gateway, @Param("paymentMethodId") String paymentMethodId);

    int clearSavedCard(
            @Param("gateway") String gateway,
            @Param("paymentMethodId") String paymentMethodId,
            @Param("at") Instant at);

    void insertPayPalSetup(
            @Param("setupTokenId") String setupTokenId, @Param("customerId") long customerId, @Param("at") Instant at);

    /** The approval, locked; null if no customer started it. */
    PayPalSetup lockPayPalSetup(@Param("setupTokenId") String setupTokenId);

    /** Records what the approval became, once: 0 if it was already completed. */
    int completePayPalSetup(
            @Param("setupTokenId") String setupTokenId,
            @Param("paymentTokenId") String paymentTokenId,
            @Param("at") Instant at);

    void insertCryptoCharge(@Param("c") CryptoChargeRow charge);

    /** The invoice's latest charge still payable after {@code validAfter} (NEW or PENDING, not expired); null if none. */
    CryptoChargeRow selectLiveCryptoCharge(@Param("invoiceId") long invoiceId, @Param("validAfter") Instant validAfter);

    CryptoChargeRow lockCryptoCharge(@Param("code") String code);

    int updateCryptoCharge(
            @Param("code") String code,
            @Param("status") String status,
            @Param("paymentId") Long paymentId,
            @Param("at") Instant at);

    void insertAttempt(@Param("a") PaymentAttempt attempt, @Param("key") GeneratedKey key);

    PaymentAttempt lockAttempt(@Param("id") long id);

    /** Unlocked: settle through {@code GatewaySettlement.settle}, which locks the invoice, then the attempt. */
    PaymentAttempt selectAttemptByRef(@Param("gateway") String gateway, @Param("ref") String gatewayRef);

    PaymentAttempt selectAttemptByKey(@Param("key") String idempotencyKey);

    /** The highest attempt number of an invoice at or above {@code from} (a numbering of its own), or null. */
    Integer selectMaxAttemptNo(@Param("invoiceId") long invoiceId, @Param("from") int from);

    long selectAttemptInvoiceId(@Param("id") long id);

    /** The invoice's attempts whose outcome is unknown (PENDING, PROCESSING), oldest first. */
    List<PaymentAttempt> selectUnsettled(@Param("invoiceId") long invoiceId);

    void updateAttempt(PaymentAttempt attempt);

    /** Attempts whose outcome we do not know, last touched before {@code before}. */
    List<PaymentAttempt> selectUnknown(@Param("before") Instant before, @Param("limit") int limit);

    /** The webhook event, once (a replay is refused by the unique key). */
    void insertEvent(
            @Param("gateway") String gateway,
            @Param("eventId") String eventId,
            @Param("type") String type,
            @Param("objectRef") String objectRef,
            @Param("outcome") String outcome,
            @Param("at") Instant at);
}
