package com.ezscale.billing.account.db;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/** A payment to record; {@code id} is filled in by the insert. */
public class PaymentInsert {
    public Long id;
    public long customerId;
    public Long invoiceId;
    public String currency;
    public BigDecimal amount;
    public BigDecimal appliedToInvoice;
    public String method;
    public String reference;
    public String status;
    public LocalDate receivedOn;
    public String recordedBy;
    public Instant createdAt;
}
