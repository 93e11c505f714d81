package com.ezscale.billing.invoice.db;

import com.ezscale.billing.rules.BillingRuleViolation;
import org.springframework.stereotype.Repository;

/**
 * Invoices as the account actions find them: by the number a person types or by id, locked until
 * the transaction ends, refused with the reason when there is none; and the gapless number series
 * (a row locked in the issuing transaction).
 */
@Repository
public class InvoiceRepository {

    private final InvoiceMapper invoices;

    public InvoiceRepository(InvoiceMapper invoices) {
        this.invoices = invoices;
    }

    /** The invoice {@code ref} names (a number such as INV-2026-000001, or an id), locked. */
    public InvoiceForCredit lock(String ref) {
        InvoiceForCredit invoice =
                ref.matches("\\d+") ? invoices.lockInvoice(Long.parseLong(ref), null) : invoices.lockInvoice(null, ref);
        if (invoice == null) {
            throw new BillingRuleViolation("no invoice '" + ref + "'");
        }
        return invoice;
    }

    /** The invoice with this id, locked. */
    public InvoiceForCredit lock(long id) {
        InvoiceForCredit invoice = invoices.lockInvoice(id, null);
        if (invoice == null) {
            throw new BillingRuleViolation("no invoice " + id);
        }
        return invoice;
    }

    /** The next value of a number series (created at 0), its row locked until the transaction ends: no gap, no value twice. */
    public long nextInSeries(String key) {
        invoices.insertSeriesIfAbsent(key);
        long value = invoices.lockSeries(key) + 1;
        invoices.updateSeries(key, value);
        return value;
    }
}
