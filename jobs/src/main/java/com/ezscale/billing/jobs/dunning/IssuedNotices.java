package com.ezscale.billing.jobs.dunning;

import com.ezscale.billing.app.outbox.OutboxWriter;
import com.ezscale.billing.dunning.db.DunningMapper;
import com.ezscale.billing.dunning.db.IssuedInvoice;
import com.ezscale.billing.money.Money;
import com.ezscale.billing.notice.Notices;
import java.time.LocalDate;
import java.util.List;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The "invoice issued" email of every invoice issued in the last few days that has none in the
 * outbox yet (one per invoice, by its dedupe key): the nightly run sends those of the invoices it
 * issued, late fee invoices included, and catches up on any issued meanwhile (an upgrade, an
 * approved draft).
 */
@Component
public class IssuedNotices {

    private static final int PAGE = 1000;
    static final int LOOK_BACK_DAYS = 7;

    private final DunningMapper dunning;
    private final OutboxWriter outbox;
    private final TransactionTemplate tx;

    public IssuedNotices(DunningMapper dunning, OutboxWriter outbox, PlatformTransactionManager transactionManager) {
        this.dunning = dunning;
        this.outbox = outbox;
        this.tx = new TransactionTemplate(transactionManager);
        this.tx.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    public int enqueue(LocalDate asOf) {
        int count = 0;
        long after = 0;
        while (true) {
            long from = after;
            List<IssuedInvoice> page = dunning.selectIssuedWithoutNotice(asOf.minusDays(LOOK_BACK_DAYS), from, PAGE);
            if (page.isEmpty()) {
                return count;
            }
            tx.executeWithoutResult(s -> {
                for (IssuedInvoice i : page) {
                    Money owed = Money.rounded(i.owed(), Money.currency(i.currency()));
                    outbox.email(
                            "EMAIL:ISSUED:" + i.id(),
                            i.customerId(),
                            i.id(),
                            i.email(),
                            new Notices.InvoiceIssued(
                                    i.name(),
                                    i.number(),
                                    Money.rounded(i.total(), owed.currency()).toString(),
                                    String.valueOf(i.dueDate()),
                                    owed.amount().signum() > 0,
                                    owed.toString()));
                }
            });
            count += page.size();
            after = page.get(page.size() - 1).id();
        }
    }
}
