package com.ezscale.billing.dunning.db;

import java.math.BigDecimal;
import java.time.LocalDate;

/** An issued invoice the ladder looks at: what is owed on it, its customer's exemption and the steps done. */
public class DunningCandidate {
    public long id;
    public String number;
    public long customerId;
    public long sellerEntityId;
    public String currency;
    public LocalDate dueDate;
    public BigDecimal total;
    public BigDecimal owed;
    public boolean exempt;
    public boolean lateFeeInvoice;
    public boolean pricesIncludeTax;
    public String taxMode;
    public String taxNote;
    public String customerName;
    public String email;
    /** Comma-separated step keys already done (null: none). */
    public String done;
}
