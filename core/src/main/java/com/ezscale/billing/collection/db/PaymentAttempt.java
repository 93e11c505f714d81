package com.ezscale.billing.collection.db;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/** One charge attempt of an invoice at a gateway ({@code id} filled in by the insert). */
public class PaymentAttempt {
    public Long id;
    public long invoiceId;
    public long customerId;
    public int attemptNo;
    public String gateway;
    public String idempotencyKey;
    public String currency;
    public BigDecimal amount;
    public String status;
    public String gatewayRef;
    public String declineCode;
    public String message;
    public String actionUrl;
    public Long paymentId;
    public LocalDate asOf;
    public Instant createdAt;
    public Instant updatedAt;
}
