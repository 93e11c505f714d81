package com.ezscale.billing.payment.db;

import com.ezscale.billing.persistence.GeneratedKey;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;

/** Payments received (unique on method and reference), refunds and disputes. */
@Mapper
public interface PaymentMapper {

    /** @throws org.springframework.dao.DuplicateKeyException when the method and reference were recorded before */
    void insertPayment(@Param("p") PaymentInsert payment, @Param("key") GeneratedKey key);

    /** The gateway's fee on a payment, as it reported it with the charge. */
    int updateFee(@Param("paymentId") long paymentId, @Param("fee") java.math.BigDecimal fee);

    Long selectPaymentIdByReference(@Param("method") String method, @Param("reference") String reference);

    /** The card payment of an invoice with at least {@code amount} not yet refunded (latest first), locked. */
    RefundablePayment selectRefundablePayment(
            @Param("invoiceId") long invoiceId, @Param("method") String method, @Param("amount") BigDecimal amount);

    void insertRefund(
            @Param("paymentId") long paymentId,
            @Param("creditNoteId") long creditNoteId,
            @Param("currency") String currency,
            @Param("amount") BigDecimal amount,
            @Param("key") String idempotencyKey,
            @Param("reason") String reason,
            @Param("actor") String actor,
            @Param("at") Instant at);

    /** Refunds not known to have gone through. */
    List<PendingRefund> selectPendingRefunds(@Param("creditNoteId") Long creditNoteId);

    /** Marks a pending refund done; 0 if it already was. */
    int completeRefund(@Param("id") long id, @Param("gatewayRef") String gatewayRef);

    BigDecimal selectRefundedAmount(@Param("paymentId") long paymentId);

    void markDisputed(@Param("paymentId") long paymentId);

    void addRefunded(@Param("paymentId") long paymentId, @Param("amount") BigDecimal amount);
}
