package com.ezscale.billing.jobs.collection;

import com.ezscale.billing.app.collection.GatewaySettlement;
import com.ezscale.billing.app.collection.PaymentGateways;
import com.ezscale.billing.app.collection.stripe.StripeProperties;
import com.ezscale.billing.app.creditnote.CreditNoteService;
import com.ezscale.billing.app.dunning.Unsuspension;
import com.ezscale.billing.app.payment.PaymentPosting;
import com.ezscale.billing.collection.PaymentGateway;
import com.ezscale.billing.collection.PaymentGateway.GatewayResult;
import com.ezscale.billing.collection.db.CollectionMapper;
import com.ezscale.billing.collection.db.GatewayCustomer;
import com.ezscale.billing.collection.db.PaymentAttempt;
import com.ezscale.billing.credit.CreditApplication;
import com.ezscale.billing.credit.db.CreditBalance;
import com.ezscale.billing.credit.db.CreditLedgerMapper;
import com.ezscale.billing.credit.db.LedgerEntryRow;
import com.ezscale.billing.customer.db.CustomerMapper;
import com.ezscale.billing.dunning.DunningAction;
import com.ezscale.billing.dunning.DunningActionKind;
import com.ezscale.billing.dunning.DunningLadder;
import com.ezscale.billing.dunning.db.DunningCandidate;
import com.ezscale.billing.dunning.db.DunningMapper;
import com.ezscale.billing.invoice.InvoiceStatus;
import com.ezscale.billing.invoice.db.InvoiceMapper;
import com.ezscale.billing.jobs.dunning.DunningWriter;
import com.ezscale.billing.money.Money;
import com.ezscale.billing.payment.db.PaymentMapper;
import com.ezscale.billing.payment.db.PendingRefund;
import com.ezscale.billing.persistence.GeneratedKey;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@code collect(asOf)}: charges the saved card (Stripe) or vaulted wallet (PayPal) of every issued
 * invoice whose ladder says a payment attempt is due (on the due date, then 1, 3 and 7 days after),
 * through the gateway the customer chose ({@code customer.preferred_gateway}; MANUAL: none). Per
 * invoice: the attempt is written PENDING with its idempotency key ({@code ezs-<invoice>-<n>},
 * unique) and committed, then the gateway is called with that key, then the outcome is applied ({@link GatewaySettlement}). A crash after the
 * call leaves the PENDING row: the janitor asks Stripe what happened and settles it, and a rerun
 * finds the attempt taken. No invoice gets a new attempt while an earlier one is unsettled, whatever
 * its age: the earlier one is settled first (looked up at the gateway, or sent again with its own
 * key), and if that is not possible yet the invoice is held back and counted in the summary (a new
 * key could charge the card a second time). Charges run a few at a time, under the account's rate
 * limit. Every path that settles a charge locks the invoice, then the attempt, and calls no gateway
 * while it holds a lock.
 * Account credit comes first: what there was at issue was applied then; credit that arrived since
 * (an overpayment, a credit note, a referral) pays what it can before the card is charged, also
 * for customers without a card and when Stripe is not configured.
 */
@Component
public class Collector {

    private static final Logger log = LoggerFactory.getLogger(Collector.class);
    private static final int PAGE = 500;

    /** What a collect pass did, counted from several threads. */
    private static final class Tally {
        final AtomicInteger charged = new AtomicInteger();
        final AtomicInteger succeeded = new AtomicInteger();
        final AtomicInteger declined = new AtomicInteger();
        final AtomicInteger actionRequired = new AtomicInteger();
        final AtomicInteger processing = new AtomicInteger();
        final AtomicInteger unknown = new AtomicInteger();
        final AtomicInteger noCard = new AtomicInteger();
        final AtomicInteger byCredit = new AtomicInteger();
        final AtomicInteger settledFirst = new AtomicInteger();
        final AtomicInteger held = new AtomicInteger();

        Summary summary(String note) {
            return new Summary(
                    charged.get(),
                    succeeded.get(),
                    declined.get(),
                    actionRequired.get(),
                    processing.get(),
                    unknown.get(),
                    noCard.get(),
                    byCredit.get(),
                    settledFirst.get(),
                    held.get(),
                    note);
        }
    }

    /**
     * A collect pass: charges sent and their outcomes; invoices without a saved card; paid from
     * account credit; earlier attempts of unknown outcome settled before anything else was sent
     * ({@code settledFirst}); invoices held back because an earlier attempt is still unsettled.
     */
    public record Summary(
            int charged,
            int succeeded,
            int declined,
            int actionRequired,
            int processing,
            int unknown,
            int noCard,
            int byCredit,
            int settledFirst,
            int held,
            String note) {
        @Override
        public String toString() {
            return (note != null
                            ? note
                            : charged + " charged: " + succeeded + " succeeded, " + declined + " declined, "
                                    + actionRequired
                                    + " need the customer, " + processing + " processing, " + unknown
                                    + " unknown (janitor); " + noCard + " without a saved card"
                                    + (byCredit > 0 ? "; " + byCredit + " settled from account credit" : ""))
                    + (settledFirst > 0
                            ? "; " + settledFirst + " earlier attempt(s) of unknown outcome settled first"
                            : "")
                    + (held > 0
                            ? "; " + held
                                    + " invoice(s) held back: an earlier attempt is still unsettled (no new charge until it is)"
                            : "");
        }
    }

    private final PaymentGateways gateways;
    private final StripeProperties stripe;
    private final CollectionProperties properties;
    private final DunningMapper dunning;
    private final CollectionMapper collection;
    private final PaymentMapper payments;
    private final CustomerMapper customers;
    private final CreditLedgerMapper ledger;
    private final InvoiceMapper invoices;
    private final PaymentPosting posting;
    private final GatewaySettlement settlement;
    private final Unsuspension unsuspension;
    private final CreditNoteService creditNotes;
    private final TransactionTemplate tx;
    private final Clock clock;

    public Collector(
            PaymentGateways gateways,
            StripeProperties stripe,
            CollectionProperties properties,
            DunningMapper dunning,
            CollectionMapper collection,
            PaymentMapper payments,
            CustomerMapper customers,
            CreditLedgerMapper ledger,
            InvoiceMapper invoices,
            PaymentPosting posting,
            GatewaySettlement settlement,
            Unsuspension unsuspension,
            CreditNoteService creditNotes,
            PlatformTransactionManager transactionManager,
            Clock clock) {
        this.gateways = gateways;
        this.stripe = stripe;
        this.properties = properties;
        this.dunning = dunning;
        this.collection = collection;
        this.payments = payments;
        this.customers = customers;
        this.ledger = ledger;
        this.invoices = invoices;
        this.posting = posting;
        this.settlement = settlement;
        this.unsuspension = unsuspension;
        this.creditNotes = creditNotes;
        this.tx = new TransactionTemplate(transactionManager);
        this.tx.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.clock = clock;
    }

    public static String idempotencyKey(long invoiceId, int attemptNo) {
        return "ezs-" + invoiceId + "-" + attemptNo;
    }

    public Summary collect(LocalDate asOf, Long customerId) {
        List<PaymentGateway> configured = gateways.configured();
        boolean cardsOn = !configured.isEmpty();
        DunningLadder ladder = new DunningLadder(properties.schedule());
        Tally tally = new Tally();
        // each gateway charges on a pool of its own, at its own number of charges at once, and its adapter keeps its
        // account's rate; the pages are read ahead without waiting, so a gateway with few customers on a page is not
        // held to the pace of the busier one (both run at their own limits at once)
        Map<String, ExecutorService> pools = new java.util.HashMap<>();
        for (PaymentGateway g : configured) {
            pools.put(g.name(), Executors.newFixedThreadPool(Math.max(1, g.concurrency())));
        }
        List<Future<?>> running = new ArrayList<>();
        try {
            long after = 0;
            while (true) {
                List<DunningCandidate> page = dunning.selectCandidatesPage(after, asOf, asOf, customerId, PAGE);
                if (page.isEmpty()) {
                    break;
                }
                after = page.get(page.size() - 1).id();
                List<Long> customerIds = page.stream()
                        .map(DunningCandidate::customerId)
                        .distinct()
                        .toList();
                // each customer is charged through the gateway it chose (customer.preferred_gateway)
                Map<Long, GatewayCustomer> cards = collection.selectGatewayCustomers(null, customerIds).stream()
                        .collect(Collectors.toMap(GatewayCustomer::customerId, Function.identity()));
                // who has account credit in which currency, read once for the page: an invoice with no card to charge
                // needs credit's transaction only if its customer has some (the transaction reads it again, locked)
                Set<String> credited = new HashSet<>();
                for (CreditBalance b : ledger.selectCreditBalances(customerIds)) {
                    if (b.balance().signum() > 0) {
                        credited.add(b.customerId() + "/" + b.currency().getCurrencyCode());
                    }
                }
                for (DunningCandidate c : page) {
                    Optional<DunningAction> attempt = ladder.actions(DunningWriter.state(c), asOf).stream()
                            .filter(a -> a.kind() == DunningActionKind.CHARGE_ATTEMPT)
                            .findFirst();
                    if (attempt.isEmpty()) {
                        continue;
                    }
                    GatewayCustomer card = cards.get(c.customerId());
                    PaymentGateway gateway = card == null
                            ? null
                            : gateways.named(card.gateway())
                                    .filter(PaymentGateway::configured)
                                    .orElse(null);
                    if (gateway == null || card.paymentMethodId() == null) {
                        boolean owes = credited.contains(c.customerId() + "/" + c.currency())
                                ? applyCredit(c, asOf, tally).amount().signum() > 0
                                : c.owed().signum() > 0;
                        if (owes && cardsOn) {
                            tally.noCard.incrementAndGet();
                        }
                        continue;
                    }
                    int n = Integer.parseInt(attempt.get().key().substring("ATTEMPT:".length()));
                    running.add(pools.get(gateway.name()).submit(() -> chargeOne(c, n, gateway, card, asOf, tally)));
                }
            }
            for (Future<?> f : running) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("collect interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("collect failed: " + e.getCause().getMessage(), e.getCause());
        } finally {
            pools.values().forEach(ExecutorService::shutdownNow);
        }
        return tally.summary(
                cardsOn
                        ? null
                        : "card charges skipped: no Stripe or PayPal credentials (EZSCALE_STRIPE_API_KEY, EZSCALE_PAYPAL_CLIENT_ID); "
                                + tally.byCredit.get() + " settled from account credit");
    }

    /**
     * Account credit first: credit that reached the account after the invoice was issued (issue
     * applies what there was then) pays what it can, once per invoice (ledger source COLLECT);
     * returns what is left to charge, and counts the invoice if credit paid the rest of it.
     */
    private Money applyCredit(DunningCandidate c, LocalDate asOf, Tally tally) {
        return tx.execute(s -> {
            Money owed = posting.owed(posting.lock(c.id()));
            if (owed.amount().signum() <= 0 || ledger.countLedger("COLLECT", c.id(), "APPLIED") > 0) {
                return owed;
            }
            customers.lockCustomer(c.customerId());
            // the rule the issue step applies credit by, on what is owed now
            CreditApplication.Outcome credit = CreditApplication.settle(
                    owed,
                    Money.zero(owed.currency()),
                    Money.rounded(ledger.selectCreditBalance(c.customerId(), c.currency()), owed.currency()),
                    customers.selectCreditOptOut(c.customerId()));
            Money applied = credit.applied();
            if (applied.isZero()) {
                return owed;
            }
            Instant now = clock.instant();
            ledger.insertLedgerEntry(new LedgerEntryRow(
                    c.customerId(),
                    owed.currency(),
                    applied.amount().negate(),
                    "APPLIED",
                    "COLLECT",
                    c.id(),
                    "applied before charging invoice " + c.number(),
                    "collect",
                    now));
            boolean paid = credit.status() == InvoiceStatus.PAID;
            invoices.applyCredit(c.id(), applied.amount(), credit.status().name(), paid ? now : null);
            if (paid) {
                unsuspension.run(c.customerId(), asOf);
                tally.byCredit.incrementAndGet();
            }
            return owed.minus(applied);
        });
    }

    private void chargeOne(
            DunningCandidate c,
            int attemptNo,
            PaymentGateway gateway,
            GatewayCustomer card,
            LocalDate asOf,
            Tally tally) {
        List<PaymentAttempt> unsettled = collection.selectUnsettled(c.id());
        if (!unsettled.isEmpty()) {
            // an earlier charge may have gone through: find out before sending another (whose new key Stripe would
            // charge again)
            for (PaymentAttempt earlier : unsettled) {
                settle(earlier, asOf, "collect");
            }
            if (!collection.selectUnsettled(c.id()).isEmpty()) {
                log.warn(
                        "invoice {}: an earlier charge attempt is still unsettled; no new attempt until it is",
                        c.number());
                tally.held.incrementAndGet();
                return;
            }
            tally.settledFirst.addAndGet(unsettled.size());
        }
        Money amount = applyCredit(c, asOf, tally);
        if (amount.amount().signum() <= 0) {
            return;
        }
        Instant now = clock.instant();
        PaymentAttempt pending = PaymentAttempt.pending(
                c.id(),
                c.customerId(),
                attemptNo,
                gateway.name(),
                idempotencyKey(c.id(), attemptNo),
                c.currency(),
                amount.amount(),
                asOf,
                now);
        GeneratedKey key = new GeneratedKey();
        boolean taken;
        try {
            taken = Boolean.TRUE.equals(tx.execute(s -> {
                posting.lock(c.id());
                if (!collection.selectUnsettled(c.id()).isEmpty()) {
                    return false; // another node's attempt, sent since we looked
                }
                collection.insertAttempt(pending, key);
                dunning.insertStep(
                        c.id(),
                        "ATTEMPT:" + attemptNo,
                        DunningActionKind.CHARGE_ATTEMPT.name(),
                        asOf,
                        pending.idempotencyKey(),
                        now);
                return true;
            }));
        } catch (DuplicateKeyException e) {
            log.debug("attempt {} of invoice {} already taken", attemptNo, c.id());
            return;
        }
        if (!taken) {
            tally.held.incrementAndGet();
            return;
        }
        tally.charged.incrementAndGet();
        long attemptId = key.value();
        GatewayResult charged = gateway.charge(new PaymentGateway.ChargeRequest(
                card.gatewayCustomerId(),
                card.paymentMethodId(),
                amount,
                pending.idempotencyKey(),
                c.id(),
                c.number()));
        io.micrometer.core.instrument.Metrics.counter(
                        "ezscale.charges",
                        "gateway",
                        gateway.name(),
                        "outcome",
                        charged.outcome().name())
                .increment();
        // an off-session charge the bank wants confirmed comes without a link: the customer pays it in the portal
        GatewayResult result = charged.outcome() == PaymentGateway.Outcome.REQUIRES_ACTION
                        && charged.actionUrl() == null
                        && !properties.portalUrl().isBlank()
                ? new GatewayResult(
                        charged.outcome(),
                        charged.ref(),
                        charged.declineCode(),
                        charged.message(),
                        properties.portalUrl().replaceAll("/$", "") + "/invoices/" + c.number() + "/pay")
                : charged;
        String status = tx.execute(s -> settlement.settle(attemptId, result, asOf, "collect"));
        switch (status) {
            case "SUCCEEDED" -> tally.succeeded.incrementAndGet();
            case "DECLINED" -> tally.declined.incrementAndGet();
            case "REQUIRES_ACTION" -> tally.actionRequired.incrementAndGet();
            case "PROCESSING" -> tally.processing.incrementAndGet();
            default -> tally.unknown.incrementAndGet();
        }
    }

    /**
     * The janitor: attempts whose outcome we never heard (PENDING or PROCESSING for longer than
     * {@code ezscale.stripe.janitor-after}) are looked up at Stripe by their key and settled; one
     * Stripe never saw is sent again with the same key (it cannot charge twice). An attempt that
     * cannot be settled now (Stripe unreachable) is left for the next pass; the others go on.
     */
    public int settleUnknown(LocalDate asOf) {
        if (gateways.configured().isEmpty()) {
            return 0;
        }
        int settled = 0;
        // refunds the gateway never confirmed: sent again with their key (Stripe and PayPal refund once per key)
        for (PendingRefund r : payments.selectPendingRefunds(null)) {
            Money amount = Money.of(r.amount(), Money.currency(r.currency()));
            PaymentGateway gateway = gateways.forMethod(r.method())
                    .filter(PaymentGateway::configured)
                    .orElse(null);
            if (gateway == null) {
                continue;
            }
            try {
                String ref = gateway.refund(r.reference(), amount, r.idempotencyKey(), r.reason());
                creditNotes.completeRefund(r.id(), r.paymentId(), amount.amount(), ref);
                settled++;
            } catch (RuntimeException e) {
                log.warn("refund {} still pending: {}", r.idempotencyKey(), e.getMessage());
            }
        }
        for (PaymentAttempt a : collection.selectUnknown(clock.instant().minus(stripe.janitorAfter()), 1000)) {
            String status = settle(a, asOf, "janitor");
            if (!"PENDING".equals(status) && !"PROCESSING".equals(status)) {
                settled++;
            }
        }
        return settled;
    }

    /**
     * Finds out what became of an attempt whose outcome is unknown: looked up at the gateway by its
     * key, or, if the gateway never saw it, sent again with the same key; the answer is applied
     * under the invoice's lock, then the attempt's. No lock is held while the gateway is called.
     * Returns the status the attempt ends in (still PENDING if the gateway could not be asked).
     */
    private String settle(PaymentAttempt a, LocalDate asOf, String actor) {
        PaymentGateway gateway =
                gateways.named(a.gateway()).filter(PaymentGateway::configured).orElse(null);
        if (gateway == null) {
            log.warn("attempt {}: its gateway {} is not configured; left unsettled", a.idempotencyKey(), a.gateway());
            return a.status();
        }
        GatewayResult result;
        try {
            Optional<GatewayResult> found = gateway.lookup(a.idempotencyKey());
            if (found.isPresent()) {
                result = found.get();
            } else {
                GatewayCustomer card =
                        collection.selectGatewayCustomers(gateway.name(), List.of(a.customerId())).stream()
                                .findFirst()
                                .orElse(null);
                if (card == null || card.paymentMethodId() == null) {
                    log.warn(
                            "attempt {}: not at the gateway and the customer has no saved card to send it again",
                            a.idempotencyKey());
                    return a.status();
                }
                result = gateway.charge(new PaymentGateway.ChargeRequest(
                        card.gatewayCustomerId(),
                        card.paymentMethodId(),
                        Money.of(a.amount(), Money.currency(a.currency())),
                        a.idempotencyKey(),
                        a.invoiceId(),
                        invoices.selectInvoiceNumber(a.invoiceId())));
            }
        } catch (RuntimeException e) {
            log.warn("attempt {} left unsettled for now: {}", a.idempotencyKey(), e.getMessage());
            return a.status();
        }
        return tx.execute(s -> settlement.settle(a.id(), result, asOf, actor));
    }
}
