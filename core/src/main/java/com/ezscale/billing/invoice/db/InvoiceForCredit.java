package com.ezscale.billing.invoice.db;

import java.math.BigDecimal;
import java.util.Currency;

/** An invoice, locked, as the credit note and approval commands see it. */
public record InvoiceForCredit(
        long id,
        String number,
        long customerId,
        long sellerEntityId,
        Currency currency,
        String status,
        BigDecimal total,
        BigDecimal amountPaid,
        boolean pricesIncludeTax,
        boolean onHold,
        String holdReason) {}
