package com.ezscale.billing.document.db;

import java.math.BigDecimal;
import java.time.LocalDate;

/** A line of an issued invoice as printed; {@code discountedLineNo} names the line a discount belongs to. */
public record SheetLine(
        int lineNo,
        String chargeKind,
        String description,
        LocalDate periodStart,
        LocalDate periodEndExclusive,
        BigDecimal quantity,
        BigDecimal unitPrice,
        BigDecimal amount,
        Integer discountedLineNo,
        Long ratedUsageId) {}
