package com.ezscale.billing.dunning;

import com.ezscale.billing.money.Money;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * The ladder of one invoice as a plain function of (its state, asOf). Anchored on the due date,
 * never on a payment: a partial payment leaves the ladder where it is (the steps are re-evaluated
 * on what is still owed), and an invoice paid in full has no step left. Steps already done (by
 * key) are never returned again; a ladder that missed days catches up with the steps that still
 * make sense: one payment attempt (the latest due), only the most recent overdue notice (an older
 * one would say less than it), the late fee, suspension and termination (a suspension warning only
 * while suspension is still ahead). Exempt customers get reminders, notices and payment attempts,
 * never a warning, a fee, a suspension or a termination; a late-fee invoice never gets a late fee.
 */
public final class DunningLadder {

    private final DunningSchedule schedule;

    public DunningLadder(DunningSchedule schedule) {
        this.schedule = schedule;
    }

    public List<DunningAction> actions(InvoiceDunningState invoice, LocalDate asOf) {
        List<DunningAction> actions = new ArrayList<>();
        if (invoice.outstanding().amount().signum() <= 0) {
            return actions;
        }
        long day = ChronoUnit.DAYS.between(invoice.dueDate(), asOf);
        if (day < 0) {
            if (-day <= schedule.reminderDaysBefore()) {
                add(actions, invoice, DunningAction.of(DunningActionKind.REMINDER, "REMINDER"));
            }
            return actions;
        }
        int latestAttempt = -1;
        for (int i = 0; i < schedule.attemptDays().size(); i++) {
            if (schedule.attemptDays().get(i) <= day) {
                latestAttempt = i;
            }
        }
        if (latestAttempt >= 0) {
            add(actions, invoice, DunningAction.of(DunningActionKind.CHARGE_ATTEMPT, "ATTEMPT:" + (latestAttempt + 1)));
        }
        Integer notice = null;
        for (int d : schedule.overdueNoticeDays()) {
            if (d <= day) {
                notice = d;
            }
        }
        if (notice != null) {
            add(actions, invoice, DunningAction.of(DunningActionKind.OVERDUE_NOTICE, "NOTICE:" + notice));
        }
        if (invoice.exempt()) {
            return actions;
        }
        if (day >= schedule.suspendDay() - schedule.suspensionWarningDaysBefore() && day < schedule.suspendDay()) {
            add(actions, invoice, DunningAction.of(DunningActionKind.SUSPENSION_WARNING, "SUSPENSION_WARNING"));
        }
        if (day >= schedule.lateFeeDay() && !invoice.lateFeeInvoice()) {
            add(
                    actions,
                    invoice,
                    new DunningAction(DunningActionKind.LATE_FEE, "LATE_FEE", lateFee(invoice.outstanding())));
        }
        if (day >= schedule.suspendDay() && day < schedule.terminateDay()) {
            add(actions, invoice, DunningAction.of(DunningActionKind.SUSPEND, "SUSPEND"));
        }
        if (day >= schedule.terminateDay()) {
            add(actions, invoice, DunningAction.of(DunningActionKind.TERMINATE, "TERMINATE"));
        }
        return actions;
    }

    /** percent of what is owed, at least the currency's minimum (none configured: no minimum). */
    public Money lateFee(Money outstanding) {
        Money fee = Money.rounded(
                outstanding
                        .amount()
                        .multiply(schedule.lateFeePercent())
                        .divide(BigDecimal.valueOf(100), MathContext.DECIMAL128),
                outstanding.currency());
        BigDecimal minimum = schedule.lateFeeMinimum().get(outstanding.currency());
        if (minimum != null && fee.amount().compareTo(minimum) < 0) {
            return Money.rounded(minimum, outstanding.currency());
        }
        return fee;
    }

    /**
     * Whether a suspended customer's services come back: nothing overdue is left (every invoice
     * past its due date is paid), whatever paid it (a late gateway payment included).
     */
    public static boolean shouldUnsuspend(List<InvoiceDunningState> invoices, LocalDate asOf) {
        return invoices.stream()
                .noneMatch(i ->
                        i.outstanding().amount().signum() > 0 && i.dueDate().isBefore(asOf));
    }

    private static void add(List<DunningAction> actions, InvoiceDunningState invoice, DunningAction action) {
        if (!invoice.done().contains(action.key())) {
            actions.add(action);
        }
    }
}
