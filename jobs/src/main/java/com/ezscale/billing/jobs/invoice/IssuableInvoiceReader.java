package com.ezscale.billing.jobs.invoice;

import com.ezscale.billing.invoice.db.InvoiceMapper;
import com.ezscale.billing.invoice.db.IssuableInvoice;
import java.util.ArrayDeque;
import java.util.Deque;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamReader;

/** Drafts not on hold, in id order, in keyset pages; restartable after the last committed id. */
public class IssuableInvoiceReader implements ItemStreamReader<IssuableInvoice> {

    static final String LAST_INVOICE_ID = "lastInvoiceId";

    private final InvoiceMapper invoices;
    private final int pageSize;
    private final Deque<IssuableInvoice> page = new ArrayDeque<>();
    private long lastReadId;
    private long lastFetchedId;

    public IssuableInvoiceReader(InvoiceMapper invoices, int pageSize) {
        this.invoices = invoices;
        this.pageSize = pageSize;
    }

    @Override
    public void open(ExecutionContext context) {
        lastReadId = context.getLong(LAST_INVOICE_ID, 0L);
        lastFetchedId = lastReadId;
        page.clear();
    }

    @Override
    public void update(ExecutionContext context) {
        context.putLong(LAST_INVOICE_ID, lastReadId);
    }

    @Override
    public IssuableInvoice read() {
        if (page.isEmpty()) {
            page.addAll(invoices.selectIssuablePage(lastFetchedId, pageSize));
            if (!page.isEmpty()) {
                lastFetchedId = page.peekLast().id();
            }
        }
        IssuableInvoice next = page.poll();
        if (next != null) {
            lastReadId = next.id();
        }
        return next;
    }
}
