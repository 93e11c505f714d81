package com.ezscale.billing.jobs.invoice;

import com.ezscale.billing.invoice.db.IssuableInvoice;
import com.ezscale.billing.invoice.db.SellerEntity;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.ibatis.session.SqlSession;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;

/**
 * Issues a chunk of drafts: per seller, lock the year's number series row, lock the drafts that
 * are still drafts (another node may have issued some), number them in id order, take the
 * billing snapshot (one statement for the seller's drafts of the chunk), and store the series' new
 * last value, all in the chunk's transaction. A
 * rollback returns the numbers with everything else, so the series stays gapless. The invoice run's
 * own drafts are issued as the generate step writes them ({@link InvoiceDraftWriter}); what is left here
 * is the drafts that were not: approved ones that were on hold, late fees, drafts of runs before.
 */
public class InvoiceIssueWriter implements ItemWriter<IssuableInvoice> {

    private final Issuance issuance;
    private final Clock clock;
    private final SqlSession session;

    /** {@code session} is the batching session; it is flushed before the chunk commits. */
    public InvoiceIssueWriter(SqlSession session, List<SellerEntity> sellers, LocalDate issueDate, Clock clock) {
        this.session = session;
        this.issuance = new Issuance(session, sellers, issueDate);
        this.clock = clock;
    }

    @Override
    public void write(Chunk<? extends IssuableInvoice> chunk) {
        Instant now = clock.instant();
        Map<Long, List<Long>> idsBySeller = new TreeMap<>();
        for (IssuableInvoice invoice : chunk) {
            idsBySeller
                    .computeIfAbsent(invoice.sellerEntityId(), k -> new ArrayList<>())
                    .add(invoice.id());
        }
        List<Long> issued = issuance.issue(idsBySeller, true, now);
        if (!issued.isEmpty()) {
            session.flushStatements();
            issuance.settleWithCredit(issued, now);
        }
        session.flushStatements();
    }
}
