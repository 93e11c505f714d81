package com.ezscale.billing.app.dunning;

import com.ezscale.billing.app.outbox.OutboxWriter;
import com.ezscale.billing.dunning.DunningLadder;
import com.ezscale.billing.dunning.InvoiceDunningState;
import com.ezscale.billing.dunning.db.DunningMapper;
import com.ezscale.billing.dunning.db.InvoiceService;
import com.ezscale.billing.dunning.db.OpenInvoice;
import com.ezscale.billing.money.Money;
import com.ezscale.billing.notice.Notices;
import com.ezscale.billing.subscription.db.SubscriptionMapper;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Brings back the services dunning suspended once nothing of their customer is overdue (the pure
 * rule {@link DunningLadder#shouldUnsuspend}), whatever paid it: a late gateway payment, a bank
 * transfer, a credit note. Each suspension is undone once: the panel call and the email are keyed on
 * the service and the moment it was suspended. Services an admin suspended stay suspended.
 */
@Component
public final class Unsuspension {

    private static final int PAGE = 500;

    private final DunningMapper mapper;
    private final SubscriptionMapper subscriptions;
    private final OutboxWriter outbox;

    public Unsuspension(DunningMapper mapper, SubscriptionMapper subscriptions, OutboxWriter outbox) {
        this.mapper = mapper;
        this.subscriptions = subscriptions;
        this.outbox = outbox;
    }

    /** For one customer, or for all (null); returns the services unsuspended. */
    public int run(Long customerId, LocalDate asOf) {
        Map<Long, List<InvoiceService>> byCustomer = new LinkedHashMap<>();
        for (InvoiceService s : mapper.selectDunningSuspended(customerId)) {
            byCustomer.computeIfAbsent(s.customerId(), k -> new ArrayList<>()).add(s);
        }
        int count = 0;
        List<Long> customers = new ArrayList<>(byCustomer.keySet());
        for (int from = 0; from < customers.size(); from += PAGE) {
            List<Long> page = customers.subList(from, Math.min(customers.size(), from + PAGE));
            Map<Long, List<InvoiceDunningState>> open = new LinkedHashMap<>();
            for (OpenInvoice i : mapper.selectOpenInvoices(page)) {
                Money owed = Money.rounded(i.owed(), Money.currency(i.currency()));
                open.computeIfAbsent(i.customerId(), k -> new ArrayList<>())
                        .add(new InvoiceDunningState(
                                i.id(),
                                i.dueDate(),
                                Money.rounded(i.total(), owed.currency()),
                                owed,
                                false,
                                false,
                                Set.of()));
            }
            for (Long customer : page) {
                if (!DunningLadder.shouldUnsuspend(open.getOrDefault(customer, List.of()), asOf)) {
                    continue;
                }
                for (InvoiceService s : byCustomer.get(customer)) {
                    if (subscriptions.unsuspend(s.subscriptionId()) == 0) {
                        continue;
                    }
                    String episode = s.subscriptionId() + ":"
                            + (s.suspendedAt() == null
                                    ? "0"
                                    : String.valueOf(s.suspendedAt().toEpochMilli()));
                    if (s.panel() != null && s.panelRef() != null) {
                        outbox.panel(
                                "PANEL:UNSUSPEND:" + episode,
                                "UNSUSPEND",
                                s.customerId(),
                                s.subscriptionId(),
                                null,
                                s.panel(),
                                s.panelRef());
                    }
                    outbox.email(
                            "EMAIL:UNSUSPENDED:" + episode,
                            s.customerId(),
                            null,
                            s.email(),
                            new Notices.Unsuspended(s.customerName(), label(s)));
                    count++;
                }
            }
        }
        return count;
    }

    public static String label(InvoiceService s) {
        return (s.label() == null ? "service" : s.label()) + " (#" + s.subscriptionId() + ")";
    }
}
