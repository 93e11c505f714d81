package com.ezscale.billing.jobs.collect;

import com.ezscale.billing.dunning.db.DunningMapper;
import com.ezscale.billing.money.Money;
import com.ezscale.billing.notice.Notices;
import com.ezscale.billing.outbox.OutboxWriter;
import com.ezscale.billing.outbox.db.OutboxMapper;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
    private final OutboxMapper outbox;
    private final TransactionTemplate tx;
    private final Clock clock;

    public IssuedNotices(DunningMapper dunning, OutboxMapper outbox, PlatformTransactionManager transactionManager, Clock clock) {
        this.dunning = dunning;
        this.outbox = outbox;
        this.tx = new TransactionTemplate(transactionManager);
        this.tx.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.clock = clock;
    }

    public int enqueue(LocalDate asOf) {
        OutboxWriter writer = new OutboxWriter(outbox, clock);
        int count = 0;
        long after = 0;
        while (true) {
            long from = after;
            List<Map<String, Object>> page = dunning.selectIssuedWithoutNotice(asOf.minusDays(LOOK_BACK_DAYS), from, PAGE);
            if (page.isEmpty()) {
                return count;
            }
            tx.executeWithoutResult(s -> {
                for (Map<String, Object> i : page) {
                    String currency = (String) i.get("currency");
                    Money owed = Money.rounded((BigDecimal) i.get("owed"), Money.currency(currency));
                    Map<String, Object> model = new HashMap<>();
                    model.put("name", i.get("name"));
                    model.put("number", i.get("number"));
                    model.put("total", Money.rounded((BigDecimal) i.get("total"), owed.currency()).toString());
                    model.put("dueDate", String.valueOf(i.get("dueDate")));
                    model.put("owedNow", owed.amount().signum() > 0);
                    model.put("owed", owed.toString());
                    long id = ((Number) i.get("id")).longValue();
                    writer.email("EMAIL:ISSUED:" + id, ((Number) i.get("customerId")).longValue(), id, (String) i.get("email"),
                            Notices.INVOICE_ISSUED, model);
                }
            });
            count += page.size();
            after = ((Number) page.get(page.size() - 1).get("id")).longValue();
        }
    }
}
