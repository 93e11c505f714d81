package com.ezscale.billing.jobs.dunning;

import com.ezscale.billing.app.outbox.OutboxWriter;
import com.ezscale.billing.dunning.DunningActionKind;
import com.ezscale.billing.dunning.DunningCase;
import com.ezscale.billing.dunning.DunningOutcome;
import com.ezscale.billing.dunning.DunningProcessor;
import com.ezscale.billing.dunning.DunningSchedule;
import com.ezscale.billing.dunning.InvoiceDunningState;
import com.ezscale.billing.dunning.db.DunningCandidate;
import com.ezscale.billing.dunning.db.DunningMapper;
import com.ezscale.billing.dunning.db.InvoiceService;
import com.ezscale.billing.dunning.db.TaxOfInvoice;
import com.ezscale.billing.invoice.DraftInvoice;
import com.ezscale.billing.jobs.invoice.InvoiceDraftWriter;
import com.ezscale.billing.money.Money;
import com.ezscale.billing.outbox.db.OutboxMapper;
import com.ezscale.billing.subscription.db.SubscriptionMapper;
import com.ezscale.billing.tax.TaxDecision;
import com.ezscale.billing.tax.TaxMode;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.ibatis.session.SqlSession;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;

/**
 * Writes what {@link DunningProcessor} plans for a chunk of overdue (or soon due) invoices, in the
 * chunk's transaction: every step in {@code dunning_step} (unique per invoice and step) with what it
 * does, the notices and panel calls in the outbox, the services suspended or terminated, and the
 * late fee invoices through the invoice run's own draft writer (issued by the next step).
 */
public class DunningWriter implements ItemWriter<DunningCandidate> {

    private final SqlSession session;
    private final DunningMapper dunning;
    private final SubscriptionMapper subscriptions;
    private final OutboxWriter outbox;
    private final InvoiceDraftWriter drafts;
    private final DunningProcessor processor;
    private final LocalDate asOf;
    private final Clock clock;

    public DunningWriter(
            SqlSession session, OutboxWriter outbox, DunningSchedule schedule, LocalDate asOf, Clock clock) {
        this.session = session;
        this.dunning = session.getMapper(DunningMapper.class);
        this.subscriptions = session.getMapper(SubscriptionMapper.class);
        this.outbox = outbox.on(session.getMapper(OutboxMapper.class));
        this.drafts = new InvoiceDraftWriter(session, clock);
        this.processor = new DunningProcessor(schedule);
        this.asOf = asOf;
        this.clock = clock;
    }

    /** The ladder state of a candidate invoice. */
    public static InvoiceDunningState state(DunningCandidate c) {
        Money owed = Money.rounded(c.owed(), Money.currency(c.currency()));
        Set<String> done = c.done() == null
                ? Set.of()
                : new HashSet<>(Arrays.asList(c.done().split(",")));
        return new InvoiceDunningState(
                c.id(),
                c.dueDate(),
                Money.rounded(c.total(), owed.currency()),
                owed,
                c.exempt(),
                c.lateFeeInvoice(),
                done);
    }

    @Override
    public void write(Chunk<? extends DunningCandidate> chunk) {
        Instant now = clock.instant();
        // what only some steps need, read for the invoices that take them
        List<Long> needServices = new ArrayList<>();
        List<Long> needTax = new ArrayList<>();
        for (DunningCandidate c : chunk) {
            processor.steps(state(c), asOf).forEach(a -> {
                if (a.kind() == DunningActionKind.SUSPEND || a.kind() == DunningActionKind.TERMINATE) {
                    needServices.add(c.id());
                } else if (a.kind() == DunningActionKind.LATE_FEE) {
                    needTax.add(c.id());
                }
            });
        }
        Map<Long, List<InvoiceService>> services = needServices.isEmpty()
                ? Map.of()
                : dunning.selectInvoiceServices(needServices).stream()
                        .collect(Collectors.groupingBy(InvoiceService::invoiceId));
        Map<Long, TaxOfInvoice> taxes = new HashMap<>();
        if (!needTax.isEmpty()) {
            dunning.selectMainTax(needTax).forEach(t -> taxes.putIfAbsent(t.invoiceId(), t));
        }
        Map<Long, DunningCandidate> byId = new HashMap<>();
        List<DunningCase> cases = new ArrayList<>();
        for (DunningCandidate c : chunk) {
            byId.put(c.id(), c);
            TaxOfInvoice tax = taxes.get(c.id());
            cases.add(new DunningCase(
                    state(c),
                    c.number(),
                    c.customerId(),
                    c.customerName(),
                    c.email(),
                    c.pricesIncludeTax(),
                    new TaxDecision(
                            TaxMode.valueOf(c.taxMode()),
                            tax == null ? null : tax.taxName(),
                            tax == null ? BigDecimal.ZERO : tax.rate(),
                            c.taxNote()),
                    tax == null ? null : tax.taxName(),
                    tax == null ? null : tax.rate(),
                    services.getOrDefault(c.id(), List.of()).stream()
                            .map(s -> new DunningCase.BilledService(
                                    s.subscriptionId(), s.status(), s.panel(), s.panelRef(), s.label()))
                            .toList()));
        }
        List<DunningOutcome> outcomes = processor.plan(cases, asOf);
        if (outcomes.isEmpty()) {
            return;
        }
        // one statement at a time: MyBatis' batching executor starts a new JDBC batch whenever the statement changes
        for (DunningOutcome o : outcomes) {
            for (DunningOutcome.Step step : o.steps()) {
                dunning.insertStep(o.invoiceId(), step.key(), step.kind().name(), asOf, step.detail(), now);
                io.micrometer.core.instrument.Metrics.counter(
                                "ezscale.dunning.steps", "kind", step.kind().name())
                        .increment();
            }
        }
        for (DunningOutcome o : outcomes) {
            long customer = byId.get(o.invoiceId()).customerId();
            // a customer that pays in crypto is sent straight to the invoice's crypto payment page
            boolean crypto = "CRYPTO".equals(byId.get(o.invoiceId()).preferredGateway());
            o.emails().forEach(e -> outbox.email(e.dedupeKey(), customer, o.invoiceId(), e.to(), e.notice(), crypto));
            o.panelCalls()
                    .forEach(p -> outbox.panel(
                            p.dedupeKey(),
                            p.action(),
                            customer,
                            p.subscriptionId(),
                            o.invoiceId(),
                            p.panel(),
                            p.panelRef()));
        }
        outcomes.forEach(o -> o.suspend().forEach(id -> subscriptions.suspend(id, now)));
        outcomes.forEach(o -> o.terminate().forEach(id -> subscriptions.terminate(id, asOf)));
        List<DraftInvoice> lateFees = outcomes.stream()
                .map(DunningOutcome::lateFee)
                .filter(Objects::nonNull)
                .toList();
        drafts.writeDrafts(lateFees, 0, fee -> byId.get(fee.lateFeeFor()).sellerEntityId(), now);
        // flush inside the chunk: a refused write fails the chunk (restartable), not the commit
        session.flushStatements();
    }
}
