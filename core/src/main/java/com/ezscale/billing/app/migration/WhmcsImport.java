package com.ezscale.billing.app.migration;

import com.ezscale.billing.app.BillingProperties;
import com.ezscale.billing.app.collection.stripe.StripeGateway;
import com.ezscale.billing.audit.db.AuditMapper;
import com.ezscale.billing.catalog.PlanPrice;
import com.ezscale.billing.catalog.ProductKind;
import com.ezscale.billing.catalog.db.CatalogMapper;
import com.ezscale.billing.catalog.db.NewProduct;
import com.ezscale.billing.credit.db.CreditBalance;
import com.ezscale.billing.credit.db.CreditLedgerMapper;
import com.ezscale.billing.credit.db.LedgerEntryRow;
import com.ezscale.billing.customer.CustomerDetails;
import com.ezscale.billing.customer.CustomerStatus;
import com.ezscale.billing.customer.PostalAddress;
import com.ezscale.billing.customer.db.CustomerGroup;
import com.ezscale.billing.customer.db.CustomerMapper;
import com.ezscale.billing.discount.db.CouponMapper;
import com.ezscale.billing.discount.db.CouponRow;
import com.ezscale.billing.dunning.DunningAction;
import com.ezscale.billing.dunning.DunningLadder;
import com.ezscale.billing.dunning.DunningSchedule;
import com.ezscale.billing.dunning.InvoiceDunningState;
import com.ezscale.billing.dunning.db.DunningMapper;
import com.ezscale.billing.invoice.ChargeKind;
import com.ezscale.billing.invoice.InvoiceStatus;
import com.ezscale.billing.invoice.NumberSeriesFormat;
import com.ezscale.billing.invoice.db.InvoiceMapper;
import com.ezscale.billing.invoice.db.InvoiceTaxRow;
import com.ezscale.billing.invoice.db.SellerEntity;
import com.ezscale.billing.migration.RecordText;
import com.ezscale.billing.migration.WhmcsTerms;
import com.ezscale.billing.migration.db.Amount;
import com.ezscale.billing.migration.db.BillTo;
import com.ezscale.billing.migration.db.HistoricalInvoice;
import com.ezscale.billing.migration.db.HistoricalLine;
import com.ezscale.billing.migration.db.HistoricalPayment;
import com.ezscale.billing.migration.db.LineRevision;
import com.ezscale.billing.migration.db.MigrationKey;
import com.ezscale.billing.migration.db.MigrationMapper;
import com.ezscale.billing.migration.db.MigrationRun;
import com.ezscale.billing.migration.db.ParallelRunMapper;
import com.ezscale.billing.migration.db.ReconciliationLine;
import com.ezscale.billing.migration.db.RunningService;
import com.ezscale.billing.money.Money;
import com.ezscale.billing.money.MoneyRounding;
import com.ezscale.billing.period.BillingCycle;
import com.ezscale.billing.period.BillingPeriod;
import com.ezscale.billing.persistence.BulkLoad;
import com.ezscale.billing.persistence.GeneratedKey;
import com.ezscale.billing.persistence.PersistenceConfiguration;
import com.ezscale.billing.rules.BillingRuleViolation;
import com.ezscale.billing.subscription.IpAssignment;
import com.ezscale.billing.subscription.IpPrefix;
import com.ezscale.billing.subscription.Subscription;
import com.ezscale.billing.subscription.SubscriptionStatus;
import com.ezscale.billing.subscription.db.IpAssignmentRow;
import com.ezscale.billing.subscription.db.SubscriptionMapper;
import com.ezscale.billing.tax.db.TaxRuleMapper;
import com.ezscale.billing.tax.db.TaxRuleRow;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.LongSummaryStatistics;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.mybatis.spring.SqlSessionTemplate;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Brings a WHMCS 8 book over: currencies (as the price lists their prices open), client groups,
 * products with their six-cycle pricing, level-1 tax rates, clients, services (with the cursor
 * after the last period WHMCS invoiced, so nothing is billed twice), their IPs and panels, and the
 * credit history. Every source row is keyed by its WHMCS id ({@code migration_key}) with a
 * fingerprint: a rerun creates nothing twice, updates what changed and leaves the rest untouched.
 * What cannot be mapped is an issue with its reason, stored with the run. The reconciliation (per
 * client and currency: running services, monthly recurring amount, credit balance) is stored and
 * returned. One transaction; a dry run does it all and rolls it back.
 */
@Service
public class WhmcsImport {

    public static final String SOURCE = "whmcs";

    /** The number series imported invoices keep their WHMCS numbers in. */
    public static final String SERIES = "WHMCS";

    /** Invoices and payments written per batch. */
    static final int CHUNK = 1000;

    /** Who recorded what an import writes (payments, credit entries). */
    public static final String ACTOR = "migration";

    /** The gateway WHMCS's readable customer ids belong to. */
    static final String GATEWAY = StripeGateway.NAME;

    /** The name of the WHMCS custom product field holding the service's id on its panel. */
    public static final String PANEL_FIELD = "Server ID";

    /** What one kind of source row came to. */
    public static final class Counts {
        int created;
        int updated;
        int unchanged;
        int skipped;

        @Override
        public String toString() {
            return created + " created, " + updated + " updated, " + unchanged + " unchanged, " + skipped
                    + " not mapped";
        }
    }

    /** An import's outcome: its counts per kind, the rows not mapped, the reconciliation, and the time each step took. */
    public record Report(
            long runId,
            boolean dryRun,
            LocalDate asOf,
            Map<String, Counts> counts,
            List<String> issues,
            List<ReconciliationLine> reconciliation,
            Map<String, Long> millis,
            boolean shadow) {

        public List<ReconciliationLine> differences() {
            return reconciliation.stream().filter(ReconciliationLine::differs).toList();
        }

        /** The report as printed and stored. */
        public String text() {
            StringBuilder out = new StringBuilder();
            out.append(dryRun ? "WHMCS import (dry run: rolled back)" : "WHMCS import run " + runId)
                    .append(" as of ")
                    .append(asOf)
                    .append('\n');
            if (shadow) {
                out.append("  parallel run open: the imported customers stay billed by WHMCS (shadow here)\n");
            }
            counts.forEach((kind, c) -> out.append(String.format(Locale.ROOT, "  %-14s %s%n", kind, c)));
            out.append("Reconciliation (WHMCS | here), per currency:\n");
            Map<String, BigDecimal[]> totals = new TreeMap<>();
            for (ReconciliationLine l : reconciliation) {
                BigDecimal[] t = totals.computeIfAbsent(
                        l.currency() + " " + l.measure(), k -> new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO});
                t[0] = t[0].add(l.sourceValue());
                t[1] = t[1].add(l.ourValue());
            }
            totals.forEach((k, t) -> out.append(String.format(
                    Locale.ROOT,
                    "  %-24s %16s | %-16s%s%n",
                    k,
                    plain(t[0]),
                    plain(t[1]),
                    t[0].compareTo(t[1]) == 0 ? "" : "  DIFFERS")));
            List<ReconciliationLine> differences = differences();
            out.append(differences.size()).append(" difference(s)").append(differences.isEmpty() ? "\n" : ":\n");
            for (ReconciliationLine l : differences) {
                out.append(String.format(
                        Locale.ROOT,
                        "  client %d (customer %s) %s %s: WHMCS %s, here %s%n",
                        l.sourceClientId(),
                        l.customerId() == null ? "not imported" : l.customerId(),
                        l.currency(),
                        l.measure(),
                        plain(l.sourceValue()),
                        plain(l.ourValue())));
            }
            out.append(issues.size()).append(" row(s) not mapped").append(issues.isEmpty() ? "\n" : ":\n");
            issues.forEach(i -> out.append("  ").append(i).append('\n'));
            return out.toString();
        }

        private static String plain(BigDecimal v) {
            BigDecimal s = v.stripTrailingZeros();
            return (s.scale() < 0 ? s.setScale(0) : s).toPlainString();
        }
    }

    private final SqlSessionTemplate batch;
    private final BulkLoad bulk;
    private MigrationMapper migration;
    private ParallelRunMapper parallel;
    private CustomerMapper customers;
    private CatalogMapper catalog;
    private SubscriptionMapper subscriptions;
    private TaxRuleMapper taxRules;
    private CreditLedgerMapper ledger;
    private InvoiceMapper invoices;
    private AuditMapper audit;
    private DunningMapper dunningSteps;
    private CouponMapper coupons;
    private final String sellerCode;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final int writers;

    /**
     * Every statement goes through the batching session (one executor type per transaction): a run
     * of one statement is sent as one multi-row batch; where an id is read back, the batch is
     * flushed first ({@link #flush()}). {@code writers} ({@code ezscale.migration.writers}): how many
     * connections write an import's invoices and payments at once (1: the whole import in one
     * transaction, as a dry run always is).
     */
    public WhmcsImport(
            @Qualifier(PersistenceConfiguration.BATCH_SESSION) SqlSessionTemplate batch,
            BulkLoad bulk,
            BillingProperties properties,
            PlatformTransactionManager transactionManager,
            Clock clock,
            @Value("${ezscale.migration.writers:2}") int writers) {
        if (writers < 1) {
            throw new IllegalArgumentException("ezscale.migration.writers must be 1 or more, not " + writers);
        }
        this.batch = batch;
        this.bulk = bulk;
        this.sellerCode = properties.sellerCode();
        this.tx = new TransactionTemplate(transactionManager);
        this.clock = clock;
        this.writers = writers;
    }

    /** The mappers on the batching session (bound at the first run: the mappers are registered by then). */
    private synchronized void bindMappers() {
        if (migration != null) {
            return;
        }
        customers = batch.getMapper(CustomerMapper.class);
        catalog = batch.getMapper(CatalogMapper.class);
        subscriptions = batch.getMapper(SubscriptionMapper.class);
        taxRules = batch.getMapper(TaxRuleMapper.class);
        ledger = batch.getMapper(CreditLedgerMapper.class);
        invoices = batch.getMapper(InvoiceMapper.class);
        audit = batch.getMapper(AuditMapper.class);
        dunningSteps = batch.getMapper(DunningMapper.class);
        coupons = batch.getMapper(CouponMapper.class);
        migration = batch.getMapper(MigrationMapper.class);
        parallel = batch.getMapper(ParallelRunMapper.class);
    }

    /** Sends what the batching session holds, so that generated ids are known. */
    private void flush() {
        batch.flushStatements();
    }

    /** Reads the WHMCS database at {@code jdbcUrl} and imports it (or, dry, shows what an import would do). */
    public Report run(String jdbcUrl, LocalDate asOf, boolean dryRun, String actor, DunningSchedule dunning) {
        return run(jdbcUrl, asOf, dryRun, actor, dunning, stage -> {});
    }

    /** As above, telling {@code stages} "reading WHMCS", then each of {@link #STAGES} as it starts. */
    public Report run(
            String jdbcUrl,
            LocalDate asOf,
            boolean dryRun,
            String actor,
            DunningSchedule dunning,
            java.util.function.Consumer<String> stages) {
        if (asOf == null) {
            throw new BillingRuleViolation("an import needs --as-of");
        }
        stages.accept(READING);
        WhmcsBook book;
        try (WhmcsSource source = WhmcsSource.open(jdbcUrl)) {
            book = WhmcsBook.read(source);
        }
        return run(book, asOf, dryRun, actor, dunning, stages);
    }

    /** The first stage, before {@link #STAGES}: the WHMCS database read. */
    public static final String READING = "reading WHMCS";

    /**
     * Imports a book already read. {@code dunning} (null: none) is the ladder an open imported
     * invoice is on from here: the steps whose day passed before {@code asOf} count as done (WHMCS
     * reminded, fined or suspended as its own settings said), so the ladder goes on from there.
     */
    public Report run(WhmcsBook book, LocalDate asOf, boolean dryRun, String actor, DunningSchedule dunning) {
        return run(book, asOf, dryRun, actor, dunning, stage -> {});
    }

    /** The stages of an import, in order (what {@code stages} is told as each starts). */
    public static final List<String> STAGES = List.of(
            "currencies",
            "groups",
            "products",
            "taxes",
            "promotions",
            "clients",
            "services",
            "addons",
            "upgrades",
            "credits",
            "invoices",
            "transactions",
            "shadow or gateways",
            "reconcile");

    /**
     * As {@link #run(WhmcsBook, LocalDate, boolean, String, DunningSchedule)}, telling {@code stages} each
     * stage as it starts.
     *
     * <p>A dry run, a run inside a caller's transaction and a run with one writer are one transaction.
     * Otherwise the import commits in three parts, so that its invoices and payments, most of its rows,
     * are written on {@link #writers} connections at once (a server writes one connection's rows on one
     * core): first everything up to the credit history (customers of an open parallel run marked shadow
     * before they are committed); then the invoices and the payments, a chunk per transaction, each with
     * its lines, taxes, dunning steps, notices or key; last the gateways, the reconciliation and the
     * run's record. An import stopped part-way leaves whole chunks, each keyed, and the next run goes on
     * from them: it writes what is missing and never a row twice.
     */
    public Report run(
            WhmcsBook book,
            LocalDate asOf,
            boolean dryRun,
            String actor,
            DunningSchedule dunning,
            java.util.function.Consumer<String> stages) {
        bindMappers();
        Instant started = clock.instant();
        DunningLadder ladder = dunning == null ? null : new DunningLadder(dunning);
        boolean staged = !dryRun && writers > 1 && !TransactionSynchronizationManager.isActualTransactionActive();
        if (!staged) {
            return tx.execute(status -> {
                Pass pass = new Pass(book, asOf, started, ladder, stages, new Writers(1));
                pass.referenceData();
                pass.history();
                return pass.finish(dryRun, actor, status);
            });
        }
        try (Writers chunks = new Writers(writers)) {
            Pass pass = new Pass(book, asOf, started, ladder, stages, chunks);
            tx.execute(status -> {
                pass.referenceData();
                if (parallel.selectOpenRun() != null) {
                    // committed now, billed by no run here before the import ends
                    parallel.markShadow(SOURCE);
                }
                return null;
            });
            pass.history();
            return tx.execute(status -> pass.finish(false, actor, status));
        }
    }

    /**
     * Where the chunks of invoices and payments are written. With one thread, each on the caller's
     * thread in its transaction; with more, each in a transaction of its own on one of that many
     * threads, at most two per thread waiting. The first chunk that fails stops the import (the
     * chunks written before it stay: the next run goes on from them).
     */
    private final class Writers implements AutoCloseable {
        private final java.util.concurrent.ExecutorService pool;
        private final java.util.concurrent.Semaphore room;
        private final List<java.util.concurrent.Future<?>> running = new ArrayList<>();

        Writers(int threads) {
            if (threads == 1) {
                pool = null;
                room = null;
            } else {
                java.util.concurrent.atomic.AtomicInteger n = new java.util.concurrent.atomic.AtomicInteger();
                pool = java.util.concurrent.Executors.newFixedThreadPool(threads, r -> {
                    Thread t = new Thread(r, "whmcs-writer-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
                room = new java.util.concurrent.Semaphore(2 * threads);
            }
        }

        /** Writes one chunk (in its own transaction where there are threads); throws if one written before failed. */
        void submit(Runnable work) {
            if (pool == null) {
                work.run();
                return;
            }
            for (java.util.concurrent.Future<?> f : running) {
                if (f.isDone()) {
                    outcome(f);
                }
            }
            running.removeIf(java.util.concurrent.Future::isDone);
            room.acquireUninterruptibly();
            try {
                running.add(pool.submit(() -> {
                    try {
                        tx.executeWithoutResult(status -> work.run());
                    } finally {
                        room.release();
                    }
                }));
            } catch (RuntimeException e) {
                room.release();
                throw e;
            }
        }

        /** Waits for every chunk submitted; throws the first failure. */
        void await() {
            RuntimeException first = null;
            for (java.util.concurrent.Future<?> f : running) {
                try {
                    outcome(f);
                } catch (RuntimeException e) {
                    if (first == null) {
                        first = e;
                    }
                }
            }
            running.clear();
            if (first != null) {
                throw first;
            }
        }

        private void outcome(java.util.concurrent.Future<?> f) {
            try {
                f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while the import's writers worked", e);
            } catch (java.util.concurrent.ExecutionException e) {
                if (e.getCause() instanceof RuntimeException r) {
                    throw r;
                }
                if (e.getCause() instanceof Error err) {
                    throw err;
                }
                throw new IllegalStateException(e.getCause());
            }
        }

        /** Waits for what is still being written (when the import failed, its own failure goes on), then stops the threads. */
        @Override
        public void close() {
            if (pool == null) {
                return;
            }
            try {
                await();
            } catch (RuntimeException | Error e) {
                // the import already failed: its exception is the one thrown
            } finally {
                pool.shutdownNow();
            }
        }
    }

    /** One import's work, in dependency order; what each step created is what the next one looks up. */
    private final class Pass {
        final WhmcsBook book;
        final LocalDate asOf;
        final Instant now;
        final Map<String, Counts> counts = new LinkedHashMap<>();
        final List<String> issues = new ArrayList<>();
        final List<String[]> issueRows = new ArrayList<>();
        final Map<Long, Currency> currencies = new HashMap<>();
        final Map<Long, String> groupCodes = new HashMap<>();
        final Map<Long, Long> planIds = new HashMap<>();
        final Map<Long, Integer> prorataDays = new HashMap<>();
        final Map<Long, Long> customerIds = new HashMap<>();
        final Map<Long, Currency> clientCurrencies = new HashMap<>();
        final Map<String, Long> variantPlans = new HashMap<>();

        final Map<Long, ServiceRef> serviceRefs = new HashMap<>();
        final Map<Long, ServiceRef> addonRefs = new HashMap<>();
        final Map<Long, UpgradeTarget> upgradeTargets = new HashMap<>();
        // written by the chunks' writers
        final Map<Long, Long> invoiceIds = new java.util.concurrent.ConcurrentHashMap<>();
        final Map<Long, Long> paymentIds = new java.util.concurrent.ConcurrentHashMap<>();
        final DunningLadder ladder;
        final Writers writers;

        private final java.util.function.Consumer<String> stages;

        Pass(
                WhmcsBook book,
                LocalDate asOf,
                Instant now,
                DunningLadder ladder,
                java.util.function.Consumer<String> stages,
                Writers writers) {
            this.stages = stages;
            this.book = book;
            this.asOf = asOf;
            this.now = now;
            this.ladder = ladder;
            this.writers = writers;
        }

        /** Everything an invoice or a payment refers to, up to the credit history. */
        void referenceData() {
            timed("currencies", this::currencies);
            timed("groups", this::groups);
            timed("products", this::products);
            timed("taxes", this::taxes);
            timed("promotions", this::promotions);
            timed("clients", this::clients);
            timed("services", this::services);
            timed("addons", this::addons);
            timed("upgrades", this::upgrades);
            timed("credits", this::credits);
        }

        /** The invoices, then the payments and refunds: chunk by chunk through {@link #writers}. */
        void history() {
            timed("invoices", this::invoices);
            timed("transactions", this::transactions);
        }

        /** The gateway customers or the shadow marks, the reconciliation, the run's record and its audit. */
        Report finish(boolean dryRun, String actor, org.springframework.transaction.TransactionStatus status) {
            // while WHMCS still bills (parallel run), its customers are shadow here: proposed for,
            // never invoiced, reminded or charged; once it no longer does, the Stripe customers it holds come over
            boolean shadow = parallel.selectOpenRun() != null;
            if (shadow) {
                timed("shadow", () -> parallel.markShadow(SOURCE));
            } else {
                timed("gateways", this::gateways);
            }
            List<ReconciliationLine> lines = new ArrayList<>();
            timed("reconcile", () -> lines.addAll(reconcile()));
            Report draft = new Report(0, dryRun, asOf, counts, issues, lines, millis, shadow);
            GeneratedKey key = new GeneratedKey();
            migration.insertRun(
                    new MigrationRun(
                            SOURCE,
                            asOf,
                            dryRun,
                            actor,
                            now,
                            clock.instant(),
                            draft.text(),
                            draft.differences().size(),
                            issues.size()),
                    key);
            flush();
            for (String[] issue : issueRows) {
                migration.insertIssue(key.value(), issue[0], Long.parseLong(issue[1]), issue[2]);
            }
            for (ReconciliationLine line : lines) {
                migration.insertReconciliation(key.value(), line);
            }
            Report report = new Report(key.value(), dryRun, asOf, counts, issues, lines, millis, shadow);
            if (dryRun) {
                status.setRollbackOnly();
            } else {
                audit.insert(
                        clock.instant(),
                        actor,
                        "migration.import",
                        "migration run " + key.value(),
                        "WHMCS as of " + asOf + ": " + summaryLine() + "; "
                                + draft.differences().size() + " difference(s), " + issues.size()
                                + " row(s) not mapped");
            }
            return report;
        }

        final Map<String, Long> millis = new LinkedHashMap<>();

        void timed(String step, Runnable work) {
            stages.accept(step);
            long start = System.nanoTime();
            work.run();
            flush();
            millis.put(step, (System.nanoTime() - start) / 1_000_000);
        }

        /**
         * Work that needs the ids of rows inserted in the batch, done once it is sent, stage by stage
         * (each stage one statement as far as possible: the batching executor sends a run of one
         * statement as one batch, and starts a new one whenever the statement changes).
         */
        final List<List<Runnable>> deferred = new ArrayList<>();

        int waiting;

        void defer(Runnable... stages) {
            while (deferred.size() < stages.length) {
                deferred.add(new ArrayList<>());
            }
            for (int k = 0; k < stages.length; k++) {
                deferred.get(k).add(stages[k]);
            }
            if (++waiting >= CHUNK) {
                drain();
            }
        }

        void drain() {
            flush();
            List<List<Runnable>> work = new ArrayList<>();
            deferred.forEach(stage -> work.add(List.copyOf(stage)));
            deferred.clear();
            waiting = 0;
            work.forEach(stage -> stage.forEach(Runnable::run));
            flush();
        }

        void issue(String kind, long sourceId, String reason) {
            counts(kind).skipped++;
            issues.add(kind + " " + sourceId + ": " + reason);
            issueRows.add(new String[] {kind, Long.toString(sourceId), truncate(reason, 1000)});
        }

        /** A service's or add-on's cycle here, or (listed) none. */
        Optional<BillingCycle> cycle(String kind, long sourceId, String whmcs) {
            Optional<BillingCycle> cycle = WhmcsTerms.cycle(whmcs);
            if (cycle.isEmpty()) {
                issue(kind, sourceId, "billing cycle '" + whmcs + "' is not one this system bills");
            }
            return cycle;
        }

        /** A service's or add-on's status here, or (listed) none. */
        Optional<SubscriptionStatus> status(String kind, long sourceId, String whmcs) {
            Optional<SubscriptionStatus> status = WhmcsTerms.serviceStatus(whmcs);
            if (status.isEmpty()) {
                issue(kind, sourceId, "status '" + whmcs + "' is not one WHMCS 8 uses");
            }
            return status;
        }

        /** A source row mapped, but with something this system does not carry over. */
        void note(String kind, long sourceId, String reason) {
            issues.add(kind + " " + sourceId + ": " + reason);
            issueRows.add(new String[] {kind, Long.toString(sourceId), truncate(reason, 1000)});
        }

        Counts counts(String kind) {
            return counts.computeIfAbsent(kind, k -> new Counts());
        }

        String summaryLine() {
            return counts.entrySet().stream()
                    .map(e -> e.getKey() + " " + e.getValue().created + "+" + e.getValue().updated + "~")
                    .collect(Collectors.joining(", "));
        }

        Map<Long, MigrationKey> keys(String kind) {
            return migration.selectKeys(SOURCE, kind).stream()
                    .collect(Collectors.toMap(MigrationKey::sourceId, Function.identity()));
        }

        void currencies() {
            for (WhmcsSource.Currency c : book.currencies()) {
                try {
                    currencies.put(c.id(), Money.currency(c.code().strip().toUpperCase(Locale.ROOT)));
                } catch (IllegalArgumentException e) {
                    issue("currency", c.id(), "'" + c.code() + "' is not an ISO 4217 currency");
                }
            }
        }

        void groups() {
            Map<Long, MigrationKey> keys = keys("group");
            for (WhmcsSource.ClientGroup g : book.clientGroups()) {
                String code = groupCode(g);
                groupCodes.put(g.id(), code);
                String note = truncate("WHMCS client group " + g.id() + " '" + g.name() + "'", 500);
                String fingerprint = fingerprint(g);
                MigrationKey key = keys.get(g.id());
                if (key != null && key.fingerprint().equals(fingerprint)) {
                    counts("group").unchanged++;
                    continue;
                }
                customers.upsertGroup(new CustomerGroup(code, g.suspendExempt(), note));
                migration.upsertKey(SOURCE, "group", new MigrationKey(g.id(), g.id(), fingerprint), now);
                if (key == null) {
                    counts("group").created++;
                } else {
                    counts("group").updated++;
                }
                if (g.discountPercent() != null && g.discountPercent().signum() > 0) {
                    note(
                            "group",
                            g.id(),
                            "its " + g.discountPercent().stripTrailingZeros().toPlainString()
                                    + "% discount is not carried over: this system discounts by coupon or loyalty tier");
                }
            }
        }

        void products() {
            Map<Long, MigrationKey> keys = keys("product");
            Map<Long, String> groupNames = new HashMap<>();
            book.productGroups().forEach(g -> groupNames.put(g.id(), g.name()));
            Map<Long, List<WhmcsSource.Pricing>> pricing =
                    book.pricing().stream().collect(Collectors.groupingBy(WhmcsSource.Pricing::productId));
            long seller = seller();
            for (WhmcsSource.Product p : book.products()) {
                Integer prorataDay = null;
                if (p.prorata()) {
                    if (p.prorataDay() >= 1 && p.prorataDay() <= 28) {
                        prorataDay = p.prorataDay();
                    } else {
                        note(
                                "product",
                                p.id(),
                                "prorata on day " + p.prorataDay()
                                        + " is not carried over (this system aligns on days 1 to 28): its services renew on"
                                        + " their registration day");
                    }
                }
                prorataDays.put(p.id(), prorataDay);
                String fingerprint = fingerprint(p, pricing.getOrDefault(p.id(), List.of()));
                MigrationKey key = keys.get(p.id());
                long planId;
                if (key == null) {
                    String group = groupNames.getOrDefault(p.groupId(), "");
                    String name = truncate(
                            (group.isBlank() ? "" : group.strip() + ": ")
                                    + p.name().strip(),
                            200);
                    ProductKind kind = WhmcsTerms.productKind(List.of(p.module() == null ? "" : p.module()));
                    GeneratedKey productKey = new GeneratedKey();
                    catalog.insertNewProduct(
                            new NewProduct("whmcs-" + p.id(), name, kind, seller, prorataDay), productKey);
                    flush();
                    GeneratedKey planKey = new GeneratedKey();
                    catalog.insertNewPlan(productKey.value(), "whmcs-" + p.id(), name, 0, planKey);
                    flush();
                    planId = planKey.value();
                    counts("product").created++;
                } else {
                    planId = key.targetId();
                    if (key.fingerprint().equals(fingerprint)) {
                        counts("product").unchanged++;
                        planIds.put(p.id(), planId);
                        continue;
                    }
                    counts("product").updated++;
                }
                planIds.put(p.id(), planId);
                for (WhmcsSource.Pricing row : pricing.getOrDefault(p.id(), List.of())) {
                    Currency currency = currencies.get(row.currencyId());
                    if (currency == null) {
                        continue;
                    }
                    for (WhmcsTerms.Price price : WhmcsTerms.prices(p.payType(), row.row())) {
                        if (price.cycle() != BillingCycle.FREE) {
                            catalog.upsertPrice(
                                    new PlanPrice(planId, currency, price.cycle(), price.price(), price.setupFee()));
                        }
                    }
                }
                migration.upsertKey(SOURCE, "product", new MigrationKey(p.id(), planId, fingerprint), now);
            }
        }

        void taxes() {
            Map<Long, MigrationKey> keys = keys("tax");
            Set<String> existing = new HashSet<>();
            for (TaxRuleRow r : taxRules.selectTaxRules()) {
                if (r.validUntil() == null) {
                    existing.add(r.country() + "/" + r.region());
                }
            }
            for (WhmcsSource.Tax t : book.taxes()) {
                if (keys.containsKey(t.id())) {
                    counts("tax").unchanged++;
                    continue;
                }
                String country = t.country() == null ? "" : t.country().strip().toUpperCase(Locale.ROOT);
                String region = t.state() == null ? "" : truncate(t.state().strip(), 64);
                if (t.level() != 1) {
                    issue(
                            "tax",
                            t.id(),
                            "level-" + t.level() + " rate '" + t.name() + "' "
                                    + t.rate().toPlainString()
                                    + "% is not carried over: this system applies one rate per country and region");
                } else if (country.isEmpty()) {
                    issue(
                            "tax",
                            t.id(),
                            "rate '" + t.name() + "' applies to every country: this system keys"
                                    + " rates by country (add them with `tax-rule add`)");
                } else if (existing.contains(country + "/" + region)) {
                    issue(
                            "tax",
                            t.id(),
                            "a rate for " + country + (region.isEmpty() ? "" : "/" + region)
                                    + " is already in force here: WHMCS's "
                                    + t.rate().toPlainString() + "% not added");
                } else {
                    taxRules.insertTaxRule(new TaxRuleRow(
                            country,
                            region,
                            truncate(t.name().isBlank() ? "Tax" : t.name().strip(), 64),
                            t.rate(),
                            LocalDate.of(2000, 1, 1),
                            null));
                    existing.add(country + "/" + region);
                    migration.upsertKey(SOURCE, "tax", new MigrationKey(t.id(), t.id(), fingerprint(t)), now);
                    counts("tax").created++;
                }
            }
        }

        /**
         * Promotions as coupons, for the codes customers know: a service already on a promotion in
         * WHMCS pays the price WHMCS charges it (its amount has the discount in it), so no redemption
         * is recorded for it here (the discount would be given twice); it is listed instead.
         */
        void promotions() {
            Map<Long, MigrationKey> keys = keys("promotion");
            Map<String, Long> products = new HashMap<>();
            for (var product : catalog.selectProducts()) {
                products.put(product.code(), product.id());
            }
            for (WhmcsSource.Promotion p : book.promotions()) {
                if (keys.containsKey(p.id())) {
                    counts("promotion").unchanged++;
                    continue;
                }
                String code = blank(p.code()).strip().toUpperCase(Locale.ROOT);
                if (!code.matches("[A-Z0-9][A-Z0-9_-]{0,63}")) {
                    issue("promotion", p.id(), "code '" + p.code() + "' is not 1 to 64 letters, digits, '_' or '-'");
                    continue;
                }
                WhmcsTerms.CouponTerms terms;
                try {
                    terms = WhmcsTerms.coupon(new WhmcsTerms.Promotion(
                            p.type(),
                            p.recurring(),
                            p.value(),
                            p.recurFor(),
                            p.start(),
                            p.expires(),
                            p.maxUses(),
                            p.oncePerClient()));
                } catch (IllegalArgumentException e) {
                    issue("promotion", p.id(), code + ": " + e.getMessage());
                    continue;
                }
                if (coupons.lockCouponByCode(code) != null) {
                    issue("promotion", p.id(), "a coupon " + code + " exists here already");
                    continue;
                }
                GeneratedKey id = new GeneratedKey();
                coupons.insertCoupon(
                        new CouponRow(
                                0,
                                code,
                                terms.kind(),
                                terms.percent(),
                                terms.duration(),
                                terms.cycles(),
                                terms.validFrom(),
                                terms.validUntil(),
                                terms.maxRedemptions(),
                                terms.maxPerCustomer(),
                                false),
                        now,
                        id);
                flush();
                if (terms.amount() != null) {
                    // WHMCS takes a fixed amount off in the client's own currency, whichever it is
                    Set<String> codes = new java.util.TreeSet<>();
                    currencies.values().forEach(c -> codes.add(c.getCurrencyCode()));
                    for (String currency : codes) {
                        coupons.insertCouponAmount(id.value(), currency, terms.amount());
                    }
                }
                for (String pid : blank(p.appliesTo()).split(",")) {
                    Long product = products.get("whmcs-" + pid.strip());
                    if (!pid.isBlank() && product != null) {
                        coupons.insertCouponProduct(id.value(), product);
                    }
                }
                if (!blank(p.cycles()).isBlank()) {
                    note(
                            "promotion",
                            p.id(),
                            code + ": its billing-cycle restriction ("
                                    + p.cycles().strip() + ") is not carried over: the coupon applies to every cycle");
                }
                if (p.newSignups()) {
                    note("promotion", p.id(), code + ": 'new signups only' is not carried over");
                }
                migration.upsertKey(SOURCE, "promotion", new MigrationKey(p.id(), id.value(), fingerprint(p)), now);
                counts("promotion").created++;
            }
        }

        void clients() {
            Map<Long, MigrationKey> keys = keys("client");
            for (WhmcsSource.Client c : book.clients()) {
                MigrationKey key = keys.get(c.id());
                Currency currency = currencies.get(c.currencyId());
                if (currency == null) {
                    issue("client", c.id(), "its currency " + c.currencyId() + " is not one WHMCS lists");
                    continue;
                }
                Optional<CustomerStatus> status = WhmcsTerms.clientStatus(c.status());
                if (status.isEmpty()) {
                    issue("client", c.id(), "status '" + c.status() + "' is not Active, Inactive or Closed");
                    continue;
                }
                CustomerDetails details;
                try {
                    String name = (blank(c.firstName()) + " " + blank(c.lastName())).strip();
                    details = CustomerDetails.of(
                            name.isEmpty() ? c.company() : name,
                            c.company(),
                            c.email(),
                            new PostalAddress(c.address1(), c.address2(), c.city(), c.postcode()),
                            c.country(),
                            c.state(),
                            currency.getCurrencyCode(),
                            c.taxId(),
                            c.taxExempt(),
                            c.groupId() == 0 ? null : groupCodes.get(c.groupId()));
                } catch (BillingRuleViolation e) {
                    issue("client", c.id(), e.getMessage());
                    if (key != null) {
                        customerIds.put(c.id(), key.targetId());
                        clientCurrencies.put(c.id(), currency);
                    }
                    continue;
                }
                String fingerprint = fingerprint(c);
                if (key == null) {
                    GeneratedKey id = new GeneratedKey();
                    LocalDate created = c.created() == null ? asOf : c.created();
                    customers.insertCustomer(details, created.atStartOfDay().toInstant(ZoneOffset.UTC), id);
                    CustomerStatus st = status.get();
                    defer(
                            () -> {
                                if (st != CustomerStatus.ACTIVE) {
                                    customers.updateStatus(id.value(), st);
                                }
                            },
                            () -> {
                                migration.upsertKey(
                                        SOURCE, "client", new MigrationKey(c.id(), id.value(), fingerprint), now);
                                customerIds.put(c.id(), id.value());
                                counts("client").created++;
                            });
                } else {
                    customerIds.put(c.id(), key.targetId());
                    if (key.fingerprint().equals(fingerprint)) {
                        counts("client").unchanged++;
                    } else {
                        String here = customers.selectCustomerCurrency(key.targetId());
                        if (!currency.getCurrencyCode().equals(here)) {
                            issue(
                                    "client",
                                    c.id(),
                                    "its currency changed in WHMCS to " + currency + " after import: here it stays "
                                            + here + " (use convert-currency)");
                            currency = Money.currency(here);
                            details = new CustomerDetails(
                                    details.name(),
                                    details.company(),
                                    details.email(),
                                    details.address(),
                                    details.country(),
                                    details.region(),
                                    currency,
                                    details.vatNumber(),
                                    details.taxExempt(),
                                    details.group());
                        }
                        customers.updateDetails(key.targetId(), details);
                        customers.updateStatus(key.targetId(), status.get());
                        migration.upsertKey(
                                SOURCE, "client", new MigrationKey(c.id(), key.targetId(), fingerprint), now);
                        counts("client").updated++;
                    }
                }
                clientCurrencies.put(c.id(), currency);
            }
            drain();
        }

        void services() {
            Map<Long, MigrationKey> keys = keys("service");
            Map<Long, String> modules = new HashMap<>();
            book.servers().forEach(s -> modules.put(s.id(), s.module()));
            Map<Long, WhmcsSource.Product> products = new HashMap<>();
            book.products().forEach(p -> products.put(p.id(), p));
            Map<String, Map<BillingCycle, WhmcsTerms.Price>> prices = new HashMap<>();
            for (WhmcsSource.Pricing row : book.pricing()) {
                WhmcsSource.Product p = products.get(row.productId());
                Currency currency = currencies.get(row.currencyId());
                if (p == null || currency == null) {
                    continue;
                }
                Map<BillingCycle, WhmcsTerms.Price> byCycle = new HashMap<>();
                WhmcsTerms.prices(p.payType(), row.row()).forEach(x -> byCycle.put(x.cycle(), x));
                prices.put(p.id() + "/" + currency.getCurrencyCode(), byCycle);
            }
            for (WhmcsSource.Service s : book.services()) {
                MigrationKey key = keys.get(s.id());
                Long customerId = customerIds.get(s.clientId());
                if (customerId == null) {
                    issue("service", s.id(), "its client " + s.clientId() + " was not imported");
                    continue;
                }
                Long basePlan = planIds.get(s.productId());
                if (basePlan == null) {
                    issue("service", s.id(), "its product " + s.productId() + " is not in WHMCS's products");
                    continue;
                }
                Optional<BillingCycle> cycle = cycle("service", s.id(), s.cycle());
                Optional<SubscriptionStatus> status = status("service", s.id(), s.status());
                if (cycle.isEmpty() || status.isEmpty()) {
                    continue;
                }
                if (s.registered() == null) {
                    issue("service", s.id(), "it has no registration date");
                    continue;
                }
                Currency currency = clientCurrencies.get(s.clientId());
                long planId = basePlan;
                if (cycle.get() != BillingCycle.FREE) {
                    WhmcsTerms.Price listed = prices.getOrDefault(
                                    s.productId() + "/" + currency.getCurrencyCode(), Map.of())
                            .get(cycle.get());
                    if (listed == null || listed.price().compareTo(s.amount()) != 0) {
                        planId = variantPlan(s, basePlan, currency, cycle.get(), listed);
                    }
                }
                Long promo = book.servicePromotions().get(s.id());
                if (promo != null && key == null) {
                    note(
                            "service",
                            s.id(),
                            "ordered with promotion " + promo + ": its discount is in the price WHMCS" + " charges it ("
                                    + s.amount().toPlainString() + "), kept as is; no coupon redemption");
                }
                String panel = WhmcsTerms.panel(modules.get(s.serverId())).orElse(null);
                String panelRef =
                        panel == null ? null : blankToNull(book.panelRefs().get(s.id()));
                if (panel != null && panelRef == null) {
                    note(
                            "service",
                            s.id(),
                            "runs on " + panel + " but has no '" + PANEL_FIELD
                                    + "' field: name it with `service panel`");
                    panel = null;
                }
                LocalDate end = WhmcsTerms.end(status.get(), s.registered(), s.terminated(), s.nextDueDate());
                LocalDate cursor = WhmcsTerms.cursor(
                        cycle.get(),
                        s.registered(),
                        prorataDays.get(s.productId()),
                        book.lastInvoiced().get(s.id()),
                        s.nextDueDate(),
                        s.nextInvoiceDate());
                String label = blankToNull(truncate(blank(s.domain()).strip(), 200));
                String fingerprint =
                        fingerprint(s, panelRef, book.lastInvoiced().get(s.id()), planId);
                ServiceRef ref =
                        new ServiceRef(0, planId, cycle.get(), s.registered(), prorataDays.get(s.productId()), cursor);
                long serviceId;
                if (key == null) {
                    Subscription service = new Subscription(
                            0,
                            customerId,
                            planId,
                            cycle.get(),
                            status.get(),
                            s.registered().getDayOfMonth(),
                            s.registered(),
                            end,
                            cursor,
                            label,
                            null);
                    GeneratedKey id = new GeneratedKey();
                    subscriptions.insertService(
                            service,
                            panel,
                            panelRef,
                            s.registered().atStartOfDay().toInstant(ZoneOffset.UTC),
                            id);
                    SubscriptionStatus st = status.get();
                    String pl = panel;
                    LocalDate e = end;
                    defer(
                            () -> {
                                serviceRefs.put(s.id(), ref.withId(id.value()));
                                if (st == SubscriptionStatus.SUSPENDED) {
                                    migration.updateImportedService(
                                            id.value(), st.name(), e, cursor, label, pl, panelRef, now);
                                }
                            },
                            () -> ips(s, id.value(), e),
                            () -> {
                                migration.upsertKey(
                                        SOURCE, "service", new MigrationKey(s.id(), id.value(), fingerprint), now);
                                counts("service").created++;
                            });
                    continue;
                } else {
                    serviceId = key.targetId();
                    serviceRefs.put(s.id(), ref.withId(serviceId));
                    if (key.fingerprint().equals(fingerprint)) {
                        counts("service").unchanged++;
                        continue;
                    }
                    migration.updateImportedService(
                            serviceId, status.get().name(), end, cursor, label, panel, panelRef, now);
                    counts("service").updated++;
                }
                ips(s, serviceId, end);
                migration.upsertKey(SOURCE, "service", new MigrationKey(s.id(), serviceId, fingerprint), now);
            }
            drain();
        }

        /** A plan at the price WHMCS charges this service, where it is not the product's listed one. */
        long variantPlan(
                WhmcsSource.Service s, long basePlan, Currency currency, BillingCycle cycle, WhmcsTerms.Price listed) {
            return variantPlan(
                    "whmcs-" + s.productId(),
                    "WHMCS product " + s.productId(),
                    s.amount(),
                    listed == null ? BigDecimal.ZERO : listed.setupFee(),
                    basePlan,
                    currency,
                    cycle);
        }

        /** The plan {@code <prefix>-<currency>-<cycle>-<amount>} of the base plan's product, at that price. */
        long variantPlan(
                String codePrefix,
                String namePrefix,
                BigDecimal price,
                BigDecimal setupFee,
                long basePlan,
                Currency currency,
                BillingCycle cycle) {
            String amount = price.setScale(2, RoundingMode.UNNECESSARY).toPlainString();
            String code = codePrefix + "-" + currency.getCurrencyCode().toLowerCase(Locale.ROOT) + "-"
                    + cycle.name().toLowerCase(Locale.ROOT).replace('_', '-') + "-" + amount;
            Long known = variantPlans.get(code);
            if (known == null) {
                known = catalog.selectPlanIdByCode(code);
            }
            if (known == null) {
                long product = catalog.selectProductOfPlan(basePlan);
                String name = truncate(
                        namePrefix + " at " + amount + " " + currency + " "
                                + cycle.name().toLowerCase(Locale.ROOT),
                        200);
                GeneratedKey key = new GeneratedKey();
                catalog.insertNewPlan(product, code, name, 0, key);
                flush();
                catalog.upsertPrice(new PlanPrice(key.value(), currency, cycle, price, nz(setupFee)));
                known = key.value();
                counts("price-variant").created++;
            }
            variantPlans.put(code, known);
            return known;
        }

        /** The product and plan {@code whmcs-addon-<id>} an add-on's services are on (created once). */
        long addonPlan(long addonId, String name) {
            String code = "whmcs-addon-" + addonId;
            Long plan = catalog.selectPlanIdByCode(code);
            if (plan != null) {
                return plan;
            }
            String n = truncate(
                    "Add-on: " + (blank(name).isBlank() ? "custom (WHMCS add-on " + addonId + ")" : name.strip()), 200);
            GeneratedKey productKey = new GeneratedKey();
            catalog.insertNewProduct(new NewProduct(code, n, ProductKind.OTHER, seller(), null), productKey);
            flush();
            GeneratedKey planKey = new GeneratedKey();
            catalog.insertNewPlan(productKey.value(), code, n, 0, planKey);
            flush();
            return planKey.value();
        }

        /**
         * The add-ons of services ({@code tblhostingaddons}): each a service of its own for the
         * parent's customer, on its add-on's plan at the price WHMCS charges it, billed from after
         * the last period WHMCS invoiced for it (its {@code Addon} items).
         */
        void addons() {
            Map<Long, MigrationKey> keys = keys("addon");
            Map<Long, String> names = new HashMap<>();
            book.addons().forEach(a -> names.put(a.id(), a.name()));
            Map<Long, WhmcsSource.Service> parents = new HashMap<>();
            book.services().forEach(x -> parents.put(x.id(), x));
            Map<Long, Long> basePlans = new HashMap<>();
            for (WhmcsSource.HostingAddon a : book.hostingAddons()) {
                MigrationKey key = keys.get(a.id());
                WhmcsSource.Service parent = parents.get(a.serviceId());
                long clientId = addonClient(a, parent);
                Long customerId = customerIds.get(clientId);
                if (customerId == null) {
                    issue("addon", a.id(), "its client " + clientId + " was not imported");
                    continue;
                }
                Optional<BillingCycle> cycle = cycle("addon", a.id(), a.cycle());
                Optional<SubscriptionStatus> status = status("addon", a.id(), a.status());
                if (cycle.isEmpty() || status.isEmpty()) {
                    continue;
                }
                LocalDate registered =
                        a.registered() != null ? a.registered() : parent == null ? null : parent.registered();
                if (registered == null) {
                    issue("addon", a.id(), "it has no registration date");
                    continue;
                }
                Currency currency = clientCurrencies.get(clientId);
                long basePlan =
                        basePlans.computeIfAbsent(a.addonId(), id -> addonPlan(id, names.getOrDefault(id, a.name())));
                long planId = cycle.get() == BillingCycle.FREE
                        ? basePlan
                        : variantPlan(
                                "whmcs-addon-" + a.addonId(),
                                "WHMCS add-on " + a.addonId(),
                                nz(a.recurring()),
                                a.setupFee(),
                                basePlan,
                                currency,
                                cycle.get());
                LocalDate end = WhmcsTerms.end(status.get(), registered, a.terminated(), a.nextDueDate());
                LocalDate last = book.lastInvoicedAddons().get(a.id());
                LocalDate cursor = WhmcsTerms.cursor(cycle.get(), registered, null, last, a.nextDueDate());
                String of = parent == null || blank(parent.domain()).isBlank()
                        ? "service " + a.serviceId()
                        : parent.domain().strip();
                String label = truncate(blank(a.name()).strip() + " (add-on of " + of + ")", 200);
                String fingerprint = fingerprint(a, last, planId);
                ServiceRef ref = new ServiceRef(0, planId, cycle.get(), registered, null, cursor);
                if (key != null) {
                    addonRefs.put(a.id(), ref.withId(key.targetId()));
                    if (key.fingerprint().equals(fingerprint)) {
                        counts("addon").unchanged++;
                    } else {
                        migration.updateImportedService(
                                key.targetId(), status.get().name(), end, cursor, label, null, null, now);
                        migration.upsertKey(
                                SOURCE, "addon", new MigrationKey(a.id(), key.targetId(), fingerprint), now);
                        counts("addon").updated++;
                    }
                    continue;
                }
                Subscription service = new Subscription(
                        0,
                        customerId,
                        planId,
                        cycle.get(),
                        status.get(),
                        registered.getDayOfMonth(),
                        registered,
                        end,
                        cursor,
                        label,
                        null);
                GeneratedKey id = new GeneratedKey();
                subscriptions.insertService(
                        service, null, null, registered.atStartOfDay().toInstant(ZoneOffset.UTC), id);
                SubscriptionStatus st = status.get();
                LocalDate e = end;
                defer(
                        () -> {
                            addonRefs.put(a.id(), ref.withId(id.value()));
                            if (st == SubscriptionStatus.SUSPENDED) {
                                migration.updateImportedService(
                                        id.value(), st.name(), e, cursor, label, null, null, now);
                            }
                        },
                        () -> {
                            migration.upsertKey(
                                    SOURCE, "addon", new MigrationKey(a.id(), id.value(), fingerprint), now);
                            counts("addon").created++;
                        });
            }
            drain();
        }

        /** Every prefix's assignments here (read once per run, kept up to date as the run adds some). */
        Map<String, List<IpAssignmentRow>> assignments;

        void ips(WhmcsSource.Service s, long serviceId, LocalDate end) {
            if (assignments == null) {
                assignments = new HashMap<>();
                subscriptions
                        .selectIpAssignments()
                        .forEach(a -> assignments
                                .computeIfAbsent(a.cidr(), k -> new ArrayList<>())
                                .add(a));
            }
            Instant from = s.registered().atStartOfDay().toInstant(ZoneOffset.UTC);
            Instant until = end == null ? null : end.atStartOfDay().toInstant(ZoneOffset.UTC);
            if (until != null && !until.isAfter(from)) {
                until = from.plusSeconds(86_400);
            }
            List<String> texts = new ArrayList<>();
            texts.add(blank(s.dedicatedIp()));
            texts.addAll(List.of(blank(s.assignedIps()).split("[\\s,;]+")));
            for (String text : texts) {
                if (text.isBlank()) {
                    continue;
                }
                IpPrefix prefix;
                try {
                    prefix = IpPrefix.parse(text.strip());
                } catch (IllegalArgumentException e) {
                    issue("service-ip", s.id(), e.getMessage());
                    continue;
                }
                List<IpAssignmentRow> same = assignments.computeIfAbsent(prefix.toString(), k -> new ArrayList<>());
                if (same.stream().anyMatch(a -> a.subscriptionId() == serviceId)) {
                    continue;
                }
                Instant f = from;
                Instant u = until;
                if (same.stream()
                        .anyMatch(a -> (a.validUntil() == null || a.validUntil().isAfter(f))
                                && (u == null || u.isAfter(a.validFrom())))) {
                    issue("service-ip", s.id(), prefix + " is assigned to another service for part of that time");
                    continue;
                }
                IpAssignmentRow row = IpAssignmentRow.of(new IpAssignment(0, serviceId, prefix, from, until));
                subscriptions.insertIpAssignment(row);
                same.add(row);
                counts("service-ip").created++;
            }
        }

        /**
         * The Stripe customer (and card) of each client where WHMCS holds it readable
         * ({@code tblclients.gatewayid}: {@code cus_...}, or its JSON with customer and method), so
         * collection charges the card on file after cutover. A card set up here is never replaced.
         */
        void gateways() {
            Map<Long, MigrationKey> keys = keys("gateway");
            // the keys after all the customers' ids: the batching session sends a run of one statement as one
            // batch, and alternating the two statements sent one row per round trip (2-4 s for 4,000 clients)
            List<MigrationKey> written = new ArrayList<>();
            for (WhmcsSource.Client c : book.clients()) {
                if (blank(c.gatewayId()).isBlank()) {
                    continue;
                }
                Long customerId = customerIds.get(c.id());
                if (customerId == null) {
                    continue;
                }
                Optional<WhmcsTerms.StripeCustomer> stripe = WhmcsTerms.stripeCustomer(c.gatewayId());
                if (stripe.isEmpty()) {
                    issue(
                            "gateway",
                            c.id(),
                            "its gateway id is not a readable Stripe customer id (WHMCS keeps card tokens"
                                    + " encrypted): the customer adds a card here");
                    continue;
                }
                String fingerprint = fingerprint(stripe.get());
                MigrationKey key = keys.get(c.id());
                if (key != null && key.fingerprint().equals(fingerprint)) {
                    counts("gateway").unchanged++;
                    continue;
                }
                migration.insertGatewayCustomer(
                        customerId,
                        GATEWAY,
                        stripe.get().customerId(),
                        stripe.get().paymentMethodId(),
                        now);
                written.add(new MigrationKey(c.id(), customerId, fingerprint));
                if (key == null) {
                    counts("gateway").created++;
                } else {
                    counts("gateway").updated++;
                }
            }
            written.forEach(key -> migration.upsertKey(SOURCE, "gateway", key, now));
        }

        /**
         * WHMCS's completed product upgrades as the plan-change history of their services: the
         * service is on its new plan from the upgrade's day, each imported period line carries the
         * plan in force at its start, and WHMCS's Upgrade item is the proration charge of the new
         * plan from that day to the period's end. The invoice run rebuilds exactly that day coverage
         * from the lines, so it bills none of it again ({@code needs_billing} false). A pending
         * upgrade never took effect; configurable options and cycle changes are no plan here: listed.
         */
        void upgrades() {
            Map<Long, MigrationKey> keys = keys("upgrade");
            Map<Long, List<WhmcsSource.Upgrade>> byService = new TreeMap<>();
            for (WhmcsSource.Upgrade u : book.upgrades()) {
                String what = blank(u.type()).strip();
                ServiceRef ref = serviceRefs.get(u.relId());
                if (!"Completed".equalsIgnoreCase(blank(u.status()).strip())) {
                    note(
                            "upgrade",
                            u.id(),
                            what + " upgrade of service " + u.relId() + " ordered " + u.date()
                                    + " is pending in WHMCS (not paid): it never took effect and is not carried over");
                } else if (ref == null || u.date() == null) {
                    note("upgrade", u.id(), "its service " + u.relId() + " was not imported");
                } else if (!what.equalsIgnoreCase("package")) {
                    note(
                            "upgrade",
                            u.id(),
                            "a '" + what + "' change of service " + u.relId() + " on " + u.date()
                                    + " is no plan change here: history only (WHMCS's charge is on its invoice)");
                } else {
                    byService.computeIfAbsent(u.relId(), k -> new ArrayList<>()).add(u);
                }
            }
            for (Map.Entry<Long, List<WhmcsSource.Upgrade>> e : byService.entrySet()) {
                ServiceRef ref = serviceRefs.get(e.getKey());
                List<WhmcsSource.Upgrade> chain = e.getValue().stream()
                        .sorted(java.util.Comparator.comparing(WhmcsSource.Upgrade::date)
                                .thenComparingLong(WhmcsSource.Upgrade::id))
                        .toList();
                String refused = null;
                List<Long> from = new ArrayList<>();
                for (WhmcsSource.Upgrade u : chain) {
                    Optional<Long> product = WhmcsTerms.upgradeProduct(u.originalValue());
                    Optional<BillingCycle> cycle = WhmcsTerms.upgradeCycle(u.newValue(), u.newCycle());
                    if (product.isEmpty() || !planIds.containsKey(product.get())) {
                        refused = "its original product '"
                                + blank(u.originalValue()).strip() + "' has no plan here";
                    } else if (cycle.isPresent() && cycle.get() != ref.cycle()) {
                        refused = "it changed the cycle to " + cycle.get()
                                + ": a service here keeps its cycle (a new service would be ordered)";
                    } else {
                        from.add(planIds.get(product.get()));
                    }
                }
                if (refused != null) {
                    for (WhmcsSource.Upgrade u : chain) {
                        note("upgrade", u.id(), "history only: " + refused);
                    }
                    continue;
                }
                NavigableMap<LocalDate, Long> plans = new TreeMap<>();
                plans.put(LocalDate.MIN, from.get(0));
                for (int k = 0; k < chain.size(); k++) {
                    WhmcsSource.Upgrade u = chain.get(k);
                    long to = k + 1 < chain.size() ? from.get(k + 1) : ref.planId();
                    plans.put(u.date(), to);
                    upgradeTargets.put(u.id(), new UpgradeTarget(ref, u.date(), to));
                    if (keys.containsKey(u.id())) {
                        counts("upgrade").unchanged++;
                        continue;
                    }
                    GeneratedKey key = new GeneratedKey();
                    migration.insertHistoricalPlanChange(
                            ref.id(),
                            nz(u.amount()).signum() < 0 ? "DOWNGRADE" : "UPGRADE",
                            u.date(),
                            from.get(k),
                            to,
                            u.date().atStartOfDay().toInstant(ZoneOffset.UTC),
                            truncate(
                                    "WHMCS upgrade " + u.id() + ": charged "
                                            + nz(u.amount()).toPlainString()
                                            + " (credit " + nz(u.creditAmount()).toPlainString() + " for "
                                            + u.daysRemaining() + "/" + u.totalDays() + " days)",
                                    500),
                            key);
                    flush();
                    migration.upsertKey(SOURCE, "upgrade", new MigrationKey(u.id(), key.value(), fingerprint(u)), now);
                    counts("upgrade").created++;
                }
                serviceRefs.put(e.getKey(), ref.withPlans(plans));
            }
        }

        void credits() {
            Map<Long, MigrationKey> keys = keys("credit");
            List<MigrationKey> written = new ArrayList<>();
            for (WhmcsSource.CreditEntry e : book.credits()) {
                if (keys.containsKey(e.id())) {
                    counts("credit").unchanged++;
                    continue;
                }
                Long customerId = customerIds.get(e.clientId());
                if (customerId == null) {
                    issue("credit", e.id(), "its client " + e.clientId() + " was not imported");
                    continue;
                }
                if (e.amount() == null || e.amount().signum() == 0) {
                    counts("credit").unchanged++;
                    continue;
                }
                LocalDate date = e.date() == null ? asOf : e.date();
                ledger.insertLedgerEntry(new LedgerEntryRow(
                        customerId,
                        clientCurrencies.get(e.clientId()),
                        e.amount(),
                        e.amount().signum() > 0 ? "MANUAL" : "APPLIED",
                        "WHMCS_CREDIT",
                        e.id(),
                        truncate("WHMCS: " + blank(e.description()), 500),
                        ACTOR,
                        date.atStartOfDay().toInstant(ZoneOffset.UTC)));
                written.add(new MigrationKey(e.id(), e.id(), fingerprint(e)));
                counts("credit").created++;
            }
            // after the entries, not between them: see gateways()
            written.forEach(key -> migration.upsertKey(SOURCE, "credit", key, now));
        }

        void invoices() {
            // an imported invoice is keyed by its WHMCS id, its value in the WHMCS series (unique)
            Map<Long, MigrationMapper.HistoricalState> imported = new HashMap<>();
            migration.selectHistoricalStates(SERIES).forEach(h -> imported.put(h.sequenceValue(), h));
            Map<Long, List<WhmcsSource.InvoiceItem>> items = new HashMap<>();
            for (WhmcsSource.InvoiceItem item : book.invoiceItems()) {
                items.computeIfAbsent(item.invoiceId(), k -> new ArrayList<>()).add(item);
            }
            Map<Long, BigDecimal[]> moved = new HashMap<>();
            for (WhmcsSource.Transaction t : book.transactions()) {
                if (t.invoiceId() != 0) {
                    BigDecimal[] m = moved.computeIfAbsent(
                            t.invoiceId(), k -> new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO});
                    m[0] = m[0].add(nz(t.amountIn()));
                    m[1] = m[1].add(nz(t.amountOut()));
                }
            }
            Map<String, Integer> revisions = new HashMap<>();
            if (!imported.isEmpty()) {
                for (LineRevision r : migration.selectLineRevisions()) {
                    revisions.put(r.subscriptionId() + "/" + r.chargeKind() + "/" + r.periodStart(), r.revision() + 1);
                }
            }
            long seller = seller();
            // the numbers taken here, and those our sellers' series may issue
            Set<String> numbers = new HashSet<>(migration.selectInvoiceNumbers());
            Predicate<String> ours = invoices.selectSellers().stream()
                    .map(s -> new NumberSeriesFormat(s.invoiceSeries()).shape())
                    .reduce(Predicate::or)
                    .orElse(n -> false);
            String sellerSnapshot = migration.selectSellerSnapshot(seller);
            Map<Long, BillTo> billTo = new HashMap<>();
            migration.selectBillTo().forEach(b -> billTo.put(b.customerId(), b));
            List<PendingInvoice> chunk = new ArrayList<>();
            List<Runnable> updates = new ArrayList<>();
            for (WhmcsSource.Invoice i : book.invoices()) {
                MigrationMapper.HistoricalState here = imported.get(i.id());
                BigDecimal[] m = moved.getOrDefault(i.id(), new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO});
                BigDecimal tax = nz(i.tax()).add(nz(i.tax2()));
                BigDecimal total = nz(i.total()).add(nz(i.credit()));
                Optional<InvoiceStatus> status = WhmcsTerms.invoiceStatus(
                        i.status(), m[0].signum() > 0 || nz(i.credit()).signum() > 0);
                BigDecimal paid = WhmcsTerms.amountPaid(i.status(), total, nz(i.credit()), m[0], m[1]);
                if (here != null) {
                    invoiceIds.put(i.id(), here.id());
                    Instant paidAt = status.map(s -> paidAt(i, s)).orElse(null);
                    if (status.isPresent() && here.changedBy(status.get().name(), paid, paidAt)) {
                        updates.add(() -> migration.resettleHistoricalInvoice(
                                here.id(), status.get().name(), paid, paidAt));
                        counts("invoice").updated++;
                        if (updates.size() == CHUNK) {
                            List<Runnable> group = List.copyOf(updates);
                            writers.submit(() -> group.forEach(Runnable::run));
                            updates.clear();
                        }
                    } else if (status.isPresent()) {
                        counts("invoice").unchanged++;
                    }
                    continue;
                }
                Long customerId = customerIds.get(i.clientId());
                if (customerId == null) {
                    issue("invoice", i.id(), "its client " + i.clientId() + " was not imported");
                    continue;
                }
                if (status.isEmpty()) {
                    issue(
                            "invoice",
                            i.id(),
                            "status '" + i.status() + "' was never sent to the client: not carried over");
                    continue;
                }
                LocalDate due = i.dueDate() != null ? i.dueDate() : i.date();
                LocalDate issued = i.date() != null ? i.date() : due;
                if (due == null) {
                    issue("invoice", i.id(), "it has neither a date nor a due date");
                    continue;
                }
                List<WhmcsSource.InvoiceItem> lines = items.getOrDefault(i.id(), List.of());
                BigDecimal subtotal = lines.stream().map(x -> nz(x.amount())).reduce(BigDecimal.ZERO, BigDecimal::add);
                // its lines here, in its order (their revisions counted in the book's order), its id still to come
                List<HistoricalLine> written = new ArrayList<>(lines.size());
                for (WhmcsSource.InvoiceItem item : lines) {
                    written.add(line(0, written.size() + 1, item, revisions));
                }
                if (subtotal.add(tax).compareTo(total) != 0) {
                    note(
                            "invoice",
                            i.id(),
                            "its items (" + subtotal.toPlainString() + ") and tax (" + tax.toPlainString()
                                    + ") do not add up to its total (" + total.toPlainString()
                                    + ", credit included): imported with the items' sum");
                }
                Currency currency = clientCurrencies.get(i.clientId());
                WhmcsTerms.InvoiceNumber number = WhmcsTerms.invoiceNumber(i.id(), i.number(), numbers::contains, ours);
                numbers.add(number.number());
                number.changed().ifPresent(why -> note("invoice", i.id(), why));
                List<DunningAction> done = List.of();
                boolean open = status.get() == InvoiceStatus.ISSUED || status.get() == InvoiceStatus.PARTIALLY_PAID;
                if (open && ladder != null) {
                    done = ladder.actions(
                            new InvoiceDunningState(
                                    0,
                                    due,
                                    Money.rounded(subtotal.add(tax), currency),
                                    Money.rounded(subtotal.add(tax).subtract(paid), currency),
                                    false,
                                    false,
                                    Set.of()),
                            asOf.minusDays(1));
                }
                chunk.add(new PendingInvoice(
                        i,
                        customerId,
                        new HistoricalInvoice(
                                seller,
                                sellerSnapshot,
                                billTo.get(customerId),
                                currency.getCurrencyCode(),
                                SERIES,
                                i.id(),
                                number.number(),
                                due,
                                issued,
                                issued.atStartOfDay().toInstant(ZoneOffset.UTC),
                                subtotal,
                                tax,
                                subtotal.add(tax),
                                now,
                                status.get().name(),
                                nz(i.credit()).min(subtotal.add(tax)),
                                paid,
                                paidAt(i, status.get())),
                        written,
                        done,
                        !issued.isBefore(asOf.minusDays(30)),
                        new GeneratedKey()));
                counts("invoice").created++;
                if (chunk.size() == CHUNK) {
                    List<PendingInvoice> full = chunk;
                    writers.submit(() -> write(full));
                    chunk = new ArrayList<>();
                }
            }
            if (!chunk.isEmpty()) {
                List<PendingInvoice> last = chunk;
                writers.submit(() -> write(last));
            }
            if (!updates.isEmpty()) {
                List<Runnable> group = List.copyOf(updates);
                writers.submit(() -> group.forEach(Runnable::run));
            }
            writers.await();
        }

        /**
         * A chunk of new invoices, statement by statement (the batching executor sends each run of
         * one statement as one multi-row batch): the invoices as they ended in WHMCS (their ids back),
         * their lines and taxes, the dunning steps already passed, the emails already sent.
         */
        void write(List<PendingInvoice> chunk) {
            if (chunk.isEmpty()) {
                return;
            }
            flush();
            Connection connection = batch.getConnection();
            BulkLoad.Rows<PendingInvoice> imported = bulk.rows(
                    connection,
                    "invoice",
                    HistoricalInvoice.COLUMNS,
                    (p, rows) -> p.invoice().appendTo(rows),
                    p -> migration.insertHistoricalInvoice(p.invoice(), p.id()));
            chunk.forEach(imported::add);
            // by their numbers in the series
            writeWithIds(
                    imported,
                    chunk,
                    p -> p.invoice().sequenceValue(),
                    PendingInvoice::id,
                    (first, ids) -> migration
                            .selectIdsInSeriesFrom(SERIES, first, chunk.size())
                            .forEach(id -> ids.put(id.sequenceValue(), id.id())),
                    ids -> migration
                            .selectIdsInSeries(
                                    SERIES,
                                    chunk.stream()
                                            .map(p -> p.invoice().sequenceValue())
                                            .toList())
                            .forEach(id -> ids.put(id.sequenceValue(), id.id())));
            BulkLoad.Rows<HistoricalLine> lines = bulk.rows(
                    connection,
                    "invoice_line",
                    HistoricalLine.COLUMNS,
                    HistoricalLine::appendTo,
                    migration::insertHistoricalLine);
            for (PendingInvoice p : chunk) {
                for (HistoricalLine line : p.lines()) {
                    lines.add(line.on(p.id().value()));
                }
            }
            BulkLoad.Rows<InvoiceTaxRow> taxes = bulk.rows(
                    connection,
                    "invoice_tax",
                    InvoiceTaxRow.COLUMNS,
                    InvoiceTaxRow::appendTo,
                    t -> migration.insertHistoricalTax(
                            t.invoiceId(), t.taxName(), t.rate(), t.taxableBase(), t.taxAmount()));
            for (PendingInvoice p : chunk) {
                WhmcsSource.Invoice i = p.source();
                if (nz(i.tax()).signum() != 0) {
                    taxes.add(new InvoiceTaxRow(
                            p.id().value(), "Tax", nz(i.taxRate()), p.invoice().subtotal(), nz(i.tax())));
                }
                if (nz(i.tax2()).signum() != 0) {
                    taxes.add(new InvoiceTaxRow(
                            p.id().value(),
                            "Tax 2",
                            nz(i.taxRate2()),
                            p.invoice().subtotal(),
                            nz(i.tax2())));
                }
            }
            // the invoices are written as they ended in WHMCS, no longer drafts: their lines and taxes go in while
            // the session names the series and these invoices' ids (V34, V36), cleared before anything else is
            // written
            LongSummaryStatistics ids =
                    chunk.stream().mapToLong(p -> p.id().value()).summaryStatistics();
            historyLoad(connection, SERIES, ids.getMin(), ids.getMax());
            try {
                lines.write();
                taxes.write();
                flush();
            } finally {
                historyLoad(connection, null, null, null);
            }
            for (PendingInvoice p : chunk) {
                for (DunningAction done : p.dunningDone()) {
                    dunningSteps.insertStep(
                            p.id().value(),
                            done.key(),
                            done.kind().name(),
                            asOf,
                            "done by WHMCS before the migration",
                            now);
                }
            }
            for (PendingInvoice p : chunk) {
                if (p.emailedThere()) {
                    migration.insertSentElsewhereNotice(p.id().value(), p.customerId(), now);
                }
            }
            flush();
            // no key row: the invoice's WHMCS id is its value in the WHMCS series
            for (PendingInvoice p : chunk) {
                invoiceIds.put(p.source().id(), p.id().value());
            }
        }

        HistoricalLine line(long invoiceId, int lineNo, WhmcsSource.InvoiceItem item, Map<String, Integer> revisions) {
            ChargeKind kind = WhmcsTerms.chargeKind(item.type());
            ServiceRef service = null;
            String type = blank(item.type()).strip();
            if (type.equals("Hosting") || type.equals("Setup") || type.equals("PromoHosting")) {
                service = serviceRefs.get(item.relId());
            } else if (type.equals("Addon")) {
                service = addonRefs.get(item.relId());
            } else if (type.equals("Upgrade") && upgradeTargets.containsKey(item.relId())) {
                return upgradeLine(invoiceId, lineNo, item, upgradeTargets.get(item.relId()), revisions);
            }
            String description = truncate(
                    blank(item.description()).isBlank()
                            ? type
                            : item.description().strip(),
                    500);
            if (service == null || item.dueDate() == null) {
                return new HistoricalLine(
                        invoiceId, lineNo, null, null, kind.name(), null, null, 0, description, nz(item.amount()));
            }
            LocalDate end = kind == ChargeKind.RECURRING && service.cycle().isRecurring()
                    ? WhmcsTerms.cursor(
                            service.cycle(), service.registered(), service.prorataDay(), item.dueDate(), null)
                    : null;
            if (end != null
                    && service.cursor() != null
                    && service.cursor().isAfter(end)
                    && type.equals("Hosting")
                    && item.dueDate().equals(book.lastInvoiced().get(item.relId()))) {
                // the last item WHMCS invoiced covers up to where billing goes on here ("charge next month")
                end = service.cursor();
            }
            String slot = service.id() + "/" + kind.name() + "/" + item.dueDate();
            int revision = revisions.getOrDefault(slot, 0);
            revisions.put(slot, revision + 1);
            return new HistoricalLine(
                    invoiceId,
                    lineNo,
                    service.id(),
                    kind == ChargeKind.RECURRING ? service.planAt(item.dueDate()) : null,
                    kind.name(),
                    item.dueDate(),
                    end,
                    revision,
                    description,
                    nz(item.amount()));
        }

        /**
         * WHMCS's Upgrade item as the proration charge of the new plan, from the upgrade's day to the
         * end of the service's period that contains it: the coverage the invoice run reconciles against.
         */
        HistoricalLine upgradeLine(
                long invoiceId,
                int lineNo,
                WhmcsSource.InvoiceItem item,
                UpgradeTarget target,
                Map<String, Integer> revisions) {
            ServiceRef service = target.service();
            String description = truncate(
                    blank(item.description()).isBlank()
                            ? "Upgrade"
                            : item.description().strip(),
                    500);
            BillingPeriod period = WhmcsTerms.periodContaining(
                    service.cycle(), service.registered(), service.prorataDay(), target.day());
            if (period == null) {
                return new HistoricalLine(
                        invoiceId,
                        lineNo,
                        null,
                        null,
                        "PRORATION_CHARGE",
                        null,
                        null,
                        0,
                        description,
                        nz(item.amount()));
            }
            String slot = service.id() + "/PRORATION_CHARGE/" + period.start();
            int revision = revisions.getOrDefault(slot, 0);
            revisions.put(slot, revision + 1);
            return new HistoricalLine(
                    invoiceId,
                    lineNo,
                    service.id(),
                    target.toPlanId(),
                    "PRORATION_CHARGE",
                    period.start(),
                    period.endExclusive(),
                    revision,
                    description,
                    nz(item.amount()),
                    target.day(),
                    period.endExclusive());
        }

        Instant paidAt(WhmcsSource.Invoice i, InvoiceStatus status) {
            if (status != InvoiceStatus.PAID) {
                return null;
            }
            LocalDate day = i.paidDate() != null ? i.paidDate() : i.dueDate() != null ? i.dueDate() : asOf;
            return day.atStartOfDay().toInstant(ZoneOffset.UTC);
        }

        void transactions() {
            // the payments imported earlier: by their WHMCS id on the payment, or (imported before V35) by their keys
            Map<Long, Long> keys = new HashMap<>();
            keys("transaction").forEach((id, key) -> keys.put(id, key.targetId()));
            migration.selectImportedPaymentIds().forEach(p -> keys.put(p.sequenceValue(), p.id()));
            paymentIds.putAll(keys);
            // a refund's key is its own WHMCS id (its payment may be refunded more than once)
            Map<Long, MigrationKey> refunds = keys("refund");
            List<WhmcsSource.Transaction> chunk = new ArrayList<>();
            List<HistoricalPayment> payments = new ArrayList<>();
            List<WhmcsSource.Transaction> out = new ArrayList<>();
            // what this import's refunds take back of each payment (by its WHMCS id): a payment new here is
            // written with them, one refunded earlier is updated by them
            Map<Long, BigDecimal> refunded = new HashMap<>();
            for (WhmcsSource.Transaction t : book.transactions()) {
                if (!keys.containsKey(t.id())
                        && !refunds.containsKey(t.id())
                        && customerIds.containsKey(t.clientId())
                        && nz(t.amountIn()).signum() <= 0
                        && nz(t.amountOut()).signum() > 0
                        && t.refundId() != 0) {
                    refunded.merge(t.refundId(), nz(t.amountOut()), BigDecimal::add);
                }
            }
            Set<Long> writtenNow = new HashSet<>();
            for (WhmcsSource.Transaction t : book.transactions()) {
                if (keys.containsKey(t.id()) || refunds.containsKey(t.id())) {
                    counts("transaction").unchanged++;
                    continue;
                }
                Long customerId = customerIds.get(t.clientId());
                if (customerId == null) {
                    issue("transaction", t.id(), "its client " + t.clientId() + " was not imported");
                    continue;
                }
                BigDecimal in = nz(t.amountIn());
                if (in.signum() > 0) {
                    Long invoiceId = t.invoiceId() == 0 ? null : invoiceIds.get(t.invoiceId());
                    if (t.invoiceId() != 0 && invoiceId == null) {
                        issue("transaction", t.id(), "its invoice " + t.invoiceId() + " was not imported");
                        continue;
                    }
                    LocalDate day = t.date() == null ? asOf : t.date();
                    String reference = "WHMCS-" + t.id()
                            + (blank(t.transactionId()).isBlank()
                                    ? ""
                                    : ":" + t.transactionId().strip());
                    chunk.add(t);
                    writtenNow.add(t.id());
                    payments.add(new HistoricalPayment(
                            customerId,
                            invoiceId,
                            clientCurrencies.get(t.clientId()).getCurrencyCode(),
                            in,
                            invoiceId == null ? BigDecimal.ZERO : in,
                            WhmcsTerms.paymentMethod(t.gateway()),
                            truncate(reference, 128),
                            day,
                            day.atStartOfDay().toInstant(ZoneOffset.UTC),
                            refunded.getOrDefault(t.id(), BigDecimal.ZERO),
                            t.id()));
                    counts("transaction").created++;
                    if (chunk.size() == CHUNK) {
                        List<WhmcsSource.Transaction> full = chunk;
                        List<HistoricalPayment> fullPayments = payments;
                        writers.submit(() -> writePayments(full, fullPayments));
                        chunk = new ArrayList<>();
                        payments = new ArrayList<>();
                    }
                } else if (nz(t.amountOut()).signum() > 0) {
                    out.add(t);
                } else {
                    counts("transaction").unchanged++;
                }
            }
            if (!chunk.isEmpty()) {
                List<WhmcsSource.Transaction> last = chunk;
                List<HistoricalPayment> lastPayments = payments;
                writers.submit(() -> writePayments(last, lastPayments));
            }
            writers.await();
            // the refunds once every payment has its id: those of payments imported earlier, and their keys
            List<Runnable> refundsHere = new ArrayList<>();
            for (WhmcsSource.Transaction t : out) {
                Long payment = t.refundId() == 0 ? null : paymentIds.get(t.refundId());
                if (payment == null) {
                    issue(
                            "transaction",
                            t.id(),
                            "a refund of " + nz(t.amountOut()).toPlainString()
                                    + " not tied to an imported payment (refundid " + t.refundId() + ")");
                    continue;
                }
                if (!writtenNow.contains(t.refundId())) {
                    refundsHere.add(() -> migration.refundHistoricalPayment(payment, nz(t.amountOut())));
                }
            }
            for (WhmcsSource.Transaction t : out) {
                if (t.refundId() != 0 && paymentIds.containsKey(t.refundId())) {
                    MigrationKey key = new MigrationKey(t.id(), t.id(), fingerprint(t));
                    refundsHere.add(() -> migration.upsertKey(SOURCE, "refund", key, now));
                    counts("transaction").created++;
                }
            }
            if (!refundsHere.isEmpty()) {
                writers.submit(() -> {
                    refundsHere.forEach(Runnable::run);
                    flush();
                });
                writers.await();
            }
        }

        void writePayments(List<WhmcsSource.Transaction> chunk, List<HistoricalPayment> payments) {
            if (chunk.isEmpty()) {
                return;
            }
            flush();
            Connection connection = batch.getConnection();
            List<PendingPayment> pending = payments.stream()
                    .map(p -> new PendingPayment(p, new GeneratedKey()))
                    .toList();
            BulkLoad.Rows<PendingPayment> rows = bulk.rows(
                    connection,
                    "payment",
                    HistoricalPayment.COLUMNS,
                    (p, tsv) -> p.payment().appendTo(tsv),
                    p -> migration.insertHistoricalPayment(p.payment(), p.id()));
            pending.forEach(rows::add);
            // by method and reference (unique together)
            writeWithIds(
                    rows,
                    pending,
                    p -> p.payment().method() + "\t" + p.payment().reference(),
                    PendingPayment::id,
                    (first, ids) -> migration
                            .selectMigrationPaymentIdsFrom(first, pending.size())
                            .forEach(id -> ids.put(id.method() + "\t" + id.reference(), id.id())),
                    ids -> {
                        Map<String, List<String>> references = new TreeMap<>();
                        pending.forEach(p -> references
                                .computeIfAbsent(p.payment().method(), k -> new ArrayList<>())
                                .add(p.payment().reference()));
                        references.forEach((method, refs) -> migration
                                .selectPaymentIds(method, refs)
                                .forEach(id -> ids.put(method + "\t" + id.reference(), id.id())));
                    });
            for (int k = 0; k < chunk.size(); k++) {
                paymentIds.put(chunk.get(k).id(), pending.get(k).id().value());
            }
            flush();
        }

        /**
         * Names {@code series} (null: none) as the session's history load ({@link
         * HistoricalInvoice#HISTORY_LOAD}) and the ids of the invoices just loaded, {@code from} to {@code
         * to} ({@link HistoricalInvoice#HISTORY_FROM}), on the connection every statement of the import
         * goes through; nulls clear them.
         */
        void historyLoad(Connection connection, String series, Long from, Long to) {
            try (java.sql.PreparedStatement set = connection.prepareStatement("SET " + HistoricalInvoice.HISTORY_LOAD
                    + " = ?, " + HistoricalInvoice.HISTORY_FROM + " = ?, " + HistoricalInvoice.HISTORY_TO + " = ?")) {
                set.setString(1, series);
                set.setObject(2, from, java.sql.Types.BIGINT);
                set.setObject(3, to, java.sql.Types.BIGINT);
                set.execute();
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException("cannot set the session's history load: " + e.getMessage(), e);
            }
        }

        /**
         * Writes {@code rows} (made of {@code written}) and gives each its id. Inserted rows get theirs
         * from the batch, sent now. A load returns only the first id it generated: {@code fromFirst}
         * reads the rows from that id on into a map by their unique {@code key}; if that misses any of
         * them (another writer's rows between, or no id known), {@code byKey} looks each up instead.
         */
        <T, K> void writeWithIds(
                BulkLoad.Rows<?> rows,
                List<T> written,
                Function<T, K> key,
                Function<T, GeneratedKey> id,
                java.util.function.BiConsumer<Long, Map<K, Long>> fromFirst,
                java.util.function.Consumer<Map<K, Long>> byKey) {
            rows.write();
            if (!rows.loads()) {
                flush();
                return;
            }
            Map<K, Long> ids = new HashMap<>();
            if (rows.firstId() > 0) {
                fromFirst.accept(rows.firstId(), ids);
            }
            if (!written.stream().allMatch(w -> ids.containsKey(key.apply(w)))) {
                ids.clear();
                byKey.accept(ids);
            }
            written.forEach(w -> id.apply(w).setValue(ids.get(key.apply(w))));
        }

        List<ReconciliationLine> reconcile() {
            Map<Long, long[]> servicesHere = new HashMap<>();
            Map<Long, BigDecimal> mrrHere = new HashMap<>();
            for (RunningService r : migration.selectRunningServices()) {
                servicesHere.computeIfAbsent(r.customerId(), k -> new long[1])[0]++;
                BigDecimal monthly = r.recurringPrice() == null
                        ? BigDecimal.ZERO
                        : WhmcsTerms.monthly(r.recurringPrice(), r.cycle());
                mrrHere.merge(r.customerId(), monthly, BigDecimal::add);
            }
            Map<Long, BigDecimal> creditHere = new HashMap<>();
            List<Long> ids = List.copyOf(customerIds.values());
            for (int i = 0; i < ids.size(); i += 1000) {
                for (CreditBalance b : ledger.selectCreditBalances(ids.subList(i, Math.min(ids.size(), i + 1000)))) {
                    creditHere.merge(b.customerId(), b.balance(), BigDecimal::add);
                }
            }
            Map<Long, long[]> servicesThere = new HashMap<>();
            Map<Long, BigDecimal> mrrThere = new HashMap<>();
            for (WhmcsSource.Service s : book.services()) {
                if (WhmcsTerms.running(s.status())) {
                    countRunning(servicesThere, mrrThere, s.clientId(), s.amount(), s.cycle());
                }
            }
            Map<Long, BigDecimal> openHere = new HashMap<>();
            for (Amount a : migration.selectOpenBalances(SERIES)) {
                openHere.merge(a.key(), a.amount(), BigDecimal::add);
            }
            Map<Long, BigDecimal[]> movedByInvoice = new HashMap<>();
            for (WhmcsSource.Transaction t : book.transactions()) {
                BigDecimal[] m = movedByInvoice.computeIfAbsent(
                        t.invoiceId(), k -> new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO});
                m[0] = m[0].add(nz(t.amountIn()));
                m[1] = m[1].add(nz(t.amountOut()));
            }
            Map<Long, BigDecimal> openThere = new HashMap<>();
            Map<String, BigDecimal> yearsThere = new TreeMap<>();
            for (WhmcsSource.Invoice i : book.invoices()) {
                if (!customerIds.containsKey(i.clientId())) {
                    continue;
                }
                Optional<InvoiceStatus> status = WhmcsTerms.invoiceStatus(i.status(), false);
                if (status.isEmpty()) {
                    continue;
                }
                if (status.get() == InvoiceStatus.ISSUED) {
                    BigDecimal[] m =
                            movedByInvoice.getOrDefault(i.id(), new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO});
                    openThere.merge(i.clientId(), nz(i.total()).subtract(m[0]).add(m[1]), BigDecimal::add);
                }
                if (status.get() != InvoiceStatus.VOID) {
                    LocalDate issued = i.date() != null ? i.date() : i.dueDate();
                    yearsThere.merge(
                            clientCurrencies.get(i.clientId()).getCurrencyCode() + "/invoiced/" + issued.getYear(),
                            nz(i.total()).add(nz(i.credit())),
                            BigDecimal::add);
                }
            }
            Map<Long, WhmcsSource.Transaction> byId = new HashMap<>();
            book.transactions().forEach(t -> byId.put(t.id(), t));
            for (WhmcsSource.Transaction t : book.transactions()) {
                if (!customerIds.containsKey(t.clientId())
                        || !paymentIds.containsKey(t.id()) && nz(t.amountIn()).signum() > 0) {
                    continue;
                }
                WhmcsSource.Transaction paid = nz(t.amountIn()).signum() > 0 ? t : byId.get(t.refundId());
                if (paid == null || paid.date() == null || !paymentIds.containsKey(paid.id())) {
                    continue;
                }
                yearsThere.merge(
                        clientCurrencies.get(t.clientId()).getCurrencyCode() + "/paid/"
                                + paid.date().getYear(),
                        nz(t.amountIn()).subtract(nz(t.amountOut())),
                        BigDecimal::add);
            }
            Map<String, BigDecimal> yearsHere = new TreeMap<>();
            for (Amount a : migration.selectYearTotals(SERIES, ACTOR)) {
                yearsHere.merge(a.currency() + "/" + a.measure() + "/" + a.key(), a.amount(), BigDecimal::add);
            }
            Map<Long, WhmcsSource.Service> parents = new HashMap<>();
            book.services().forEach(x -> parents.put(x.id(), x));
            for (WhmcsSource.HostingAddon a : book.hostingAddons()) {
                if (WhmcsTerms.running(a.status())) {
                    countRunning(
                            servicesThere,
                            mrrThere,
                            addonClient(a, parents.get(a.serviceId())),
                            nz(a.recurring()),
                            a.cycle());
                }
            }
            BigDecimal zero = BigDecimal.ZERO.setScale(MoneyRounding.UNIT_PRICE_SCALE);
            List<ReconciliationLine> lines = new ArrayList<>();
            for (WhmcsSource.Client c : book.clients()) {
                Long customerId = customerIds.get(c.id());
                Currency currency = clientCurrencies.getOrDefault(c.id(), currencies.get(c.currencyId()));
                String code = currency == null ? "???" : currency.getCurrencyCode();
                long[] there = servicesThere.getOrDefault(c.id(), new long[1]);
                long[] here = customerId == null ? new long[1] : servicesHere.getOrDefault(customerId, new long[1]);
                lines.add(new ReconciliationLine(
                        c.id(),
                        customerId,
                        code,
                        "services",
                        BigDecimal.valueOf(there[0]),
                        BigDecimal.valueOf(here[0])));
                lines.add(new ReconciliationLine(
                        c.id(),
                        customerId,
                        code,
                        "mrr",
                        mrrThere.getOrDefault(c.id(), zero),
                        customerId == null ? zero : mrrHere.getOrDefault(customerId, zero)));
                lines.add(new ReconciliationLine(
                        c.id(),
                        customerId,
                        code,
                        "open",
                        customerId == null ? BigDecimal.ZERO : openThere.getOrDefault(c.id(), BigDecimal.ZERO),
                        customerId == null ? BigDecimal.ZERO : openHere.getOrDefault(customerId, BigDecimal.ZERO)));
                lines.add(new ReconciliationLine(
                        c.id(),
                        customerId,
                        code,
                        "credit",
                        c.credit() == null ? BigDecimal.ZERO : c.credit(),
                        customerId == null ? BigDecimal.ZERO : creditHere.getOrDefault(customerId, BigDecimal.ZERO)));
            }
            Set<String> years = new java.util.TreeSet<>(yearsThere.keySet());
            years.addAll(yearsHere.keySet());
            for (String year : years) {
                String[] k = year.split("/");
                lines.add(new ReconciliationLine(
                        0,
                        null,
                        k[0],
                        k[1] + " " + k[2],
                        yearsThere.getOrDefault(year, BigDecimal.ZERO),
                        yearsHere.getOrDefault(year, BigDecimal.ZERO)));
            }
            return lines;
        }

        /**
         * One running service or add-on in WHMCS's column: counted, and its monthly equivalent
         * added (an amount on a cycle this system does not bill counts whole, so it shows).
         */
        void countRunning(
                Map<Long, long[]> services, Map<Long, BigDecimal> mrr, long clientId, BigDecimal amount, String cycle) {
            services.computeIfAbsent(clientId, k -> new long[1])[0]++;
            mrr.merge(
                    clientId,
                    WhmcsTerms.cycle(cycle)
                            .map(c -> WhmcsTerms.monthly(amount, c))
                            .orElse(amount),
                    BigDecimal::add);
        }

        long seller() {
            return invoices.selectSellers().stream()
                    .filter(s -> s.code().equals(sellerCode))
                    .map(SellerEntity::id)
                    .findFirst()
                    .orElseThrow(() -> new BillingRuleViolation(
                            "no seller entity " + sellerCode + " to sell WHMCS's products (add it with `seller add`)"));
        }
    }

    /** A payment to write, and its id once written. */
    private record PendingPayment(HistoricalPayment payment, GeneratedKey id) {}

    /** A new invoice on its way in: what is written for it once its chunk is full. */
    private record PendingInvoice(
            WhmcsSource.Invoice source,
            long customerId,
            HistoricalInvoice invoice,
            List<HistoricalLine> lines,
            List<DunningAction> dunningDone,
            boolean emailedThere,
            GeneratedKey id) {}

    /** What an invoice line of a WHMCS service needs of it here. */
    /** An imported service as its invoice lines need it; {@code cursor}: where its billing goes on here. */
    private record ServiceRef(
            long id,
            long planId,
            BillingCycle cycle,
            LocalDate registered,
            Integer prorataDay,
            LocalDate cursor,
            NavigableMap<LocalDate, Long> plans) {

        ServiceRef(
                long id, long planId, BillingCycle cycle, LocalDate registered, Integer prorataDay, LocalDate cursor) {
            this(id, planId, cycle, registered, prorataDay, cursor, null);
        }

        ServiceRef withId(long serviceId) {
            return new ServiceRef(serviceId, planId, cycle, registered, prorataDay, cursor, plans);
        }

        /** With the plans WHMCS's upgrades put it on: the plan from each date on (the first from the start). */
        ServiceRef withPlans(NavigableMap<LocalDate, Long> byDate) {
            return new ServiceRef(id, planId, cycle, registered, prorataDay, cursor, byDate);
        }

        /** The plan the service was on on {@code day}. */
        long planAt(LocalDate day) {
            if (plans == null || plans.floorEntry(day) == null) {
                return planId;
            }
            return plans.floorEntry(day).getValue();
        }
    }

    /** A WHMCS upgrade as a plan change here: its service, day and the plan it moved to. */
    private record UpgradeTarget(ServiceRef service, LocalDate day, long toPlanId) {}

    /** An add-on's client: its own column, else its parent service's. */
    static long addonClient(WhmcsSource.HostingAddon a, WhmcsSource.Service parent) {
        return a.clientId() != 0 ? a.clientId() : parent == null ? 0 : parent.clientId();
    }

    private static BigDecimal nz(BigDecimal v) {
        return v == null ? BigDecimal.ZERO : v;
    }

    /** The group a WHMCS client group becomes: {@code whmcs-<id>-<name as a slug>}, at most 64 characters. */
    static String groupCode(WhmcsSource.ClientGroup g) {
        String slug = blank(g.name())
                .toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z0-9]+", "-")
                .replaceAll("(^-+|-+$)", "");
        String code = "whmcs-" + g.id() + (slug.isEmpty() ? "" : "-" + slug);
        return code.length() > 64 ? code.substring(0, 64).replaceAll("-+$", "") : code;
    }

    private static String fingerprint(Object... parts) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (Object part : parts) {
                digest.update(RecordText.of(part).getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 0);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String blank(String s) {
        return s == null ? "" : s;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static String truncate(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
