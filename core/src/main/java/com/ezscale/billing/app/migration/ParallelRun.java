package com.ezscale.billing.app.migration;

import com.ezscale.billing.app.BillingProperties;
import com.ezscale.billing.app.invoice.BillingInputs;
import com.ezscale.billing.audit.db.AuditMapper;
import com.ezscale.billing.dunning.DunningSchedule;
import com.ezscale.billing.invoice.ChargeKind;
import com.ezscale.billing.invoice.CustomerBillingInput;
import com.ezscale.billing.invoice.DraftInvoice;
import com.ezscale.billing.invoice.GenerationResult;
import com.ezscale.billing.invoice.InvoiceGenerator;
import com.ezscale.billing.invoice.ProposedLine;
import com.ezscale.billing.migration.ParallelComparison;
import com.ezscale.billing.migration.ParallelComparison.Row;
import com.ezscale.billing.migration.db.ParallelRunMapper;
import com.ezscale.billing.migration.db.ParallelRunMapper.ComparedInvoice;
import com.ezscale.billing.migration.db.ParallelRunMapper.ComparedLine;
import com.ezscale.billing.migration.db.ParallelRunMapper.ComparedTax;
import com.ezscale.billing.migration.db.ParallelRunMapper.ReportLine;
import com.ezscale.billing.migration.db.ParallelRunMapper.RuleCount;
import com.ezscale.billing.migration.db.ParallelRunMapper.RunRow;
import com.ezscale.billing.migration.db.ParallelRunMapper.ServiceState;
import com.ezscale.billing.migration.db.ParallelRunMapper.ShadowInvoice;
import com.ezscale.billing.migration.db.ParallelRunMapper.ShadowLine;
import com.ezscale.billing.money.Money;
import com.ezscale.billing.persistence.GeneratedKey;
import com.ezscale.billing.rules.BillingRuleViolation;
import com.ezscale.billing.subscription.Subscription;
import com.ezscale.billing.tax.TaxDecision;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.mybatis.spring.SqlSessionTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The 30-day parallel operation with WHMCS. Each night ({@code parallel-run}, or its Quartz
 * schedule): the WHMCS book is imported again (deltas; every imported customer is "shadow", so our
 * invoice run, dunning and collection leave them to WHMCS), then every WHMCS invoice issued since the
 * comparison began is set beside what our rules bill for the same services and periods, line by line,
 * and what our run would bill that WHMCS has not invoiced by the period's start is listed. Our side
 * lives in {@code shadow_invoice}/{@code shadow_line} only: never the invoice table, a number, an email
 * or a charge. {@code cutover} ends it once finance accepts the differences.
 */
@Service
public class ParallelRun {

    /** Days far enough ahead that every running service counts as due (the comparison sets its own cursors). */
    private static final LocalDate EVERY_SERVICE = LocalDate.of(9999, 12, 31);

    private static final int PAGE = 200;

    private static final Pattern CREDENTIAL = Pattern.compile("(?i)(?<=[?&;])(user|password)=[^&;]*[&;]?");

    /** One night's outcome. */
    public record Report(
            long runId,
            LocalDate asOf,
            LocalDate compareFrom,
            WhmcsImport.Report imported,
            int compared,
            int proposedOnly,
            int pending,
            int shadowCustomers,
            List<RuleCount> rules,
            List<ReportLine> differences) {

        public int differingLines() {
            return rules.stream()
                    .filter(r -> !r.rule().equals("SAME"))
                    .mapToInt(RuleCount::lines)
                    .sum();
        }

        public String text() {
            StringBuilder out = new StringBuilder();
            out.append("Parallel run #")
                    .append(runId)
                    .append(" with WHMCS as of ")
                    .append(asOf)
                    .append(": ")
                    .append(shadowCustomers)
                    .append(
                            " customer(s) billed by WHMCS, proposed for here (never invoiced, numbered, emailed or charged)\n");
            out.append("  WHMCS invoices compared: ")
                    .append(compared)
                    .append(" (issued from ")
                    .append(compareFrom)
                    .append(")\n");
            out.append("  lines by rule (count, ours - WHMCS):");
            if (rules.isEmpty()) {
                out.append(" none yet");
            }
            for (RuleCount r : rules) {
                out.append("  ")
                        .append(r.rule())
                        .append(' ')
                        .append(r.lines())
                        .append(" (")
                        .append(ParallelComparison.plain(r.difference()))
                        .append(')');
            }
            out.append('\n');
            out.append("  billed here but not by WHMCS by the period's start: ")
                    .append(proposedOnly)
                    .append(" line(s); due within the invoicing look-ahead, not invoiced by WHMCS yet: ")
                    .append(pending)
                    .append('\n');
            if (differences.isEmpty()) {
                out.append("  no differences\n");
            } else {
                out.append("  differences (").append(differingLines()).append("):\n");
                for (ReportLine d : differences) {
                    out.append(String.format(
                            "    customer %d, %s %s: %s %s  WHMCS %s, here %s, %s  %s: %s%n",
                            d.customerId(),
                            d.whmcsNumber() == null ? "proposed" : "WHMCS invoice " + d.whmcsNumber(),
                            d.issueDate(),
                            d.description(),
                            d.currency(),
                            d.whmcsAmount() == null ? "-" : ParallelComparison.plain(d.whmcsAmount()),
                            d.ourAmount() == null ? "-" : ParallelComparison.plain(d.ourAmount()),
                            ParallelComparison.plain(d.difference()),
                            d.rule(),
                            d.explanation()));
                }
            }
            return out.toString();
        }
    }

    /** What cutover did. */
    public record Cutover(Report lastNight, int customers, int acceptedDifferences) {
        public String text() {
            return lastNight.text() + "Cutover as of " + lastNight.asOf() + ": " + customers
                    + " customer(s) are billed here from now on; WHMCS must stop billing them."
                    + (acceptedDifferences > 0 ? " " + acceptedDifferences + " differing line(s) accepted." : "")
                    + "\n";
        }
    }

    private final WhmcsImport importer;
    private final ParallelRunMapper mapper;
    private final AuditMapper audit;
    private final SqlSessionTemplate session;
    private final BillingProperties properties;
    private final TransactionTemplate tx;
    private final Clock clock;

    public ParallelRun(
            WhmcsImport importer,
            ParallelRunMapper mapper,
            AuditMapper audit,
            SqlSessionTemplate session,
            BillingProperties properties,
            PlatformTransactionManager transactionManager,
            Clock clock) {
        this.importer = importer;
        this.mapper = mapper;
        this.audit = audit;
        this.session = session;
        this.properties = properties;
        this.tx = new TransactionTemplate(transactionManager);
        this.clock = clock;
    }

    /** The open parallel period, if any. */
    public RunRow open() {
        return mapper.selectOpenRun();
    }

    /**
     * One night of the parallel run as of {@code asOf}: starts the period the first time
     * ({@code source} required then; {@code compareFrom}, default {@code asOf}, is the first WHMCS
     * invoice date compared), imports, compares. Rerun with the same date, it gives the same result.
     */
    public Report night(String source, LocalDate asOf, LocalDate compareFrom, String actor, DunningSchedule dunning) {
        if (asOf == null) {
            throw new BillingRuleViolation("a parallel run needs --as-of");
        }
        RunRow run = tx.execute(status -> start(source, asOf, compareFrom));
        String url = source != null ? source : run.source();
        WhmcsImport.Report imported = importer.run(url, asOf, false, actor, dunning);
        return tx.execute(status -> compare(run, asOf, imported, actor));
    }

    /**
     * Ends the parallel run as of {@code asOf}: a last night (import and comparison), then, if no line
     * differs or finance accepts them, every customer is billed here from now on, and a last import
     * (no longer shadow) brings the Stripe customers WHMCS holds.
     */
    public Cutover cutover(
            String source, LocalDate asOf, boolean acceptDifferences, String actor, DunningSchedule dunning) {
        RunRow open = mapper.selectOpenRun();
        if (open == null) {
            throw new BillingRuleViolation("no parallel run is open (start one with parallel-run)");
        }
        Report last = night(source, asOf, null, actor, dunning);
        int differing = last.differingLines();
        if (differing > 0 && !acceptDifferences) {
            throw new BillingRuleViolation(differing + " line(s) differ from WHMCS (listed above by `parallel-run`):"
                    + " finance accepts them with --accept-differences");
        }
        int customers = tx.execute(status -> {
            int n = mapper.countShadowCustomers();
            mapper.clearShadow();
            mapper.closeRun(open.id(), asOf, actor, differing);
            audit.insert(
                    clock.instant(),
                    actor,
                    "migration.cutover",
                    "parallel run " + open.id(),
                    "cutover as of " + asOf + ": " + n + " customer(s) billed here from now on; " + differing
                            + " differing line(s) accepted");
            return n;
        });
        importer.run(source != null ? source : open.source(), asOf, false, actor, dunning);
        return new Cutover(last, customers, differing);
    }

    private RunRow start(String source, LocalDate asOf, LocalDate compareFrom) {
        RunRow open = mapper.selectOpenRun();
        if (open == null) {
            RunRow latest = mapper.selectLatestRun();
            if (latest != null) {
                throw new BillingRuleViolation("the parallel run ended at cutover on " + latest.cutoverOn()
                        + ": WHMCS no longer bills these customers");
            }
            if (source == null || source.isBlank()) {
                throw new BillingRuleViolation("the first parallel run needs --source (the WHMCS database)");
            }
            LocalDate from = compareFrom == null ? asOf : compareFrom;
            if (from.isAfter(asOf)) {
                throw new BillingRuleViolation("--compare-from " + from + " is after --as-of " + asOf);
            }
            GeneratedKey key = new GeneratedKey();
            mapper.insertRun(new RunRow(0, withoutCredentials(source), asOf, from, asOf, null, null, null), key);
            return new RunRow(key.value(), withoutCredentials(source), asOf, from, asOf, null, null, null);
        }
        if (asOf.isBefore(open.lastAsOf())) {
            throw new BillingRuleViolation("the parallel run is already as of " + open.lastAsOf()
                    + ": it goes forward (rerun " + open.lastAsOf() + " or a later day)");
        }
        if (compareFrom != null && !compareFrom.equals(open.compareFrom())) {
            throw new BillingRuleViolation(
                    "--compare-from is set when the parallel run starts (it compares from " + open.compareFrom() + ")");
        }
        mapper.updateLastAsOf(open.id(), asOf);
        return open;
    }

    /** The JDBC URL as stored: user and password are left to the environment. */
    static String withoutCredentials(String url) {
        String stripped = CREDENTIAL.matcher(url).replaceAll("");
        return stripped.endsWith("?") || stripped.endsWith("&") || stripped.endsWith(";")
                ? stripped.substring(0, stripped.length() - 1)
                : stripped;
    }

    private Report compare(RunRow run, LocalDate asOf, WhmcsImport.Report imported, String actor) {
        BillingInputs inputs = BillingInputs.on(session, properties);
        InvoiceGenerator generator = inputs.generator();
        // the whole window again: a rule or price finance changed since shows at once
        mapper.deleteComparison(run.id());
        List<ComparedInvoice> invoices = mapper.selectInvoicesToCompare(WhmcsImport.SERIES, run.compareFrom(), asOf);
        for (int k = 0; k < invoices.size(); k += PAGE) {
            List<ComparedInvoice> chunk = invoices.subList(k, Math.min(invoices.size(), k + PAGE));
            List<Long> ids = chunk.stream().map(ComparedInvoice::invoiceId).toList();
            Map<Long, List<ComparedLine>> lines = new HashMap<>();
            for (ComparedLine l : mapper.selectLinesOf(ids)) {
                lines.computeIfAbsent(l.invoiceId(), x -> new ArrayList<>()).add(l);
            }
            Map<Long, String> whmcsTaxes = new HashMap<>();
            // a customer's billing input is read once per chunk, whatever the number of its invoices
            Map<Long, List<CustomerBillingInput>> loaded = new HashMap<>();
            for (ComparedTax t : mapper.selectTaxesOf(ids)) {
                whmcsTaxes.merge(
                        t.invoiceId(),
                        t.name() + " " + t.rate().stripTrailingZeros().toPlainString() + "%",
                        (a, b) -> a + " + " + b);
            }
            for (ComparedInvoice invoice : chunk) {
                compareOne(
                        run,
                        asOf,
                        invoice,
                        lines.getOrDefault(invoice.invoiceId(), List.of()),
                        whmcsTaxes.getOrDefault(invoice.invoiceId(), "no tax"),
                        loaded,
                        inputs,
                        generator);
            }
        }
        int[] proposed = proposeOnlyHere(run, asOf, inputs, generator);
        audit.insert(
                clock.instant(),
                actor,
                "migration.parallel-run",
                "parallel run " + run.id(),
                "as of " + asOf + ": " + invoices.size() + " WHMCS invoice(s) compared, " + proposed[0]
                        + " line(s) billed here only");
        return new Report(
                run.id(),
                asOf,
                run.compareFrom(),
                imported,
                invoices.size(),
                proposed[0],
                proposed[1],
                mapper.countShadowCustomers(),
                mapper.selectRuleCounts(run.id()),
                mapper.selectDifferences(run.id(), 500));
    }

    /** One WHMCS invoice beside what our rules bill for its services and periods. */
    private void compareOne(
            RunRow run,
            LocalDate asOf,
            ComparedInvoice invoice,
            List<ComparedLine> lines,
            String whmcsTaxes,
            Map<Long, List<CustomerBillingInput>> loaded,
            BillingInputs inputs,
            InvoiceGenerator generator) {
        Currency currency = Currency.getInstance(invoice.currency());
        List<ParallelComparison.WhmcsLine> whmcs = new ArrayList<>();
        Map<Long, LocalDate> first = new LinkedHashMap<>();
        Map<Long, LocalDate> last = new HashMap<>();
        for (ComparedLine l : lines) {
            whmcs.add(new ParallelComparison.WhmcsLine(
                    l.subscriptionId(),
                    ChargeKind.valueOf(l.chargeKind()),
                    l.subscriptionId() == null ? null : l.periodStart(),
                    l.description(),
                    l.amount()));
            if (l.subscriptionId() != null && l.periodStart() != null) {
                // the last day the item covers: a period that starts by then is on this invoice
                LocalDate through = l.periodEnd() != null && l.periodEnd().isAfter(l.periodStart())
                        ? l.periodEnd().minusDays(1)
                        : l.periodStart();
                first.merge(l.subscriptionId(), l.periodStart(), (a, b) -> a.isBefore(b) ? a : b);
                last.merge(l.subscriptionId(), through, (a, b) -> a.isAfter(b) ? a : b);
            }
        }
        List<ProposedLine> ours = List.of();
        BigDecimal ourTax = BigDecimal.ZERO;
        boolean taxIncluded = false;
        String ourTaxes = "no tax";
        Map<Long, String> notBilledHere = new HashMap<>();
        try {
            if (!first.isEmpty()) {
                List<CustomerBillingInput> page =
                        loaded.computeIfAbsent(invoice.customerId(), id -> inputs.page(0, EVERY_SERVICE, 1, id, null));
                Map<Long, Subscription> services = new HashMap<>();
                if (!page.isEmpty()) {
                    page.get(0).subscriptions().forEach(s -> services.put(s.id(), s));
                }
                for (ServiceState s : mapper.selectServiceStates(first.keySet())) {
                    if (!services.containsKey(s.id())) {
                        notBilledHere.put(
                                s.id(),
                                "the service is " + s.status() + " here (" + s.cycle()
                                        + "): no period of it is billed");
                    }
                }
                Map<Long, LocalDate> cursors = new LinkedHashMap<>(first);
                cursors.keySet().retainAll(services.keySet());
                if (!cursors.isEmpty()) {
                    LocalDate generateOn = null;
                    for (Map.Entry<Long, LocalDate> c : cursors.entrySet()) {
                        int before = properties
                                .generatorSettings()
                                .daysBefore(services.get(c.getKey()).cycle());
                        LocalDate on = last.get(c.getKey()).minusDays(before);
                        generateOn = generateOn == null || on.isAfter(generateOn) ? on : generateOn;
                    }
                    GenerationResult result =
                            generator.generate(ParallelComparison.asIf(page.get(0), cursors), generateOn);
                    List<ProposedLine> all = new ArrayList<>();
                    for (DraftInvoice d : result.drafts()) {
                        all.addAll(d.lines());
                        ourTax = ourTax.add(d.taxTotal().amount());
                        taxIncluded = d.pricesIncludeTax();
                        ourTaxes = describe(d.tax());
                    }
                    ours = ParallelComparison.within(all, last);
                }
            }
        } catch (RuntimeException e) {
            // one customer's refusal is that invoice's finding, never the night's end
            whmcs.forEach(w -> {
                if (w.subscriptionId() != null) {
                    notBilledHere.put(w.subscriptionId(), "our rules refused to bill it: " + e.getMessage());
                }
            });
            ours = List.of();
            ourTax = BigDecimal.ZERO;
        }
        List<Row> rows = ParallelComparison.compare(
                currency,
                whmcs,
                invoice.taxTotal(),
                ours,
                ourTax,
                notBilledHere,
                "WHMCS: " + whmcsTaxes + "; here: " + ourTaxes);
        Money ourLines = ours.stream().map(ProposedLine::amount).reduce(Money.zero(currency), Money::plus);
        BigDecimal subtotal = taxIncluded ? ourLines.amount().subtract(ourTax) : ourLines.amount();
        store(
                new ShadowInvoice(
                        run.id(),
                        invoice.customerId(),
                        invoice.invoiceId(),
                        invoice.number(),
                        invoice.issueDate(),
                        asOf,
                        invoice.currency(),
                        invoice.total(),
                        subtotal,
                        ourTax,
                        subtotal.add(ourTax),
                        (int) rows.stream().filter(Row::differs).count()),
                rows);
    }

    /**
     * What our run would bill the shadow customers tonight that WHMCS has not invoiced: a period
     * already started (a difference), or due within the look-ahead (pending: WHMCS may still invoice
     * it). Returns {lines listed, lines pending}.
     */
    private int[] proposeOnlyHere(RunRow run, LocalDate asOf, BillingInputs inputs, InvoiceGenerator generator) {
        int listed = 0;
        int pending = 0;
        long after = 0;
        LocalDate horizon = asOf.plusDays(properties.maxDaysBefore());
        while (true) {
            List<CustomerBillingInput> page = inputs.page(after, horizon, PAGE, null, true);
            if (page.isEmpty()) {
                break;
            }
            for (CustomerBillingInput input : page) {
                after = input.customer().id();
                GenerationResult result;
                try {
                    result = generator.generate(input, asOf);
                } catch (RuntimeException e) {
                    continue; // the comparison of its WHMCS invoices names the refusal
                }
                for (DraftInvoice draft : result.drafts()) {
                    List<ProposedLine> started = new ArrayList<>();
                    for (ProposedLine l : draft.lines()) {
                        if (l.period() != null && l.period().start().isAfter(asOf)) {
                            pending++;
                        } else if (l.amount().amount().signum() != 0) {
                            started.add(l);
                        }
                    }
                    if (started.isEmpty()) {
                        continue;
                    }
                    List<Row> rows = ParallelComparison.compare(
                                    draft.currency(), List.of(), BigDecimal.ZERO, started, BigDecimal.ZERO, Map.of())
                            .stream()
                            .map(r -> r.rule() != ParallelComparison.Rule.PERIOD
                                    ? r
                                    : new Row(
                                            r.subscriptionId(),
                                            r.kind(),
                                            r.periodStart(),
                                            r.description(),
                                            r.whmcs(),
                                            r.ours(),
                                            r.rule(),
                                            "our run bills this period (from " + r.periodStart()
                                                    + "); WHMCS had not invoiced it by its start"))
                            .toList();
                    Money sum = started.stream()
                            .map(ProposedLine::amount)
                            .reduce(Money.zero(draft.currency()), Money::plus);
                    store(
                            new ShadowInvoice(
                                    run.id(),
                                    input.customer().id(),
                                    null,
                                    null,
                                    asOf,
                                    asOf,
                                    draft.currency().getCurrencyCode(),
                                    null,
                                    sum.amount(),
                                    BigDecimal.ZERO,
                                    sum.amount(),
                                    rows.size()),
                            rows);
                    listed += rows.size();
                }
            }
        }
        return new int[] {listed, pending};
    }

    private void store(ShadowInvoice invoice, List<Row> rows) {
        GeneratedKey key = new GeneratedKey();
        mapper.insertShadowInvoice(invoice, key);
        int no = 0;
        for (Row r : rows) {
            mapper.insertShadowLine(new ShadowLine(
                    key.value(),
                    ++no,
                    r.subscriptionId(),
                    r.kind() == null ? null : r.kind().name(),
                    r.periodStart(),
                    truncate(r.description(), 500),
                    r.whmcs(),
                    r.ours(),
                    r.difference(),
                    r.rule().name(),
                    truncate(r.explanation(), 1000)));
        }
    }

    /** The tax decision here as the comparison states it. */
    static String describe(TaxDecision tax) {
        switch (tax.mode()) {
            case NONE:
                return "no tax rule for the customer's country and region";
            case EXEMPT:
                return "the customer is tax exempt";
            case REVERSE_CHARGE:
                return "reverse charge (a business with a VAT number in another EU state)";
            default:
                return tax.name() + " " + tax.ratePercent().stripTrailingZeros().toPlainString()
                        + "% (one rate per country and region: WHMCS's level-2 rates are not carried over)";
        }
    }

    private static String truncate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }
}
