package com.ezscale.billing.dunning.db;

import java.time.Instant;

/** A service billed on an invoice (what suspension and termination act on). */
public record InvoiceService(
        long invoiceId,
        long subscriptionId,
        long customerId,
        String status,
        String suspendedBy,
        Instant suspendedAt,
        String panel,
        String panelRef,
        String label,
        String customerName,
        String email) {}
