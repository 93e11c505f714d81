package com.ezscale.billing.jobs.invoice;

import com.ezscale.billing.invoice.NumberSeriesFormat;
import com.ezscale.billing.invoice.db.InvoiceMapper;
import com.ezscale.billing.invoice.db.IssuableInvoice;
import com.ezscale.billing.invoice.db.SellerEntity;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.ibatis.session.SqlSession;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;

/**
 * Issues a chunk of drafts: per seller, lock the year's number series row, lock the drafts that
 * are still drafts (another node may have issued some), number them in id order, take the
 * billing snapshot, and store the series' new last value, all in the chunk's transaction. A
 * rollback returns the numbers with everything else, so the series stays gapless.
 */
public class InvoiceIssueWriter implements ItemWriter<IssuableInvoice> {

    private final InvoiceMapper invoices;
    private final Map<Long, SellerEntity> sellers;
    private final LocalDate issueDate;
    private final Clock clock;
    private final SqlSession session;

    /** {@code session} is the batching session; it is flushed before the chunk commits. */
    public InvoiceIssueWriter(SqlSession session, List<SellerEntity> sellers, LocalDate issueDate, Clock clock) {
        this.session = session;
        this.invoices = session.getMapper(InvoiceMapper.class);
        this.sellers = sellers.stream().collect(Collectors.toMap(SellerEntity::id, Function.identity()));
        this.issueDate = issueDate;
        this.clock = clock;
    }

    @Override
    public void write(Chunk<? extends IssuableInvoice> chunk) {
        Instant now = clock.instant();
        Map<Long, List<Long>> idsBySeller = new TreeMap<>();
        for (IssuableInvoice invoice : chunk) {
            idsBySeller.computeIfAbsent(invoice.sellerEntityId(), k -> new ArrayList<>()).add(invoice.id());
        }
        idsBySeller.forEach((sellerId, ids) -> {
            SellerEntity seller = sellers.get(sellerId);
            if (seller == null) {
                throw new IllegalStateException("invoice " + ids.get(0) + " names seller " + sellerId + ", which does not exist");
            }
            NumberSeriesFormat format = new NumberSeriesFormat(seller.invoiceSeries());
            int year = issueDate.getYear();
            String seriesKey = format.seriesKey(year);
            invoices.insertSeriesIfAbsent(seriesKey);
            long last = invoices.lockSeries(seriesKey);
            for (long id : invoices.lockDrafts(ids)) {
                last++;
                invoices.issue(id, seriesKey, last, format.format(year, last), issueDate, now);
            }
            invoices.updateSeries(seriesKey, last);
        });
        session.flushStatements();
    }
}
