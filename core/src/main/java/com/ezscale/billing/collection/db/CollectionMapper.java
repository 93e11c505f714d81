package com.ezscale.billing.collection.db;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;

/** Charge attempts, gateway customers and webhook events. */
@Mapper
public interface CollectionMapper {

    List<GatewayCustomer> selectGatewayCustomers(@Param("gateway") String gateway, @Param("customerIds") Collection<Long> customerIds);

    void upsertGatewayCustomer(@Param("c") GatewayCustomer customer, @Param("at") Instant at);

    void insertAttempt(PaymentAttempt attempt);

    PaymentAttempt lockAttempt(@Param("id") long id);

    /** Unlocked: settle through {@code GatewaySettlement.settle}, which locks the invoice, then the attempt. */
    PaymentAttempt selectAttemptByRef(@Param("gateway") String gateway, @Param("ref") String gatewayRef);

    PaymentAttempt selectAttemptByKey(@Param("key") String idempotencyKey);

    long selectAttemptInvoiceId(@Param("id") long id);

    /** The invoice's attempts whose outcome is unknown (PENDING, PROCESSING), oldest first. */
    List<PaymentAttempt> selectUnsettled(@Param("invoiceId") long invoiceId);

    String selectInvoiceNumber(@Param("id") long invoiceId);

    void updateAttempt(PaymentAttempt attempt);

    /** Attempts whose outcome we do not know, last touched before {@code before}. */
    List<PaymentAttempt> selectUnknown(@Param("before") Instant before, @Param("limit") int limit);

    /** The webhook event, once (a replay is refused by the unique key). */
    void insertEvent(@Param("gateway") String gateway, @Param("eventId") String eventId, @Param("type") String type,
                    @Param("objectRef") String objectRef, @Param("outcome") String outcome, @Param("at") Instant at);

    /** name, email of a customer */
    java.util.Map<String, Object> selectContact(@Param("customerId") long customerId);

    Long selectPaymentIdByReference(@Param("method") String method, @Param("reference") String reference);

    /** The card payment of an invoice with at least {@code amount} not yet refunded (latest first): id, reference, currency. */
    java.util.Map<String, Object> selectRefundablePayment(@Param("invoiceId") long invoiceId, @Param("method") String method,
                                                          @Param("amount") java.math.BigDecimal amount);

    void insertRefund(@Param("paymentId") long paymentId, @Param("creditNoteId") long creditNoteId, @Param("currency") String currency,
                      @Param("amount") java.math.BigDecimal amount, @Param("key") String idempotencyKey, @Param("reason") String reason,
                      @Param("actor") String actor, @Param("at") Instant at);

    /** Refunds not known to have gone through: id, payment_id, amount, currency, idempotency_key, reference (the charge), reason. */
    List<java.util.Map<String, Object>> selectPendingRefunds(@Param("creditNoteId") Long creditNoteId);

    /** Marks a pending refund done; 0 if it already was. */
    int completeRefund(@Param("id") long id, @Param("gatewayRef") String gatewayRef);

    boolean selectCreditOptOut(@Param("customerId") long customerId);

    long countLedger(@Param("sourceType") String sourceType, @Param("sourceId") long sourceId, @Param("reason") String reason);

    /** Account credit applied to an issued invoice (adds to what credit already paid). */
    void applyCredit(@Param("invoiceId") long invoiceId, @Param("amount") java.math.BigDecimal amount, @Param("status") String status,
                     @Param("paidAt") Instant paidAt);

    java.math.BigDecimal selectRefundedAmount(@Param("paymentId") long paymentId);

    void markDisputed(@Param("paymentId") long paymentId);

    void addRefunded(@Param("paymentId") long paymentId, @Param("amount") java.math.BigDecimal amount);
}
