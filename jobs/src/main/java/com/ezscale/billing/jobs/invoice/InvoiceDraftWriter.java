package com.ezscale.billing.jobs.invoice;

import com.ezscale.billing.invoice.DraftInvoice;
import com.ezscale.billing.invoice.ProposedLine;
import com.ezscale.billing.invoice.SubscriptionAdvance;
import com.ezscale.billing.invoice.db.DraftId;
import com.ezscale.billing.invoice.db.InvoiceDraftRow;
import com.ezscale.billing.invoice.db.InvoiceLineRow;
import com.ezscale.billing.invoice.db.InvoiceMapper;
import com.ezscale.billing.invoice.db.InvoiceTaxRow;
import com.ezscale.billing.invoice.db.LateFeeDraftId;
import com.ezscale.billing.persistence.BulkLoad;
import com.ezscale.billing.run.db.ParkedCustomer;
import com.ezscale.billing.run.db.RunMapper;
import com.ezscale.billing.subscription.db.PlanChangeMapper;
import com.ezscale.billing.subscription.db.SubscriptionMapper;
import com.ezscale.billing.tax.TaxAmount;
import java.sql.Connection;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.ToLongFunction;
import org.apache.ibatis.session.SqlSession;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;

/**
 * Writes a chunk's drafts, their lines, the services' new cursors and the parked customers, all
 * in the chunk's transaction: batched statements, and the drafts, lines and taxes by {@code LOAD
 * DATA} where the connection allows it ({@link BulkLoad}). Drafts are keyed (run, customer, currency) and
 * lines (service, charge kind, period): the database refuses a duplicate of either. Dunning's late
 * fee invoices go through {@link #writeDrafts} too.
 */
public class InvoiceDraftWriter implements ItemWriter<CustomerOutcome> {

    /** Where a run's drafts, lines and cursors go, and who the run is. */
    public record Target(
            long runId,
            long jobExecutionId,
            String stepName,
            long sellerEntityId,
            LocalDate asOf,
            int upgradeExpiryDays) {}

    private final InvoiceMapper invoices;
    private final SubscriptionMapper subscriptions;
    private final PlanChangeMapper planChanges;
    private final RunMapper runs;
    private final Target target;
    private final Clock clock;
    private final SqlSession session;
    private final BulkLoad bulk;

    /**
     * {@code session} is the batching session the mappers belong to; it is flushed before the chunk commits.
     * Drafts, lines and taxes go in by {@code bulk} where the connection allows it.
     */
    public InvoiceDraftWriter(SqlSession session, BulkLoad bulk, Target target, Clock clock) {
        this(session, bulk, target, clock, true);
    }

    /** Late fee invoices only ({@link #writeDrafts}): no run; a few a night, as batched inserts. */
    public InvoiceDraftWriter(SqlSession session, Clock clock) {
        this(session, BulkLoad.off(), null, clock, false);
    }

    private InvoiceDraftWriter(SqlSession session, BulkLoad bulk, Target target, Clock clock, boolean ofRun) {
        this.session = session;
        this.bulk = bulk;
        this.invoices = session.getMapper(InvoiceMapper.class);
        this.subscriptions = session.getMapper(SubscriptionMapper.class);
        this.planChanges = session.getMapper(PlanChangeMapper.class);
        this.runs = session.getMapper(RunMapper.class);
        this.target = target;
        this.clock = clock;
    }

    /**
     * Writes drafts with their lines and tax rows as batched statements, each issued by the seller
     * {@code sellerOf} gives it: the invoice run's drafts (keyed run, customer, currency) and dunning's
     * late fee invoices (keyed by the invoice they are the fee of) alike. The one path invoices take
     * into the database; the issue step numbers them. With a {@link BulkLoad} the connection can use,
     * the same rows go in as three {@code LOAD DATA} statements.
     */
    public void writeDrafts(List<DraftInvoice> drafts, long runId, ToLongFunction<DraftInvoice> sellerOf, Instant now) {
        if (drafts.isEmpty()) {
            return;
        }
        Connection connection = session.getConnection();
        BulkLoad.Rows<InvoiceDraftRow> draftRows = bulk.rows(
                connection, "invoice", InvoiceDraftRow.COLUMNS, InvoiceDraftRow::appendTo, invoices::insertDraft);
        for (DraftInvoice draft : drafts) {
            draftRows.add(InvoiceDraftRow.of(draft, sellerOf.applyAsLong(draft), runId, now));
        }
        draftRows.write();
        Map<String, Long> idByKey = new HashMap<>();
        List<Long> customerIds = drafts.stream()
                .filter(d -> d.lateFeeFor() == null)
                .map(DraftInvoice::customerId)
                .distinct()
                .toList();
        if (!customerIds.isEmpty()) {
            for (DraftId id : invoices.selectDraftIds(runId, customerIds)) {
                idByKey.put(id.customerId() + "/" + id.currency().getCurrencyCode(), id.id());
            }
        }
        List<Long> feesFor = drafts.stream()
                .map(DraftInvoice::lateFeeFor)
                .filter(Objects::nonNull)
                .toList();
        if (!feesFor.isEmpty()) {
            session.flushStatements();
            for (LateFeeDraftId id : invoices.selectLateFeeDraftIds(feesFor)) {
                idByKey.put("fee/" + id.forInvoiceId(), id.id());
            }
        }
        // every line, then every tax row: the batching executor sends one batch per run of the same statement
        BulkLoad.Rows<InvoiceLineRow> lineRows = bulk.rows(
                connection, "invoice_line", InvoiceLineRow.COLUMNS, InvoiceLineRow::appendTo, invoices::insertLine);
        for (DraftInvoice draft : drafts) {
            long invoiceId = idByKey.get(key(draft));
            int lineNo = 1;
            for (ProposedLine line : draft.lines()) {
                lineRows.add(InvoiceLineRow.of(invoiceId, lineNo++, line));
            }
        }
        BulkLoad.Rows<InvoiceTaxRow> taxRows = bulk.rows(
                connection, "invoice_tax", InvoiceTaxRow.COLUMNS, InvoiceTaxRow::appendTo, invoices::insertTax);
        for (DraftInvoice draft : drafts) {
            long invoiceId = idByKey.get(key(draft));
            for (TaxAmount tax : draft.taxes()) {
                taxRows.add(new InvoiceTaxRow(
                        invoiceId,
                        tax.name(),
                        tax.ratePercent(),
                        tax.base().amount(),
                        tax.tax().amount()));
            }
        }
        lineRows.write();
        taxRows.write();
    }

    private static String key(DraftInvoice draft) {
        return draft.lateFeeFor() != null
                ? "fee/" + draft.lateFeeFor()
                : draft.customerId() + "/" + draft.currency().getCurrencyCode();
    }

    @Override
    public void write(Chunk<? extends CustomerOutcome> chunk) {
        Instant now = clock.instant();
        List<DraftInvoice> drafts = new ArrayList<>();
        List<SubscriptionAdvance> advances = new ArrayList<>();
        List<Long> settledChanges = new ArrayList<>();
        for (CustomerOutcome outcome : chunk) {
            if (outcome.isParked()) {
                runs.insertParked(new ParkedCustomer(
                        target.jobExecutionId(),
                        target.stepName(),
                        outcome.customerId(),
                        target.asOf(),
                        outcome.parkedReason(),
                        now));
            } else {
                drafts.addAll(outcome.result().drafts());
                advances.addAll(outcome.result().advances());
                settledChanges.addAll(outcome.result().settledPlanChanges());
            }
        }
        writeDrafts(drafts, target.runId(), draft -> target.sellerEntityId(), now);
        if (!settledChanges.isEmpty() && !drafts.isEmpty()) {
            session.flushStatements();
            planChanges.linkUpgradeInvoices(
                    target.runId(),
                    drafts.stream().map(DraftInvoice::customerId).distinct().toList(),
                    target.asOf().plusDays(target.upgradeExpiryDays()));
        }
        if (!settledChanges.isEmpty()) {
            planChanges.settlePlanChanges(settledChanges);
        }
        subscriptions.updateNextPeriodStarts(advances);
        // flush inside the chunk, so a refused write fails the chunk (restartable) and not the commit (UNKNOWN)
        session.flushStatements();
    }
}
