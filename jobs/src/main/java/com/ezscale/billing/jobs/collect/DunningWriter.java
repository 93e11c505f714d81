package com.ezscale.billing.jobs.collect;

import com.ezscale.billing.dunning.DunningAction;
import com.ezscale.billing.dunning.DunningActionKind;
import com.ezscale.billing.dunning.DunningLadder;
import com.ezscale.billing.dunning.DunningSchedule;
import com.ezscale.billing.dunning.InvoiceDunningState;
import com.ezscale.billing.dunning.LateFee;
import com.ezscale.billing.dunning.Unsuspension;
import com.ezscale.billing.dunning.db.DunningCandidate;
import com.ezscale.billing.dunning.db.DunningMapper;
import com.ezscale.billing.dunning.db.InvoiceService;
import com.ezscale.billing.dunning.db.TaxOfInvoice;
import com.ezscale.billing.invoice.ChargeKind;
import com.ezscale.billing.invoice.db.InvoiceLineRow;
import com.ezscale.billing.invoice.db.InvoiceMapper;
import com.ezscale.billing.invoice.db.InvoiceTaxRow;
import com.ezscale.billing.money.Money;
import com.ezscale.billing.notice.Notices;
import com.ezscale.billing.outbox.OutboxWriter;
import com.ezscale.billing.outbox.db.OutboxMapper;
import com.ezscale.billing.tax.TaxAmount;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.ibatis.session.SqlSession;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;

/**
 * Applies the ladder to a chunk of overdue (or soon due) invoices: every step is recorded in
 * {@code dunning_step} (unique per invoice and step) in the same transaction as what it does — the
 * notice in the outbox, the late fee invoice (a draft here, issued by the next step), the services
 * suspended or terminated and their panel calls. Charge attempts belong to {@code collect}.
 */
public class DunningWriter implements ItemWriter<DunningCandidate> {

    private final SqlSession session;
    private final DunningMapper dunning;
    private final InvoiceMapper invoices;
    private final OutboxWriter outbox;
    private final DunningLadder ladder;
    private final DunningSchedule schedule;
    private final LocalDate asOf;
    private final Clock clock;

    public DunningWriter(SqlSession session, DunningSchedule schedule, LocalDate asOf, Clock clock) {
        this.session = session;
        this.dunning = session.getMapper(DunningMapper.class);
        this.invoices = session.getMapper(InvoiceMapper.class);
        this.outbox = new OutboxWriter(session.getMapper(OutboxMapper.class), clock);
        this.ladder = new DunningLadder(schedule);
        this.schedule = schedule;
        this.asOf = asOf;
        this.clock = clock;
    }

    /** The steps of one invoice today, without the charge attempts. */
    public static List<DunningAction> steps(DunningLadder ladder, DunningCandidate c, LocalDate asOf) {
        return ladder.actions(state(c), asOf).stream().filter(a -> a.kind() != DunningActionKind.CHARGE_ATTEMPT).toList();
    }

    public static InvoiceDunningState state(DunningCandidate c) {
        Money owed = Money.rounded(c.owed, Money.currency(c.currency));
        Set<String> done = c.done == null ? Set.of() : new HashSet<>(Arrays.asList(c.done.split(",")));
        return new InvoiceDunningState(c.id, c.dueDate, Money.rounded(c.total, owed.currency()), owed, c.exempt, c.lateFeeInvoice, done);
    }

    private String lateFeeText(DunningCandidate c, Money fee) {
        BigDecimal minimum = schedule.lateFeeMinimum().get(fee.currency());
        return "Late fee on invoice " + c.number + " (due " + c.dueDate + ", " + Money.rounded(c.owed, fee.currency()) + " owed): "
                + schedule.lateFeePercent().stripTrailingZeros().toPlainString() + "%"
                + (minimum == null ? "" : ", at least " + Money.rounded(minimum, fee.currency()));
    }

    /** The service updates of one kind in a chunk (one statement), and the services already taken (a service on two invoices). */
    private static final class ServiceUpdates {
        final List<Runnable> updates = new ArrayList<>();
        final Set<Long> taken = new HashSet<>();
    }

    /**
     * Suspends (active services) or terminates (any not yet ended) the services the invoice bills:
     * the status change, a panel call for each service on a panel, one email listing them. Returns
     * the step's detail.
     */
    private String actOnServices(DunningActionKind kind, DunningCandidate c, List<InvoiceService> billed, Map<String, Object> model, Instant now,
                                 ServiceUpdates updates, List<Runnable> outboxes) {
        boolean suspend = kind == DunningActionKind.SUSPEND;
        List<String> names = new ArrayList<>();
        for (InvoiceService s : billed) {
            boolean eligible = suspend ? "ACTIVE".equals(s.status) : !"TERMINATED".equals(s.status) && !"CANCELLED".equals(s.status);
            if (!eligible || !updates.taken.add(s.subscriptionId)) {
                continue;
            }
            updates.updates.add(suspend ? () -> dunning.suspend(s.subscriptionId, now) : () -> dunning.terminate(s.subscriptionId, asOf));
            if (s.panel != null && s.panelRef != null) {
                // a suspension per invoice (each can be undone and redone); a termination once per service
                String key = suspend ? "PANEL:SUSPEND:" + s.subscriptionId + ":" + c.id : "PANEL:TERMINATE:" + s.subscriptionId;
                outboxes.add(() -> outbox.panel(key, kind.name(), c.customerId, s.subscriptionId, c.id, s.panel, s.panelRef));
            }
            names.add(Unsuspension.label(s));
        }
        if (names.isEmpty()) {
            return suspend ? "no active service" : "no service left";
        }
        String detail = String.join(", ", names);
        Map<String, Object> withServices = new HashMap<>(model);
        withServices.put("services", detail);
        String template = suspend ? Notices.SUSPENDED : Notices.TERMINATED;
        outboxes.add(() -> outbox.email("EMAIL:" + (suspend ? "SUSPENDED:" : "TERMINATED:") + c.id, c.customerId, c.id, c.email, template, withServices));
        return detail;
    }

    @Override
    public void write(Chunk<? extends DunningCandidate> chunk) {
        Instant now = clock.instant();
        Map<DunningCandidate, List<DunningAction>> todo = new LinkedHashMap<>();
        List<Long> needServices = new ArrayList<>();
        List<Long> needTax = new ArrayList<>();
        for (DunningCandidate c : chunk) {
            List<DunningAction> steps = steps(ladder, c, asOf);
            if (steps.isEmpty()) {
                continue;
            }
            todo.put(c, steps);
            for (DunningAction a : steps) {
                if (a.kind() == DunningActionKind.SUSPEND || a.kind() == DunningActionKind.TERMINATE) {
                    needServices.add(c.id);
                }
                if (a.kind() == DunningActionKind.LATE_FEE) {
                    needTax.add(c.id);
                }
            }
        }
        if (todo.isEmpty()) {
            return;
        }
        Map<Long, List<InvoiceService>> services = needServices.isEmpty() ? Map.of()
                : dunning.selectInvoiceServices(needServices).stream().collect(Collectors.groupingBy(s -> s.invoiceId));
        Map<Long, TaxOfInvoice> taxes = new HashMap<>();
        if (!needTax.isEmpty()) {
            for (TaxOfInvoice t : dunning.selectMainTax(needTax)) {
                taxes.putIfAbsent(t.invoiceId, t);
            }
        }
        List<Runnable> steps = new ArrayList<>();
        List<Runnable> outboxes = new ArrayList<>();
        ServiceUpdates suspensions = new ServiceUpdates();
        ServiceUpdates terminations = new ServiceUpdates();
        List<Runnable> drafts = new ArrayList<>();
        Map<Long, LateFee> lateFees = new LinkedHashMap<>();
        Map<Long, DunningCandidate> lateFeeFor = new HashMap<>();
        for (Map.Entry<DunningCandidate, List<DunningAction>> e : todo.entrySet()) {
            DunningCandidate c = e.getKey();
            long days = ChronoUnit.DAYS.between(c.dueDate, asOf);
            Money owed = Money.rounded(c.owed, Money.currency(c.currency));
            Map<String, Object> model = new HashMap<>();
            model.put("name", c.customerName);
            model.put("number", c.number);
            model.put("owed", owed.toString());
            model.put("dueDate", c.dueDate.toString());
            model.put("days", days);
            model.put("suspendDay", schedule.suspendDay());
            model.put("suspendOn", c.dueDate.plusDays(schedule.suspendDay()).toString());
            model.put("terminateOn", c.dueDate.plusDays(schedule.terminateDay()).toString());
            for (DunningAction a : e.getValue()) {
                String detail = null;
                switch (a.kind()) {
                    case REMINDER -> outboxes.add(() -> outbox.email("EMAIL:REMINDER:" + c.id, c.customerId, c.id, c.email, Notices.REMINDER, model));
                    case OVERDUE_NOTICE -> outboxes.add(() -> outbox.email("EMAIL:" + a.key() + ":" + c.id, c.customerId, c.id, c.email,
                            Notices.OVERDUE, model));
                    case SUSPENSION_WARNING -> outboxes.add(() -> outbox.email("EMAIL:SUSPENSION_WARNING:" + c.id, c.customerId, c.id, c.email,
                            Notices.SUSPENSION_WARNING, model));
                    case LATE_FEE -> {
                        TaxOfInvoice tax = taxes.get(c.id);
                        LateFee fee = LateFee.of(a.amount(), tax == null ? null : tax.taxName, tax == null ? null : tax.rate, c.pricesIncludeTax);
                        drafts.add(() -> dunning.insertLateFeeDraft(c.id, c.sellerEntityId, c.customerId, c.currency, asOf, fee.subtotal().amount(),
                                fee.total().minus(fee.subtotal()).amount(), fee.total().amount(), c.pricesIncludeTax, c.taxMode, c.taxNote, now));
                        lateFees.put(c.id, fee);
                        lateFeeFor.put(c.id, c);
                        detail = a.amount().toString();
                    }
                    case SUSPEND, TERMINATE -> detail = actOnServices(a.kind(), c, services.getOrDefault(c.id, List.of()), model, now,
                            a.kind() == DunningActionKind.SUSPEND ? suspensions : terminations, outboxes);
                    case CHARGE_ATTEMPT -> throw new IllegalStateException("charge attempts belong to collect");
                }
                String stepDetail = detail;
                steps.add(() -> dunning.insertStep(c.id, a.key(), a.kind().name(), asOf, stepDetail, now));
            }
        }
        // one statement at a time: MyBatis' batching executor starts a new JDBC batch whenever the statement changes
        for (List<Runnable> phase : List.of(steps, outboxes, suspensions.updates, terminations.updates, drafts)) {
            phase.forEach(Runnable::run);
        }
        // flush inside the chunk: a refused write fails the chunk (restartable), not the commit
        session.flushStatements();
        if (!lateFees.isEmpty()) {
            List<InvoiceTaxRow> taxRows = new ArrayList<>();
            for (Map<String, Object> row : dunning.selectLateFeeIds(lateFees.keySet())) {
                long feeId = ((Number) row.get("id")).longValue();
                long forId = ((Number) row.get("forId")).longValue();
                LateFee fee = lateFees.get(forId);
                DunningCandidate c = lateFeeFor.get(forId);
                TaxOfInvoice tax = taxes.get(forId);
                invoices.insertLine(new InvoiceLineRow(feeId, 1, null, ChargeKind.LATE_FEE, null, null, 0,
                        lateFeeText(c, fee.line()),
                        BigDecimal.ONE, fee.line().amount(), fee.line().amount(), null, null, null, null, null,
                        tax == null ? null : tax.rate, tax == null ? null : tax.taxName, "", null, null));
                for (TaxAmount t : fee.taxes()) {
                    taxRows.add(new InvoiceTaxRow(feeId, t.name(), t.ratePercent(), t.base().amount(), t.tax().amount()));
                }
            }
            taxRows.forEach(invoices::insertTax);
            session.flushStatements();
        }
    }
}
