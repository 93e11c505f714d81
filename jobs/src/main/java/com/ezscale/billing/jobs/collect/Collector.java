package com.ezscale.billing.jobs.collect;

import com.ezscale.billing.account.db.AccountMapper;
import com.ezscale.billing.audit.db.AuditMapper;
import com.ezscale.billing.collection.GatewaySettlement;
import com.ezscale.billing.credit.CreditApplication;
import com.ezscale.billing.invoice.InvoiceStatus;
import com.ezscale.billing.collection.GatewaySettlement.GatewayResult;
import com.ezscale.billing.collection.db.CollectionMapper;
import com.ezscale.billing.collection.db.GatewayCustomer;
import com.ezscale.billing.collection.db.PaymentAttempt;
import com.ezscale.billing.dunning.DunningAction;
import com.ezscale.billing.dunning.DunningActionKind;
import com.ezscale.billing.dunning.DunningLadder;
import com.ezscale.billing.dunning.Unsuspension;
import com.ezscale.billing.dunning.db.DunningCandidate;
import com.ezscale.billing.dunning.db.DunningMapper;
import com.ezscale.billing.invoice.db.InvoiceMapper;
import com.ezscale.billing.jobs.collect.gateway.PaymentGateway;
import com.ezscale.billing.jobs.collect.gateway.StripeProperties;
import com.ezscale.billing.money.Money;
import com.ezscale.billing.outbox.OutboxWriter;
import com.ezscale.billing.outbox.db.OutboxMapper;
import com.ezscale.billing.payment.PaymentPosting;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
 * {@code collect(asOf)}: charges the saved card of every issued invoice whose ladder says a payment
 * attempt is due (on the due date, then 1, 3 and 7 days after). Per invoice: the attempt is written
 * PENDING with its idempotency key ({@code ezs-<invoice>-<n>}, unique) and committed, then Stripe is
 * called with that key, then the outcome is applied ({@link GatewaySettlement}). A crash after the
 * call leaves the PENDING row: the janitor asks Stripe what happened and settles it, and a rerun
 * finds the attempt taken. Charges run a few at a time, under the account's rate limit.
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

        Summary summary(String note) {
            return new Summary(charged.get(), succeeded.get(), declined.get(), actionRequired.get(), processing.get(), unknown.get(), noCard.get(),
                    byCredit.get(), note);
        }
    }

    public record Summary(int charged, int succeeded, int declined, int actionRequired, int processing, int unknown, int noCard, int byCredit,
                          String note) {
        @Override
        public String toString() {
            return note != null ? note : charged + " charged: " + succeeded + " succeeded, " + declined + " declined, " + actionRequired
                    + " need the customer, " + processing + " processing, " + unknown + " unknown (janitor); " + noCard + " without a saved card"
                    + (byCredit > 0 ? "; " + byCredit + " settled from account credit" : "");
        }
    }

    private final PaymentGateway gateway;
    private final StripeProperties stripe;
    private final CollectionProperties properties;
    private final DunningMapper dunning;
    private final CollectionMapper collection;
    private final AccountMapper accounts;
    private final InvoiceMapper invoices;
    private final AuditMapper audit;
    private final OutboxMapper outbox;
    private final TransactionTemplate tx;
    private final Clock clock;

    public Collector(PaymentGateway gateway, StripeProperties stripe, CollectionProperties properties, DunningMapper dunning,
                     CollectionMapper collection, AccountMapper accounts, InvoiceMapper invoices, AuditMapper audit, OutboxMapper outbox,
                     PlatformTransactionManager transactionManager, Clock clock) {
        this.gateway = gateway;
        this.stripe = stripe;
        this.properties = properties;
        this.dunning = dunning;
        this.collection = collection;
        this.accounts = accounts;
        this.invoices = invoices;
        this.audit = audit;
        this.outbox = outbox;
        this.tx = new TransactionTemplate(transactionManager);
        this.tx.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.clock = clock;
    }

    GatewaySettlement settlement() {
        OutboxWriter writer = new OutboxWriter(outbox, clock);
        return new GatewaySettlement(collection, new PaymentPosting(accounts, invoices, audit, clock), writer, new Unsuspension(dunning, writer), clock);
    }

    public static String idempotencyKey(long invoiceId, int attemptNo) {
        return "ezs-" + invoiceId + "-" + attemptNo;
    }

    public Summary collect(LocalDate asOf, Long customerId) {
        boolean cardsOn = gateway.configured();
        DunningLadder ladder = new DunningLadder(properties.schedule());
        Tally tally = new Tally();
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, stripe.concurrency()));
        try {
            long after = 0;
            while (true) {
                List<DunningCandidate> page = dunning.selectCandidatesPage(after, asOf, customerId, PAGE);
                if (page.isEmpty()) {
                    break;
                }
                after = page.get(page.size() - 1).id;
                Map<Long, GatewayCustomer> cards = collection.selectGatewayCustomers(gateway.name(),
                        page.stream().map(c -> c.customerId).distinct().toList()).stream()
                        .collect(Collectors.toMap(g -> g.customerId, Function.identity()));
                List<Future<?>> running = new ArrayList<>();
                for (DunningCandidate c : page) {
                    Optional<DunningAction> attempt = ladder.actions(DunningWriter.state(c), asOf).stream()
                            .filter(a -> a.kind() == DunningActionKind.CHARGE_ATTEMPT).findFirst();
                    if (attempt.isEmpty()) {
                        continue;
                    }
                    GatewayCustomer card = cards.get(c.customerId);
                    if (!cardsOn || card == null || card.paymentMethodId == null) {
                        if (applyCredit(c, asOf).amount().signum() <= 0) {
                            tally.byCredit.incrementAndGet();
                        } else if (cardsOn) {
                            tally.noCard.incrementAndGet();
                        }
                        continue;
                    }
                    int n = Integer.parseInt(attempt.get().key().substring("ATTEMPT:".length()));
                    running.add(pool.submit(() -> chargeOne(c, n, card, asOf, tally)));
                }
                for (Future<?> f : running) {
                    f.get();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("collect interrupted", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("collect failed: " + e.getCause().getMessage(), e.getCause());
        } finally {
            pool.shutdown();
        }
        return tally.summary(cardsOn ? null : "card charges skipped: no Stripe credentials (EZSCALE_STRIPE_API_KEY); "
                + tally.byCredit.get() + " settled from account credit");
    }

    /**
     * Account credit first: credit that reached the account after the invoice was issued (issue
     * applies what there was then) pays what it can, once per invoice (ledger source COLLECT);
     * returns what is left to charge.
     */
    private Money applyCredit(DunningCandidate c, LocalDate asOf) {
        return tx.execute(s -> {
            accounts.lockCustomer(c.customerId);
            PaymentPosting posting = new PaymentPosting(accounts, invoices, audit, clock);
            Money owed = posting.owed(posting.lock(c.id, null));
            if (owed.amount().signum() <= 0 || collection.countLedger("COLLECT", c.id, "APPLIED") > 0) {
                return owed;
            }
            // the rule the issue step applies credit by, on what is owed now
            CreditApplication.Outcome credit = CreditApplication.settle(owed, Money.zero(owed.currency()),
                    Money.rounded(accounts.selectCreditBalance(c.customerId, c.currency), owed.currency()), collection.selectCreditOptOut(c.customerId));
            Money applied = credit.applied();
            if (applied.isZero()) {
                return owed;
            }
            Instant now = clock.instant();
            invoices.insertLedgerEntry(new com.ezscale.billing.invoice.db.LedgerEntryRow(c.customerId, owed.currency(), applied.amount().negate(),
                    "APPLIED", "COLLECT", c.id, "applied before charging invoice " + c.number, "collect", now));
            boolean paid = credit.status() == InvoiceStatus.PAID;
            collection.applyCredit(c.id, applied.amount(), credit.status().name(), paid ? now : null);
            if (paid) {
                OutboxWriter writer = new OutboxWriter(outbox, clock);
                new Unsuspension(dunning, writer).run(c.customerId, asOf);
            }
            return owed.minus(applied);
        });
    }

    private void chargeOne(DunningCandidate c, int attemptNo, GatewayCustomer card, LocalDate asOf, Tally tally) {
        Money amount = applyCredit(c, asOf);
        if (amount.amount().signum() <= 0) {
            tally.byCredit.incrementAndGet();
            return;
        }
        PaymentAttempt attempt = new PaymentAttempt();
        attempt.invoiceId = c.id;
        attempt.customerId = c.customerId;
        attempt.attemptNo = attemptNo;
        attempt.gateway = gateway.name();
        attempt.idempotencyKey = idempotencyKey(c.id, attemptNo);
        attempt.currency = c.currency;
        attempt.amount = amount.amount();
        attempt.status = "PENDING";
        attempt.asOf = asOf;
        Instant now = clock.instant();
        attempt.createdAt = now;
        attempt.updatedAt = now;
        try {
            tx.executeWithoutResult(s -> {
                collection.insertAttempt(attempt);
                dunning.insertStep(c.id, "ATTEMPT:" + attemptNo, DunningActionKind.CHARGE_ATTEMPT.name(), asOf, attempt.idempotencyKey, now);
            });
        } catch (DuplicateKeyException e) {
            log.debug("attempt {} of invoice {} already taken", attemptNo, c.id);
            return;
        }
        tally.charged.incrementAndGet();
        GatewayResult charged = gateway.charge(new PaymentGateway.ChargeRequest(card.gatewayCustomerId, card.paymentMethodId, amount,
                attempt.idempotencyKey, c.id, c.number));
        // an off-session charge the bank wants confirmed comes without a link: the customer pays it in the portal
        GatewayResult result = charged.outcome() == GatewaySettlement.Outcome.REQUIRES_ACTION && charged.actionUrl() == null
                && !properties.portalUrl().isBlank()
                ? new GatewayResult(charged.outcome(), charged.ref(), charged.declineCode(), charged.message(),
                        properties.portalUrl().replaceAll("/$", "") + "/invoices/" + c.number + "/pay")
                : charged;
        String status = tx.execute(s -> settlement().apply(collection.lockAttempt(attempt.id), result, asOf, "collect"));
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
     * Stripe never saw is sent again with the same key (it cannot charge twice).
     */
    public int settleUnknown(LocalDate asOf) {
        if (!gateway.configured()) {
            return 0;
        }
        int settled = 0;
        // refunds Stripe never confirmed: sent again with their key (Stripe refunds once per key)
        for (Map<String, Object> r : collection.selectPendingRefunds(null)) {
            Money amount = Money.of((java.math.BigDecimal) r.get("amount"), Money.currency((String) r.get("currency")));
            try {
                String ref = gateway.refund((String) r.get("reference"), amount, (String) r.get("idempotency_key"), (String) r.get("reason"));
                tx.executeWithoutResult(s -> {
                    if (collection.completeRefund(((Number) r.get("id")).longValue(), ref) > 0) {
                        collection.addRefunded(((Number) r.get("payment_id")).longValue(), amount.amount());
                    }
                });
                settled++;
            } catch (RuntimeException e) {
                log.warn("refund {} still pending: {}", r.get("idempotency_key"), e.getMessage());
            }
        }
        for (PaymentAttempt a : collection.selectUnknown(clock.instant().minus(stripe.janitorAfter()), 1000)) {
            Optional<GatewayResult> found = gateway.lookup(a.idempotencyKey);
            GatewayResult result;
            if (found.isPresent()) {
                result = found.get();
            } else {
                GatewayCustomer card = collection.selectGatewayCustomers(gateway.name(), List.of(a.customerId)).stream().findFirst().orElse(null);
                if (card == null || card.paymentMethodId == null) {
                    continue;
                }
                String number = accounts.lockInvoice(a.invoiceId, null).number();
                result = gateway.charge(new PaymentGateway.ChargeRequest(card.gatewayCustomerId, card.paymentMethodId,
                        Money.of(a.amount, Money.currency(a.currency)), a.idempotencyKey, a.invoiceId, number));
            }
            String status = tx.execute(s -> settlement().apply(collection.lockAttempt(a.id), result, asOf, "janitor"));
            if (!"PENDING".equals(status)) {
                settled++;
            }
        }
        return settled;
    }
}
