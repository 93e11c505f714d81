package com.ezscale.billing.account.db;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/** A credit note to write; {@code id} is filled in by the insert. */
public class CreditNoteInsert {
    public Long id;
    public long sellerEntityId;
    public long customerId;
    public long invoiceId;
    public String currency;
    public String seriesKey;
    public long sequenceValue;
    public String number;
    public String kind;
    public String reason;
    public String settlement;
    public BigDecimal balanceReduction;
    public LocalDate issueDate;
    public BigDecimal subtotal;
    public BigDecimal taxTotal;
    public BigDecimal total;
    public String issuedBy;
    public Instant issuedAt;
}
