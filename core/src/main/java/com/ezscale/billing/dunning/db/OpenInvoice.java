package com.ezscale.billing.dunning.db;

import java.math.BigDecimal;
import java.time.LocalDate;

/** An issued, unpaid invoice of a customer (what unsuspension weighs). */
public class OpenInvoice {
    public long id;
    public long customerId;
    public String currency;
    public LocalDate dueDate;
    public BigDecimal total;
    public BigDecimal owed;
}
