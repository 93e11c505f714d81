package com.ezscale.billing.dunning;

import com.ezscale.billing.invoice.DraftInvoice;
import com.ezscale.billing.invoice.ProposedLine;
import com.ezscale.billing.money.Money;
import com.ezscale.billing.notice.Notices;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Plans what the ladder does to a chunk of invoices today: {@link DunningLadder}'s steps (without
 * the charge attempts), each with its notice, its late fee invoice ({@link LateFee}, as a draft the
 * invoice run's writer writes) or its services suspended or terminated with their panel calls. A
 * service billed on two invoices of the chunk is acted on once, by the first. Pure: the writer
 * records what it returns.
 */
public final class DunningProcessor {

    private final DunningLadder ladder;
    private final DunningSchedule schedule;

    public DunningProcessor(DunningSchedule schedule) {
        this.ladder = new DunningLadder(schedule);
        this.schedule = schedule;
    }

    /** The ladder's steps of one invoice today, without the charge attempts. */
    public List<DunningAction> steps(InvoiceDunningState state, LocalDate asOf) {
        return ladder.actions(state, asOf).stream()
                .filter(a -> a.kind() != DunningActionKind.CHARGE_ATTEMPT)
                .toList();
    }

    /** The outcome of each case with something to do today, in order. */
    public List<DunningOutcome> plan(List<DunningCase> cases, LocalDate asOf) {
        Set<Long> suspended = new HashSet<>();
        Set<Long> terminated = new HashSet<>();
        List<DunningOutcome> outcomes = new ArrayList<>();
        for (DunningCase c : cases) {
            List<DunningAction> actions = steps(c.state(), asOf);
            if (!actions.isEmpty()) {
                outcomes.add(plan(c, actions, asOf, suspended, terminated));
            }
        }
        return outcomes;
    }

    private DunningOutcome plan(
            DunningCase c,
            List<DunningAction> actions,
            LocalDate asOf,
            Set<Long> suspendedInChunk,
            Set<Long> terminatedInChunk) {
        InvoiceDunningState s = c.state();
        long invoiceId = s.invoiceId();
        long days = ChronoUnit.DAYS.between(s.dueDate(), asOf);
        String owed = s.outstanding().toString();
        List<DunningOutcome.Step> steps = new ArrayList<>();
        List<DunningOutcome.Email> emails = new ArrayList<>();
        List<DunningOutcome.PanelCall> panels = new ArrayList<>();
        List<Long> suspend = new ArrayList<>();
        List<Long> terminate = new ArrayList<>();
        DraftInvoice lateFee = null;
        for (DunningAction a : actions) {
            String detail = null;
            switch (a.kind()) {
                case REMINDER ->
                    emails.add(new DunningOutcome.Email(
                            "EMAIL:REMINDER:" + invoiceId,
                            c.email(),
                            new Notices.Reminder(
                                    c.customerName(),
                                    c.number(),
                                    owed,
                                    s.dueDate().toString())));
                case OVERDUE_NOTICE ->
                    emails.add(new DunningOutcome.Email(
                            "EMAIL:" + a.key() + ":" + invoiceId,
                            c.email(),
                            new Notices.Overdue(
                                    c.customerName(),
                                    c.number(),
                                    days,
                                    s.dueDate().toString(),
                                    owed,
                                    schedule.suspendDay())));
                case SUSPENSION_WARNING ->
                    emails.add(new DunningOutcome.Email(
                            "EMAIL:SUSPENSION_WARNING:" + invoiceId,
                            c.email(),
                            new Notices.SuspensionWarning(
                                    c.customerName(),
                                    c.number(),
                                    owed,
                                    s.dueDate().toString(),
                                    s.dueDate().plusDays(schedule.suspendDay()).toString())));
                case LATE_FEE -> {
                    lateFee = lateFeeInvoice(c, a.amount(), asOf);
                    detail = a.amount().toString();
                }
                case SUSPEND, TERMINATE -> {
                    boolean suspending = a.kind() == DunningActionKind.SUSPEND;
                    List<String> names = new ArrayList<>();
                    for (DunningCase.BilledService service : c.services()) {
                        boolean eligible = suspending
                                ? "ACTIVE".equals(service.status())
                                : !"TERMINATED".equals(service.status()) && !"CANCELLED".equals(service.status());
                        if (!eligible
                                || !(suspending ? suspendedInChunk : terminatedInChunk).add(service.subscriptionId())) {
                            continue;
                        }
                        (suspending ? suspend : terminate).add(service.subscriptionId());
                        if (service.panel() != null && service.panelRef() != null) {
                            // a suspension per invoice (each can be undone and redone); a termination once per service
                            panels.add(new DunningOutcome.PanelCall(
                                    suspending
                                            ? "PANEL:SUSPEND:" + service.subscriptionId() + ":" + invoiceId
                                            : "PANEL:TERMINATE:" + service.subscriptionId(),
                                    a.kind().name(),
                                    service.subscriptionId(),
                                    service.panel(),
                                    service.panelRef()));
                        }
                        names.add(service.name());
                    }
                    if (names.isEmpty()) {
                        detail = suspending ? "no active service" : "no service left";
                    } else {
                        detail = String.join(", ", names);
                        emails.add(new DunningOutcome.Email(
                                "EMAIL:" + (suspending ? "SUSPENDED:" : "TERMINATED:") + invoiceId,
                                c.email(),
                                suspending
                                        ? new Notices.Suspended(
                                                c.customerName(),
                                                c.number(),
                                                owed,
                                                days,
                                                detail,
                                                s.dueDate()
                                                        .plusDays(schedule.terminateDay())
                                                        .toString())
                                        : new Notices.Terminated(c.customerName(), c.number(), owed, days, detail)));
                    }
                }
                case CHARGE_ATTEMPT -> throw new IllegalStateException("charge attempts belong to collect");
            }
            steps.add(new DunningOutcome.Step(a.key(), a.kind(), detail));
        }
        return new DunningOutcome(invoiceId, steps, emails, panels, suspend, terminate, lateFee);
    }

    /** The late fee invoice of an overdue invoice: one line, taxed as its invoice was, due today. */
    private DraftInvoice lateFeeInvoice(DunningCase c, Money fee, LocalDate asOf) {
        LateFee late = LateFee.of(fee, c.mainTaxName(), c.mainTaxRate(), c.pricesIncludeTax());
        BigDecimal minimum = schedule.lateFeeMinimum().get(fee.currency());
        String text = "Late fee on invoice " + c.number() + " (due " + c.state().dueDate() + ", "
                + c.state().outstanding() + " owed): "
                + schedule.lateFeePercent().stripTrailingZeros().toPlainString() + "%"
                + (minimum == null ? "" : ", at least " + Money.rounded(minimum, fee.currency()));
        ProposedLine line = ProposedLine.lateFee(text, late.line(), c.mainTaxName(), c.mainTaxRate());
        return new DraftInvoice(
                c.customerId(),
                fee.currency(),
                asOf,
                List.of(line),
                late.taxes(),
                c.tax(),
                c.pricesIncludeTax(),
                null,
                c.state().invoiceId());
    }
}
