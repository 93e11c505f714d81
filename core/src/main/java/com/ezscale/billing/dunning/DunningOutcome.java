package com.ezscale.billing.dunning;

import com.ezscale.billing.invoice.DraftInvoice;
import com.ezscale.billing.notice.Notices;
import java.util.List;

/**
 * What the ladder does to one invoice today, to be written in one transaction: the steps (each once
 * by its key), the emails and panel calls (each once by its dedupe key), the services suspended and
 * terminated, and the late fee invoice (a draft, issued by the next step). Charge attempts are
 * collect's.
 */
public record DunningOutcome(
        long invoiceId,
        List<Step> steps,
        List<Email> emails,
        List<PanelCall> panelCalls,
        List<Long> suspend,
        List<Long> terminate,
        DraftInvoice lateFee) {

    /** A step of the ladder and what it did ({@code detail}: the fee, the services acted on). */
    public record Step(String key, DunningActionKind kind, String detail) {}

    public record Email(String dedupeKey, String to, Notices.Notice notice) {}

    public record PanelCall(String dedupeKey, String action, long subscriptionId, String panel, String panelRef) {}

    public DunningOutcome {
        steps = List.copyOf(steps);
        emails = List.copyOf(emails);
        panelCalls = List.copyOf(panelCalls);
        suspend = List.copyOf(suspend);
        terminate = List.copyOf(terminate);
    }

    public boolean isEmpty() {
        return steps.isEmpty();
    }
}
