package com.ezscale.billing.offender;

import com.ezscale.billing.invoice.db.InvoiceMapper;

/** A rule that reads the database itself instead of taking its inputs as values. */
final class RuleThatReadsAMapper {
    int sellers(InvoiceMapper invoices) {
        return invoices.selectSellers().size();
    }
}
