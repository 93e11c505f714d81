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
import com.ezscale.billing.invoice.db.SellerEntity;
import com.ezscale.billing.persistence.BulkLoad;
import com.ezscale.billing.run.db.ParkedCustomer;
import com.ezscale.billing.run.db.RunMapper;
import com.ezscale.billing.subscription.db.PlanChangeMapper;
import com.ezscale.billing.subscription.db.SubscriptionMapper;
import com.ezscale.billing.tax.TaxAmount;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.LongSummaryStatistics;
import java.util.Map;
import java.util.Objects;
import java.util.function.ToLongFunction;
import org.apache.ibatis.session.SqlSession;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;

/**
 * Writes a chunk's invoices, their lines, the services' new cursors and the parked customers, all
 * in the chunk's transaction: batched statements, and the invoices, lines and taxes by {@code LOAD
 * DATA} where the connection allows it ({@link BulkLoad}). The invoice run's invoices that need no
 * approval are issued in the same transaction once their lines are written, as the issue step would
 * issue them (series locked, numbers in turn, snapshot, credit applied), so numbering overlaps
 * generating instead of waiting for the whole generate step; those on hold stay drafts. Invoices are
 * keyed (run, customer, currency) and lines (service, charge kind,
 * period): the database refuses a duplicate of either. Dunning's late fee invoices go through
 * {@link #writeDrafts} too, as drafts.
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
    /** Null for late fees: those are written as drafts. */
    private final Issuance issuance;

    /**
     * {@code session} is the batching session the mappers belong to; it is flushed before the chunk commits.
     * Invoices, lines and taxes go in by {@code bulk} where the connection allows it; {@code sellers} are those
     * whose series the run's invoices are numbered in.
     */
    public InvoiceDraftWriter(
            SqlSession session, BulkLoad bulk, Target target, List<SellerEntity> sellers, Clock clock) {
        this(session, bulk, target, new Issuance(session, sellers, target.asOf()), clock);
    }

    /** Late fee invoices only ({@link #writeDrafts}): no run; a few a night, as batched inserts, drafts. */
    public InvoiceDraftWriter(SqlSession session, Clock clock) {
        this(session, BulkLoad.off(), null, (Issuance) null, clock);
    }

    private InvoiceDraftWriter(SqlSession session, BulkLoad bulk, Target target, Issuance issuance, Clock clock) {
        this.session = session;
        this.bulk = bulk;
        this.issuance = issuance;
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
     * into the database; the invoice run's own are numbered in the same chunk ({@link #write(Chunk)}), late fees
     * by their issue step. With a {@link BulkLoad} the connection can use,
     * the same rows go in as three {@code LOAD DATA} statements.
     */
    public void writeDrafts(List<DraftInvoice> drafts, long runId, ToLongFunction<DraftInvoice> sellerOf, Instant now) {
        write(drafts, runId, sellerOf, now, false);
    }

    /**
     * {@link #writeDrafts}: the drafts, then their lines and taxes. With {@code issue}, returns those of the drafts
     * not held for approval by seller, which {@link #write(Chunk)} issues in the same transaction once everything
     * else is written (the series lock, which every issuer of the series waits for until this transaction ends,
     * so covers the numbering and not the writes); else nothing.
     */
    private Map<Long, List<Long>> write(
            List<DraftInvoice> drafts, long runId, ToLongFunction<DraftInvoice> sellerOf, Instant now, boolean issue) {
        if (drafts.isEmpty()) {
            return Map.of();
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
        if (issue) {
            LongSummaryStatistics written =
                    idByKey.values().stream().mapToLong(Long::longValue).summaryStatistics();
            runRange(connection, written.getMin(), written.getMax());
        }
        try {
            writeLines(drafts, idByKey, connection);
        } finally {
            if (issue) {
                runRange(connection, null, null);
            }
        }
        if (!issue) {
            return Map.of();
        }
        Map<Long, List<Long>> idsBySeller = new HashMap<>();
        for (DraftInvoice draft : drafts) {
            if (draft.holdReason() == null) {
                idsBySeller
                        .computeIfAbsent(sellerOf.applyAsLong(draft), k -> new ArrayList<>())
                        .add(idByKey.get(key(draft)));
            }
        }
        return idsBySeller;
    }

    /**
     * Names the ids of the drafts just written ({@link InvoiceDraftRow#RUN_FROM}) on the connection, for their
     * lines and taxes, which the triggers then take without looking each invoice up; nulls clear them.
     */
    private static void runRange(Connection connection, Long from, Long to) {
        try (PreparedStatement set = connection.prepareStatement(
                "SET " + InvoiceDraftRow.RUN_FROM + " = ?, " + InvoiceDraftRow.RUN_TO + " = ?")) {
            set.setObject(1, from, Types.BIGINT);
            set.setObject(2, to, Types.BIGINT);
            set.execute();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot name the run's invoices on the connection: " + e.getMessage(), e);
        }
    }

    /** The drafts' lines, then their tax rows, sent before this returns. */
    private void writeLines(List<DraftInvoice> drafts, Map<String, Long> idByKey, Connection connection) {
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
        session.flushStatements();
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
        // the cursors and plan changes first: the batching session sends them with the first read below, before the
        // number series is locked at the end
        if (!settledChanges.isEmpty()) {
            planChanges.settlePlanChanges(settledChanges);
        }
        subscriptions.updateNextPeriodStarts(advances);
        Map<Long, List<Long>> toIssue = write(drafts, target.runId(), draft -> target.sellerEntityId(), now, true);
        if (!settledChanges.isEmpty() && !drafts.isEmpty()) {
            // before the series is locked: nothing of it needs the numbers
            session.flushStatements();
            planChanges.linkUpgradeInvoices(
                    target.runId(),
                    drafts.stream().map(DraftInvoice::customerId).distinct().toList(),
                    target.asOf().plusDays(target.upgradeExpiryDays()));
        }
        List<Long> issued = issuance.issue(toIssue, false, now);
        if (!issued.isEmpty()) {
            session.flushStatements();
            issuance.settleWithCredit(issued, now);
        }
        // flush inside the chunk, so a refused write fails the chunk (restartable) and not the commit (UNKNOWN)
        session.flushStatements();
    }
}
