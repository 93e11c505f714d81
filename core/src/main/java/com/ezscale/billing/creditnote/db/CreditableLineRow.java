package com.ezscale.billing.creditnote.db;

import java.math.BigDecimal;

public record CreditableLineRow(
        long id,
        int lineNo,
        String description,
        BigDecimal amount,
        String taxName,
        BigDecimal taxRate,
        Integer discountedLineNo,
        Long planChangeId) {}
