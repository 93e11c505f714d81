package com.ezscale.billing.account.db;

import java.math.BigDecimal;
import java.time.LocalDate;

/** A payment as its customer sees it: when, how, how much, for which invoice. */
public record AccountPayment(
        long id,
        LocalDate receivedOn,
        String method,
        String reference,
        String currency,
        BigDecimal amount,
        String status,
        String invoiceNumber) {}
