package com.ezscale.billing.app.outbox;

import com.ezscale.billing.audit.db.AuditMapper;
import com.ezscale.billing.outbox.db.OutboxMapper;
import com.ezscale.billing.outbox.db.OutboxRow;
import com.ezscale.billing.rules.BillingRuleViolation;
import java.time.Clock;
import java.util.List;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The outbox as admins see it (emails, panel calls, alerts with their attempts and last error), and
 * the retry of a row that exhausted its attempts (the mail server or panel was down too long): it
 * goes back to PENDING, due now, and the next pass of any serve node carries it out. Its dedupe key
 * is unchanged, so the effect still happens once. Audited.
 */
@Service
public class OutboxAdmin {

    private final OutboxMapper outbox;
    private final AuditMapper audit;
    private final Clock clock;

    public OutboxAdmin(OutboxMapper outbox, AuditMapper audit, Clock clock) {
        this.outbox = outbox;
        this.audit = audit;
        this.clock = clock;
    }

    public List<OutboxRow> page(String status, String channel, Long before, int limit) {
        return outbox.selectPage(status, channel, before, limit);
    }

    @Transactional
    public void retry(long id, String actor) {
        if (outbox.retryExhausted(id, clock.instant()) == 0) {
            throw new BillingRuleViolation("outbox row " + id + " is not EXHAUSTED: only an exhausted row is retried");
        }
        audit.insert(clock.instant(), actor, "outbox.retry", "outbox " + id, null);
    }
}
