package com.ezscale.billing.invoice.db;

import com.ezscale.billing.invoice.ChargeKind;
import com.ezscale.billing.invoice.ProposedLine;
import java.math.BigDecimal;
import java.time.LocalDate;

public record InvoiceLineRow(long invoiceId, int lineNo, Long subscriptionId, ChargeKind chargeKind, LocalDate periodStart,
                             LocalDate periodEndExclusive, int revision, String description, BigDecimal quantity,
                             BigDecimal unitPrice, BigDecimal amount, Long ratedUsageId) {

    public static InvoiceLineRow of(long invoiceId, int lineNo, ProposedLine line) {
        return new InvoiceLineRow(invoiceId, lineNo, line.subscriptionId(), line.kind(), line.period().start(),
                line.period().endExclusive(), line.revision(), line.description(), line.quantity(), line.unitPrice(), line.amount().amount(),
                line.ratedUsageId());
    }
}
