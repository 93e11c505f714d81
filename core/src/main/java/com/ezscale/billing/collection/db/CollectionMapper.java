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

    PaymentAttempt lockAttemptByRef(@Param("gateway") String gateway, @Param("ref") String gatewayRef);

    PaymentAttempt lockAttemptByKey(@Param("key") String idempotencyKey);

    void updateAttempt(PaymentAttempt attempt);

    /** Attempts whose outcome we do not know, last touched before {@code before}. */
    List<PaymentAttempt> selectUnknown(@Param("before") Instant before, @Param("limit") int limit);

    /** The webhook event, once (a replay is refused by the unique key). */
    void insertEvent(@Param("gateway") String gateway, @Param("eventId") String eventId, @Param("type") String type,
                    @Param("objectRef") String objectRef, @Param("outcome") String outcome, @Param("at") Instant at);

    /** name, email of a customer */
    java.util.Map<String, Object> selectContact(@Param("customerId") long customerId);

    Long selectPaymentIdByReference(@Param("method") String method, @Param("reference") String reference);

    void markDisputed(@Param("paymentId") long paymentId);

    void addRefunded(@Param("paymentId") long paymentId, @Param("amount") java.math.BigDecimal amount);
}
