package com.ezscale.billing.reports.finance;

import com.ezscale.billing.app.fx.FxRates;
import com.ezscale.billing.persistence.replica.ReplicaReads;
import com.ezscale.billing.report.MrrMovements;
import com.ezscale.billing.report.db.AgingRow;
import com.ezscale.billing.report.db.CreditNoteReportRow;
import com.ezscale.billing.report.db.DeferredRow;
import com.ezscale.billing.report.db.DunningReportRow;
import com.ezscale.billing.report.db.MrrRow;
import com.ezscale.billing.report.db.PaymentReportRow;
import com.ezscale.billing.report.db.ProfitAndLossRow;
import com.ezscale.billing.report.db.ReportMapper;
import com.ezscale.billing.report.db.RevenueRow;
import com.ezscale.billing.report.db.ReverseChargeRow;
import com.ezscale.billing.report.db.TaxReportRow;
import com.ezscale.billing.reports.finance.Report.Column;
import com.ezscale.billing.reports.finance.Report.Kind;
import com.ezscale.billing.reports.finance.Report.Role;
import com.ezscale.billing.reports.finance.Report.Table;
import com.ezscale.billing.rules.BillingRuleViolation;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import org.springframework.stereotype.Service;

/**
 * The finance pack: each report read from the ledger by the database ({@link ReportMapper}), one
 * table per currency (no conversion: amounts of two currencies are never added), with its totals.
 */
@Service
public class FinanceReports {

    /** The reports by name, as {@code report NAME} takes them. */
    public static final Map<String, String> NAMES = new LinkedHashMap<>();

    static {
        NAMES.put("aging", "open receivables on --as-of by customer: current, 1-30, 31-60, 61-90, 90+ days past due");
        NAMES.put("revenue", "invoiced, credited and net (before tax) by month, product and plan, --from to --to");
        NAMES.put("tax", "tax by jurisdiction and rate, and reverse-charge net amounts by customer VAT number");
        NAMES.put("payments", "payments and refunds by day and method, with disputes");
        NAMES.put("credit-notes", "every credit note issued: what it credits, why, how it was settled");
        NAMES.put("dunning", "dunning steps by kind, late fees and suspensions per month");
        NAMES.put("pnl", "per month: invoiced, late fees, credit notes, net revenue, refunds, cash received");
        NAMES.put(
                "deferred",
                "revenue recognised day by day over each invoiced period, the deferred balance at each month end");
        NAMES.put("usage", "services by 95th percentile and transfer (latest ratings), and the threshold events");
        NAMES.put("leak", "the revenue leak: traffic no service owned, by day and prefix");
        NAMES.put("mrr", "MRR and ARR at each month end with new, reactivation, expansion, contraction, churn");
    }

    private final ReportMapper reports;
    private final FxRates fxRates;
    private final Clock clock;
    private final ReplicaReads reads;

    public FinanceReports(ReportMapper reports, FxRates fxRates, Clock clock, ReplicaReads reads) {
        this.reports = reports;
        this.fxRates = fxRates;
        this.clock = clock;
        this.reads = reads;
    }

    /**
     * Takes {@code asOf}'s MRR snapshot (the nightly's step): once per day, never recomputed, so the
     * history survives later corrections. Returns the customers with MRR, or 0 when the day was taken.
     */
    public int snapshotMrr(LocalDate asOf) {
        if (reports.selectMrrDayTaken(asOf)) {
            return 0;
        }
        int customers = reports.insertMrrSnapshot(asOf);
        reports.insertMrrDay(asOf, customers, clock.instant());
        return customers;
    }

    /**
     * Deferred revenue: each line's amount is recognised evenly over the days of its period (a line
     * without one, or the days before its invoice was issued, at issue), a credit note line likewise
     * over the line it credits. At each month end, the deferred balance is what was invoiced net for
     * days still to come; the month's recognised revenue is the balance before, plus the month's
     * invoiced net, less the balance after. So recognised + deferred = invoiced net at every month end.
     */
    public Report deferred(LocalDate from, LocalDate to) {
        Map<String, Map<String, BigDecimal>> invoicedNet = new TreeMap<>();
        for (RevenueRow r : reports.selectRevenue(from.withDayOfMonth(1), to)) {
            invoicedNet.computeIfAbsent(r.currency(), k -> new TreeMap<>()).merge(r.month(), r.net(), BigDecimal::add);
        }
        List<LocalDate> ends = new ArrayList<>();
        for (LocalDate m = from.withDayOfMonth(1); !m.isAfter(to); m = m.plusMonths(1)) {
            LocalDate end = m.plusMonths(1).minusDays(1);
            ends.add(end.isAfter(to) ? to : end);
        }
        Map<String, Map<LocalDate, BigDecimal>> deferred = new TreeMap<>();
        LocalDate opening = from.withDayOfMonth(1).minusDays(1);
        for (LocalDate day : java.util.stream.Stream.concat(java.util.stream.Stream.of(opening), ends.stream())
                .toList()) {
            for (DeferredRow d : reports.selectDeferred(day)) {
                deferred.computeIfAbsent(d.currency(), k -> new TreeMap<>()).put(day, d.deferred());
            }
        }
        Set<String> currencies = new java.util.TreeSet<>(invoicedNet.keySet());
        currencies.addAll(deferred.keySet());
        List<Column> columns = List.of(
                new Column("Month", Kind.TEXT, 9),
                new Column("Month end", Kind.DATE, 11),
                new Column("Deferred at start", Kind.MONEY, 15).as(Role.POINT),
                new Column("Invoiced (net)", Kind.MONEY, 15),
                new Column("Recognised", Kind.MONEY, 15),
                new Column("Deferred at end", Kind.MONEY, 15).as(Role.POINT));
        List<Table> tables = new ArrayList<>();
        for (String currency : currencies) {
            Map<LocalDate, BigDecimal> balances = deferred.getOrDefault(currency, Map.of());
            BigDecimal before = balances.getOrDefault(opening, BigDecimal.ZERO);
            BigDecimal openingBalance = before;
            BigDecimal invoicedTotal = BigDecimal.ZERO;
            BigDecimal recognisedTotal = BigDecimal.ZERO;
            List<Object[]> rows = new ArrayList<>();
            for (LocalDate end : ends) {
                String month = end.toString().substring(0, 7);
                BigDecimal invoiced =
                        invoicedNet.getOrDefault(currency, Map.of()).getOrDefault(month, BigDecimal.ZERO);
                BigDecimal after = balances.getOrDefault(end, BigDecimal.ZERO);
                BigDecimal recognised = before.add(invoiced).subtract(after);
                rows.add(new Object[] {month, end, before, invoiced, recognised, after});
                invoicedTotal = invoicedTotal.add(invoiced);
                recognisedTotal = recognisedTotal.add(recognised);
                before = after;
            }
            tables.add(new Table("Deferred " + currency, currency, columns, rows, new Object[] {
                "Total", null, openingBalance, invoicedTotal, recognisedTotal, before
            }));
        }
        return new Report(
                "deferred",
                "Deferred revenue",
                from + " to " + to,
                tables,
                List.of("Before tax. A line's amount is recognised evenly over the days of its service period, never"
                        + " before its invoice was issued; a credit note line over the line it credits."
                        + " Recognised + deferred at the end = deferred at the start + invoiced net."));
    }

    public Report usage(LocalDate from, LocalDate to) {
        List<Column> columns = List.of(
                new Column("Service", Kind.INTEGER, 8),
                new Column("Label", Kind.TEXT, 18),
                new Column("Customer", Kind.TEXT, 20),
                new Column("Period", Kind.DATE, 11),
                new Column("Rev", Kind.INTEGER, 4),
                new Column("p95 in Mbit/s", Kind.NUMBER, 10),
                new Column("p95 out Mbit/s", Kind.NUMBER, 10),
                new Column("Billed Mbit/s", Kind.NUMBER, 10),
                new Column("Commit Mbit/s", Kind.NUMBER, 10),
                new Column("Overage Mbit/s", Kind.NUMBER, 10),
                new Column("Transfer GB", Kind.NUMBER, 11),
                new Column("Quota used", Kind.NUMBER, 11),
                new Column("Quota", Kind.NUMBER, 11));
        List<Object[]> rows = reports.selectUsage(from, to).stream()
                .map(r -> new Object[] {
                    r.subscriptionId(),
                    r.label(),
                    r.customerName(),
                    r.periodStart(),
                    r.revision(),
                    com.ezscale.billing.reports.pdf.DocumentLayout.mbps(r.p95InBytes()),
                    com.ezscale.billing.reports.pdf.DocumentLayout.mbps(r.p95OutBytes()),
                    r.billedMbps(),
                    r.commitMbps(),
                    r.overageMbps(),
                    BigDecimal.valueOf(r.bytesIn() + r.bytesOut()).movePointLeft(9),
                    r.usedUnits(),
                    r.includedUnits()
                })
                .toList();
        Object[] usageTotals = new Object[columns.size()];
        usageTotals[0] = "Total " + rows.size();
        usageTotals[10] = rows.stream().map(r -> (BigDecimal) r[10]).reduce(BigDecimal.ZERO, BigDecimal::add);
        List<Column> eventColumns = List.of(
                new Column("Service", Kind.INTEGER, 8),
                new Column("Label", Kind.TEXT, 18),
                new Column("Customer", Kind.TEXT, 22),
                new Column("Period", Kind.DATE, 11),
                new Column("Measure", Kind.TEXT, 12),
                new Column("Level %", Kind.INTEGER, 8),
                new Column("Observed", Kind.NUMBER, 12),
                new Column("Threshold", Kind.NUMBER, 12),
                new Column("When", Kind.TEXT, 20));
        List<Object[]> events = reports.selectThresholdEvents(from, to).stream()
                .map(e -> new Object[] {
                    e.subscriptionId(),
                    e.label(),
                    e.customerName(),
                    e.periodStart(),
                    e.measure(),
                    e.levelPercent(),
                    e.observed(),
                    e.threshold(),
                    e.createdAt().toString()
                })
                .toList();
        Object[] eventTotals = new Object[eventColumns.size()];
        eventTotals[0] = "Total " + events.size();
        return new Report(
                "usage",
                "Usage",
                "usage periods starting " + from + " to " + to,
                List.of(
                        new Table("Usage", null, columns, rows, usageTotals),
                        new Table("Threshold events", null, eventColumns, events, eventTotals)),
                List.of("The latest rating revision of each service's period, the highest billed 95th percentile first."
                        + " Rates are the 5-minute bucket at the rank (bytes x 8 / 300 s)."));
    }

    public Report leak(LocalDate from, LocalDate to) {
        List<Column> columns = List.of(
                new Column("Day", Kind.DATE, 11),
                new Column("Prefix", Kind.TEXT, 24),
                new Column("Addresses", Kind.INTEGER, 10),
                new Column("GB in", Kind.NUMBER, 12),
                new Column("GB out", Kind.NUMBER, 12),
                new Column("Flows", Kind.INTEGER, 12));
        List<Object[]> rows = reports.selectLeak(from, to).stream()
                .map(l -> new Object[] {
                    l.day(),
                    l.prefix(),
                    l.addresses(),
                    BigDecimal.valueOf(l.bytesIn()).movePointLeft(9),
                    BigDecimal.valueOf(l.bytesOut()).movePointLeft(9),
                    l.flows()
                })
                .toList();
        Object[] totals = new Object[columns.size()];
        totals[0] = "Total";
        totals[2] = rows.stream().mapToLong(r -> ((Number) r[2]).longValue()).sum();
        totals[3] = rows.stream().map(r -> (BigDecimal) r[3]).reduce(BigDecimal.ZERO, BigDecimal::add);
        totals[4] = rows.stream().map(r -> (BigDecimal) r[4]).reduce(BigDecimal.ZERO, BigDecimal::add);
        totals[5] = rows.stream().mapToLong(r -> ((Number) r[5]).longValue()).sum();
        return new Report(
                "leak",
                "Revenue leak: unattributed traffic",
                from + " to " + to,
                List.of(new Table("Unattributed traffic", null, columns, rows, totals)),
                List.of(
                        "Flows from the edge exporters whose addresses belonged to no service on their day: traffic"
                                + " carried and billed to nobody (an address missing from a service, or a service not in the book)."));
    }

    public Report mrr(LocalDate from, LocalDate to) {
        LocalDate baseline = from.withDayOfMonth(1).minusMonths(1);
        List<LocalDate> days = reports.selectMonthEndSnapshotDays(baseline, to);
        Map<String, Map<LocalDate, Map<Long, BigDecimal>>> byCurrency = new TreeMap<>();
        if (!days.isEmpty()) {
            for (MrrRow row : reports.selectMrr(days)) {
                byCurrency
                        .computeIfAbsent(row.currency(), k -> new TreeMap<>())
                        .computeIfAbsent(row.asOf(), k -> new HashMap<>())
                        .put(row.customerId(), row.mrr());
            }
        }
        List<Column> columns = List.of(
                new Column("Month", Kind.TEXT, 9),
                new Column("Snapshot", Kind.DATE, 11),
                new Column("Customers", Kind.INTEGER, 9).as(Role.POINT),
                new Column("MRR", Kind.MONEY, 13).as(Role.POINT),
                new Column("ARR", Kind.MONEY, 14).as(Role.POINT),
                new Column("New", Kind.MONEY, 11),
                new Column("Reactivation", Kind.MONEY, 11),
                new Column("Expansion", Kind.MONEY, 11),
                new Column("Contraction", Kind.MONEY, 11),
                new Column("Churn", Kind.MONEY, 11),
                new Column("Logo churn %", Kind.NUMBER, 9),
                new Column("Net revenue churn %", Kind.NUMBER, 11));
        List<Table> tables = new ArrayList<>();
        byCurrency.forEach((currency, snapshots) -> {
            List<Object[]> rows = new ArrayList<>();
            Map<Long, BigDecimal> previous = Map.of();
            Set<Long> hadMrr = new HashSet<>();
            BigDecimal[] moved = {BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO};
            Object[] last = null;
            for (LocalDate day : days) {
                Map<Long, BigDecimal> now = snapshots.getOrDefault(day, Map.of());
                MrrMovements.Movement m = MrrMovements.between(previous, now, hadMrr);
                hadMrr.addAll(previous.keySet());
                previous = now;
                if (day.isBefore(from.withDayOfMonth(1))) {
                    continue; // the baseline month: movements start after it
                }
                last = new Object[] {
                    day.toString().substring(0, 7),
                    day,
                    m.customersEnd(),
                    m.end(),
                    m.end().multiply(BigDecimal.valueOf(12)),
                    m.newMrr(),
                    m.reactivation(),
                    m.expansion(),
                    m.contraction(),
                    m.churn(),
                    m.logoChurnPercent(),
                    m.netRevenueChurnPercent()
                };
                rows.add(last);
                BigDecimal[] these = {m.newMrr(), m.reactivation(), m.expansion(), m.contraction(), m.churn()};
                for (int k = 0; k < moved.length; k++) {
                    moved[k] = moved[k].add(these[k]);
                }
            }
            if (!rows.isEmpty()) {
                Object[] totals = {
                    "Total (last month end)",
                    null,
                    last[2],
                    last[3],
                    last[4],
                    moved[0],
                    moved[1],
                    moved[2],
                    moved[3],
                    moved[4],
                    null,
                    null
                };
                tables.add(new Table("MRR " + currency, currency, columns, rows, totals));
            }
        });
        return new Report(
                "mrr",
                "MRR and ARR",
                from + " to " + to,
                tables,
                java.util.stream.Stream.of(
                                "MRR: recurring services at their list price normalised to a month (annual / 12, ...), from the"
                                        + " nightly's daily snapshot at each month's last snapshot day; trials, one-time and free"
                                        + " services and usage are not in it. Movements compare each customer with the month before;"
                                        + " reactivation: a customer back after a month end without MRR.",
                                days.isEmpty() ? "No MRR snapshot in the period: the nightly takes one a day." : "")
                        .filter(n -> !n.isEmpty())
                        .toList());
    }

    /**
     * The report {@code name} for the period {@code from}–{@code to} (both included) or, for aging,
     * on {@code asOf}; refused with a clear reason for an unknown name or an impossible period.
     */
    public Report run(String name, LocalDate from, LocalDate to, LocalDate asOf) {
        return run(name, from, to, asOf, null);
    }

    /**
     * As {@link #run(String, LocalDate, LocalDate, LocalDate)}, converted into {@code currency} by
     * the stored exchange rates ({@link ConvertedReport}) unless it is null; refused, naming the
     * rate, when one is missing.
     */
    public Report run(String name, LocalDate from, LocalDate to, LocalDate asOf, String currency) {
        // read on the replica when one is configured (a report on demand); inside the nightly's transaction, the
        // primary
        Report report = reads.read(() -> perCurrency(name, from, to, asOf));
        if (currency == null) {
            return report;
        }
        LocalDate first = name.equals("aging") ? asOf : from.withDayOfMonth(1);
        LocalDate last = name.equals("aging") ? asOf : to;
        return ConvertedReport.convert(report, fxRates.conversion(currency, first, last), last);
    }

    private Report perCurrency(String name, LocalDate from, LocalDate to, LocalDate asOf) {
        if (!NAMES.containsKey(name)) {
            throw new BillingRuleViolation(
                    "unknown report '" + name + "'; reports: " + String.join(", ", NAMES.keySet()));
        }
        if (name.equals("aging")) {
            if (asOf == null) {
                throw new BillingRuleViolation("the aging report needs --as-of");
            }
            return aging(asOf);
        }
        if (from == null || to == null) {
            throw new BillingRuleViolation("the " + name + " report needs --from and --to");
        }
        if (from.isAfter(to)) {
            throw new BillingRuleViolation("--from " + from + " is after --to " + to);
        }
        return switch (name) {
            case "revenue" -> revenue(from, to);
            case "tax" -> tax(from, to);
            case "payments" -> payments(from, to);
            case "credit-notes" -> creditNotes(from, to);
            case "dunning" -> dunning(from, to);
            case "mrr" -> mrr(from, to);
            case "deferred" -> deferred(from, to);
            case "usage" -> usage(from, to);
            case "leak" -> leak(from, to);
            default -> profitAndLoss(from, to);
        };
    }

    public Report aging(LocalDate asOf) {
        List<Column> columns = List.of(
                new Column("Customer", Kind.INTEGER, 9).as(Role.KEY),
                new Column("Name", Kind.TEXT, 28),
                new Column("Invoices", Kind.INTEGER, 8),
                new Column("Current", Kind.MONEY, 13),
                new Column("1-30 days", Kind.MONEY, 13),
                new Column("31-60 days", Kind.MONEY, 13),
                new Column("61-90 days", Kind.MONEY, 13),
                new Column("Over 90 days", Kind.MONEY, 13),
                new Column("Total", Kind.MONEY, 14));
        List<Table> tables = tables(
                "Aging",
                reports.selectAging(asOf),
                AgingRow::currency,
                columns,
                r -> new Object[] {
                    r.customerId(),
                    r.customerName(),
                    r.invoices(),
                    r.current(),
                    r.days1to30(),
                    r.days31to60(),
                    r.days61to90(),
                    r.over90(),
                    r.total()
                },
                rows -> "Total " + rows.size() + " customers");
        return new Report(
                "aging",
                "Aging of open receivables",
                "as of " + asOf,
                tables,
                List.of(
                        "Open = total - credit applied - payments received by that day - credit notes issued by that day;"
                                + " days past the due date."));
    }

    public Report revenue(LocalDate from, LocalDate to) {
        List<Column> columns = List.of(
                new Column("Month", Kind.TEXT, 9),
                new Column("Product", Kind.TEXT, 24),
                new Column("Plan", Kind.TEXT, 18),
                new Column("Invoiced", Kind.MONEY, 14),
                new Column("Credited", Kind.MONEY, 14),
                new Column("Net", Kind.MONEY, 14));
        List<Table> tables = tables(
                "Revenue",
                reports.selectRevenue(from, to),
                RevenueRow::currency,
                columns,
                r -> new Object[] {r.month(), r.product(), r.plan(), r.invoiced(), r.credited(), r.net()},
                rows -> "Total");
        return new Report(
                "revenue",
                "Revenue by period, product and plan",
                from + " to " + to,
                tables,
                List.of("Before tax. Invoiced: the lines of invoices issued in the month (discounts included);"
                        + " credited: credit note lines issued in the month, by the plan of the line they credit."));
    }

    public Report tax(LocalDate from, LocalDate to) {
        List<Column> taxColumns = List.of(
                new Column("Country", Kind.TEXT, 8),
                new Column("Region", Kind.TEXT, 8),
                new Column("Tax", Kind.TEXT, 18),
                new Column("Rate %", Kind.NUMBER, 8).as(Role.KEY),
                new Column("Taxable base", Kind.MONEY, 14),
                new Column("Tax", Kind.MONEY, 13),
                new Column("Credited base", Kind.MONEY, 14),
                new Column("Credited tax", Kind.MONEY, 13),
                new Column("Net tax", Kind.MONEY, 13));
        List<Table> tables = new ArrayList<>(tables(
                "Tax",
                reports.selectTax(from, to),
                TaxReportRow::currency,
                taxColumns,
                r -> new Object[] {
                    r.country(),
                    r.region(),
                    r.taxName(),
                    r.rate(),
                    r.taxableBase(),
                    r.tax(),
                    r.creditedBase(),
                    r.creditedTax(),
                    r.tax().subtract(r.creditedTax())
                },
                rows -> "Total"));
        List<Column> rcColumns = List.of(
                new Column("VAT number", Kind.TEXT, 18),
                new Column("Country", Kind.TEXT, 8),
                new Column("Customer", Kind.TEXT, 28),
                new Column("Invoiced (net)", Kind.MONEY, 14),
                new Column("Credited (net)", Kind.MONEY, 14),
                new Column("Net", Kind.MONEY, 14));
        tables.addAll(tables(
                "Reverse charge",
                reports.selectReverseCharge(from, to),
                ReverseChargeRow::currency,
                rcColumns,
                r -> new Object[] {
                    r.vatNumber(),
                    r.country(),
                    r.customerName(),
                    r.invoiced(),
                    r.credited(),
                    r.invoiced().subtract(r.credited())
                },
                rows -> "Total"));
        return new Report(
                "tax",
                "Tax by jurisdiction and rate",
                from + " to " + to,
                tables,
                List.of(
                        "Jurisdiction: the buyer's country and region on the invoice as issued. Reverse charge: invoices"
                                + " without VAT to EU businesses, net amounts per customer VAT number (the recapitulative statement)."));
    }

    public Report payments(LocalDate from, LocalDate to) {
        List<Column> columns = List.of(
                new Column("Day", Kind.DATE, 11),
                new Column("Method", Kind.TEXT, 14),
                new Column("Payments", Kind.INTEGER, 9),
                new Column("Received", Kind.MONEY, 14),
                new Column("Fees", Kind.MONEY, 12),
                new Column("Refunds", Kind.INTEGER, 8),
                new Column("Refunded", Kind.MONEY, 14),
                new Column("Net cash", Kind.MONEY, 14),
                new Column("Disputed", Kind.INTEGER, 8));
        List<Table> tables = tables(
                "Payments",
                reports.selectPayments(from, to),
                PaymentReportRow::currency,
                columns,
                r -> new Object[] {
                    r.day(),
                    r.method(),
                    r.payments(),
                    r.received(),
                    r.fees(),
                    r.refunds(),
                    r.refunded(),
                    r.received().subtract(r.fees()).subtract(r.refunded()),
                    r.disputed()
                },
                rows -> "Total");
        return new Report(
                "payments",
                "Payments and refunds",
                from + " to " + to,
                tables,
                List.of(
                        "Received: payments by the day they were received (card, PayPal, bank transfer, ...), gross; fees:"
                                + " what the gateway kept of them, as it reported with each charge (Stripe's balance transaction,"
                                + " PayPal's seller receivable breakdown); refunded: refunds the gateway confirmed, by their day;"
                                + " net cash: received - fees - refunded."));
    }

    public Report creditNotes(LocalDate from, LocalDate to) {
        List<Column> columns = List.of(
                new Column("Credit note", Kind.TEXT, 16),
                new Column("Issued", Kind.DATE, 11),
                new Column("Invoice", Kind.TEXT, 16),
                new Column("Customer", Kind.TEXT, 24),
                new Column("Kind", Kind.TEXT, 8),
                new Column("Settlement", Kind.TEXT, 15),
                new Column("Reason", Kind.TEXT, 28),
                new Column("Net", Kind.MONEY, 13),
                new Column("Tax", Kind.MONEY, 12),
                new Column("Total", Kind.MONEY, 13));
        List<Table> tables = tables(
                "Credit notes",
                reports.selectCreditNotes(from, to),
                CreditNoteReportRow::currency,
                columns,
                r -> new Object[] {
                    r.number(),
                    r.issueDate(),
                    r.invoiceNumber(),
                    r.customerName(),
                    r.kind(),
                    r.settlement(),
                    r.reason(),
                    r.subtotal(),
                    r.tax(),
                    r.total()
                },
                rows -> "Total " + rows.size());
        return new Report("credit-notes", "Credit notes", from + " to " + to, tables, List.of());
    }

    public Report dunning(LocalDate from, LocalDate to) {
        List<Column> columns = List.of(
                new Column("Month", Kind.TEXT, 9),
                new Column("Reminders", Kind.INTEGER, 10),
                new Column("Overdue notices", Kind.INTEGER, 10),
                new Column("Suspension warnings", Kind.INTEGER, 11),
                new Column("Suspensions", Kind.INTEGER, 11),
                new Column("Terminations", Kind.INTEGER, 11),
                new Column("Late fees", Kind.INTEGER, 9),
                new Column("Late fee amount", Kind.MONEY, 14));
        List<Table> tables = tables(
                "Dunning",
                reports.selectDunning(from, to),
                DunningReportRow::currency,
                columns,
                r -> new Object[] {
                    r.month(),
                    r.reminders(),
                    r.overdueNotices(),
                    r.suspensionWarnings(),
                    r.suspensions(),
                    r.terminations(),
                    r.lateFees(),
                    r.lateFeeAmount()
                },
                rows -> "Total");
        return new Report(
                "dunning",
                "Dunning",
                from + " to " + to,
                tables,
                List.of("Steps by the day dunning took them, in the currency of the invoice they were for; late fees"
                        + " (before tax) by the day their invoice was issued."));
    }

    public Report profitAndLoss(LocalDate from, LocalDate to) {
        List<Column> columns = List.of(
                new Column("Month", Kind.TEXT, 9),
                new Column("Invoiced", Kind.MONEY, 14),
                new Column("Late fees", Kind.MONEY, 12),
                new Column("Credit notes", Kind.MONEY, 13),
                new Column("Net revenue", Kind.MONEY, 14),
                new Column("Refunds", Kind.MONEY, 12),
                new Column("Cash received", Kind.MONEY, 14));
        List<Table> tables = tables(
                "P&L",
                reports.selectProfitAndLoss(from, to),
                ProfitAndLossRow::currency,
                columns,
                r -> new Object[] {
                    r.month(), r.invoiced(), r.lateFees(), r.credited(), r.net(), r.refunded(), r.received()
                },
                rows -> "Total");
        return new Report(
                "pnl",
                "Profit and loss summary",
                from + " to " + to,
                tables,
                List.of("Before tax. Net revenue = invoiced + late fees - credit notes; refunds and cash by the day the"
                        + " money moved."));
    }

    /** A table with a totals row: {@code label} first, then the sum of every money and count column after the first. */
    static Table table(String title, String currency, List<Column> columns, List<Object[]> rows, String label) {
        Object[] totals = new Object[columns.size()];
        totals[0] = label;
        for (int c = 1; c < columns.size(); c++) {
            int column = c;
            if (columns.get(c).kind() == Kind.MONEY) {
                totals[c] = rows.stream().map(r -> (BigDecimal) r[column]).reduce(BigDecimal.ZERO, BigDecimal::add);
            } else if (columns.get(c).kind() == Kind.INTEGER) {
                totals[c] = rows.stream()
                        .mapToLong(r -> ((Number) r[column]).longValue())
                        .sum();
            }
        }
        return new Table(title, currency, columns, rows, totals);
    }

    /** One table per currency of {@code rows} (in their order), each row's cells by {@code cells}, with a totals row labelled by {@code label}. */
    private static <R> List<Table> tables(
            String title,
            List<R> rows,
            Function<R, String> currency,
            List<Column> columns,
            Function<R, Object[]> cells,
            Function<List<R>, String> label) {
        Map<String, List<R>> by = new LinkedHashMap<>();
        rows.forEach(r ->
                by.computeIfAbsent(currency.apply(r), k -> new ArrayList<>()).add(r));
        return by.entrySet().stream()
                .map(e -> table(
                        title + " " + e.getKey(),
                        e.getKey(),
                        columns,
                        e.getValue().stream().map(cells).toList(),
                        label.apply(e.getValue())))
                .toList();
    }
}
