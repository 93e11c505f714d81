package com.ezscale.billing.dunning.db;

import java.time.Instant;

/** A service billed on an invoice (what suspension and termination act on). */
public class InvoiceService {
    public long invoiceId;
    public long subscriptionId;
    public long customerId;
    public String status;
    public String suspendedBy;
    public Instant suspendedAt;
    public String panel;
    public String panelRef;
    public String label;
    public String customerName;
    public String email;
}
