package com.ezscale.billing.invoice;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Currency;

/** An invoice as stored, with the billing snapshot taken when it was issued. */
public record Invoice(
        long id,
        long customerId,
        Currency currency,
        InvoiceStatus status,
        String number,
        LocalDate dueDate,
        LocalDate issueDate,
        BigDecimal subtotal,
        BigDecimal taxTotal,
        BigDecimal total,
        String billToName,
        String billToAddress,
        String billToCountry,
        String billToVatNumber) {}
