package com.ezscale.billing.jobs.invoice;

import com.ezscale.billing.invoice.db.InvoiceMapper;
import com.ezscale.billing.invoice.db.IssuableInvoice;
import com.ezscale.billing.jobs.batch.KeysetPageReader;
import java.util.List;

/** Drafts not on hold, in id order; restartable after the last committed id. */
public class IssuableInvoiceReader extends KeysetPageReader<IssuableInvoice> {

    private final InvoiceMapper invoices;
    private final int pageSize;

    public IssuableInvoiceReader(InvoiceMapper invoices, int pageSize) {
        super("lastInvoiceId");
        this.invoices = invoices;
        this.pageSize = pageSize;
    }

    @Override
    protected List<IssuableInvoice> fetchPage(long afterId) {
        return invoices.selectIssuablePage(afterId, pageSize);
    }

    @Override
    protected long idOf(IssuableInvoice item) {
        return item.id();
    }
}
