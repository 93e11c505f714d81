package com.ezscale.billing.dunning.db;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * An issued invoice the ladder looks at: what is owed on it, its customer's exemption, the steps
 * done, and the gateway its customer pays through.
 */
public record DunningCandidate(
        long id,
        String number,
        long customerId,
        long sellerEntityId,
        String currency,
        LocalDate dueDate,
        BigDecimal total,
        BigDecimal owed,
        boolean exempt,
        boolean lateFeeInvoice,
        boolean pricesIncludeTax,
        String taxMode,
        String taxNote,
        String customerName,
        String email,
        String done,
        String preferredGateway) {}
