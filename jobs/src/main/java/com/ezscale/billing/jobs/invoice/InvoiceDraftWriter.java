package com.ezscale.billing.jobs.invoice;

import com.ezscale.billing.invoice.DraftInvoice;
import com.ezscale.billing.invoice.ProposedLine;
import com.ezscale.billing.invoice.SubscriptionAdvance;
import com.ezscale.billing.invoice.db.DraftId;
import com.ezscale.billing.invoice.db.InvoiceDraftRow;
import com.ezscale.billing.invoice.db.InvoiceLineRow;
import com.ezscale.billing.invoice.db.InvoiceTaxRow;
import com.ezscale.billing.tax.TaxAmount;
import com.ezscale.billing.invoice.db.InvoiceMapper;
import com.ezscale.billing.run.db.ParkedCustomer;
import com.ezscale.billing.run.db.RunMapper;
import com.ezscale.billing.subscription.db.SubscriptionMapper;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.ibatis.session.SqlSession;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;

/**
 * Writes a chunk's drafts, their lines, the services' new cursors and the parked customers, all
 * as batched statements in the chunk's transaction. Drafts are keyed (run, customer, currency) and
 * lines (service, charge kind, period): the database refuses a duplicate of either.
 */
public class InvoiceDraftWriter implements ItemWriter<CustomerOutcome> {

    /** Where a run's drafts, lines and cursors go, and who the run is. */
    public record Target(long runId, long jobExecutionId, String stepName, long sellerEntityId, LocalDate asOf, int upgradeExpiryDays) {
    }

    private final InvoiceMapper invoices;
    private final SubscriptionMapper subscriptions;
    private final RunMapper runs;
    private final Target target;
    private final Clock clock;
    private final SqlSession session;

    /** {@code session} is the batching session the mappers belong to; it is flushed before the chunk commits. */
    public InvoiceDraftWriter(SqlSession session, Target target, Clock clock) {
        this.session = session;
        this.invoices = session.getMapper(InvoiceMapper.class);
        this.subscriptions = session.getMapper(SubscriptionMapper.class);
        this.runs = session.getMapper(RunMapper.class);
        this.target = target;
        this.clock = clock;
    }

    @Override
    public void write(Chunk<? extends CustomerOutcome> chunk) {
        Instant now = clock.instant();
        List<DraftInvoice> drafts = new ArrayList<>();
        List<SubscriptionAdvance> advances = new ArrayList<>();
        List<Long> settledChanges = new ArrayList<>();
        for (CustomerOutcome outcome : chunk) {
            if (outcome.isParked()) {
                runs.insertParked(new ParkedCustomer(target.jobExecutionId(), target.stepName(), outcome.customerId(),
                        target.asOf(), outcome.parkedReason(), now));
            } else {
                drafts.addAll(outcome.result().drafts());
                advances.addAll(outcome.result().advances());
                settledChanges.addAll(outcome.result().settledPlanChanges());
            }
        }
        if (!drafts.isEmpty()) {
            for (DraftInvoice draft : drafts) {
                invoices.insertDraft(InvoiceDraftRow.of(draft, target.sellerEntityId(), target.runId(), now));
            }
            Map<String, Long> idByKey = new HashMap<>();
            List<Long> customerIds = drafts.stream().map(DraftInvoice::customerId).distinct().toList();
            for (DraftId id : invoices.selectDraftIds(target.runId(), customerIds)) {
                idByKey.put(id.customerId() + "/" + id.currency().getCurrencyCode(), id.id());
            }
            // every line, then every tax row: the batching executor sends one batch per run of the same statement
            for (DraftInvoice draft : drafts) {
                long invoiceId = idByKey.get(draft.customerId() + "/" + draft.currency().getCurrencyCode());
                int lineNo = 1;
                for (ProposedLine line : draft.lines()) {
                    invoices.insertLine(InvoiceLineRow.of(invoiceId, lineNo++, line));
                }
            }
            for (DraftInvoice draft : drafts) {
                long invoiceId = idByKey.get(draft.customerId() + "/" + draft.currency().getCurrencyCode());
                for (TaxAmount tax : draft.taxes()) {
                    invoices.insertTax(new InvoiceTaxRow(invoiceId, tax.name(), tax.ratePercent(), tax.base().amount(), tax.tax().amount()));
                }
            }
        }
        if (!settledChanges.isEmpty() && !drafts.isEmpty()) {
            session.flushStatements();
            invoices.linkUpgradeInvoices(target.runId(), drafts.stream().map(DraftInvoice::customerId).distinct().toList(),
                    target.asOf().plusDays(target.upgradeExpiryDays()));
        }
        if (!settledChanges.isEmpty()) {
            invoices.settlePlanChanges(settledChanges);
        }
        for (SubscriptionAdvance advance : advances) {
            subscriptions.updateNextPeriodStart(advance.subscriptionId(), advance.nextPeriodStart());
        }
        // flush inside the chunk, so a refused write fails the chunk (restartable) and not the commit (UNKNOWN)
        session.flushStatements();
    }
}
