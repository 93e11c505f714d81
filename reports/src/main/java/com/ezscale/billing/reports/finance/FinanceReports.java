package com.ezscale.billing.reports.finance;

import com.ezscale.billing.report.db.AgingRow;
import com.ezscale.billing.report.db.PaymentReportRow;
import com.ezscale.billing.report.db.ReportMapper;
import com.ezscale.billing.report.db.RevenueRow;
import com.ezscale.billing.report.db.ReverseChargeRow;
import com.ezscale.billing.report.db.TaxReportRow;
import com.ezscale.billing.reports.finance.Report.Column;
import com.ezscale.billing.reports.finance.Report.Kind;
import com.ezscale.billing.reports.finance.Report.Table;
import com.ezscale.billing.rules.BillingRuleViolation;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
    }

    private final ReportMapper reports;

    public FinanceReports(ReportMapper reports) {
        this.reports = reports;
    }

    /**
     * The report {@code name} for the period {@code from}–{@code to} (both included) or, for aging,
     * on {@code asOf}; refused with a clear reason for an unknown name or an impossible period.
     */
    public Report run(String name, LocalDate from, LocalDate to, LocalDate asOf) {
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
            default -> payments(from, to);
        };
    }

    public Report aging(LocalDate asOf) {
        List<Column> columns = List.of(
                new Column("Customer", Kind.INTEGER, 9),
                new Column("Name", Kind.TEXT, 28),
                new Column("Invoices", Kind.INTEGER, 8),
                new Column("Current", Kind.MONEY, 13),
                new Column("1-30 days", Kind.MONEY, 13),
                new Column("31-60 days", Kind.MONEY, 13),
                new Column("61-90 days", Kind.MONEY, 13),
                new Column("Over 90 days", Kind.MONEY, 13),
                new Column("Total", Kind.MONEY, 14));
        List<Table> tables = perCurrency(
                reports.selectAging(asOf),
                AgingRow::currency,
                (currency, rows) -> table(
                        "Aging " + currency,
                        currency,
                        columns,
                        rows.stream()
                                .map(r -> new Object[] {
                                    r.customerId(),
                                    r.customerName(),
                                    r.invoices(),
                                    r.current(),
                                    r.days1to30(),
                                    r.days31to60(),
                                    r.days61to90(),
                                    r.over90(),
                                    r.total()
                                })
                                .toList(),
                        "Total " + rows.size() + " customers"));
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
        List<Table> tables = perCurrency(
                reports.selectRevenue(from, to),
                RevenueRow::currency,
                (currency, rows) -> table(
                        "Revenue " + currency,
                        currency,
                        columns,
                        rows.stream()
                                .map(r -> new Object[] {
                                    r.month(), r.product(), r.plan(), r.invoiced(), r.credited(), r.net()
                                })
                                .toList(),
                        "Total"));
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
                new Column("Rate %", Kind.NUMBER, 8),
                new Column("Taxable base", Kind.MONEY, 14),
                new Column("Tax", Kind.MONEY, 13),
                new Column("Credited base", Kind.MONEY, 14),
                new Column("Credited tax", Kind.MONEY, 13),
                new Column("Net tax", Kind.MONEY, 13));
        List<Table> tables = new ArrayList<>(perCurrency(
                reports.selectTax(from, to),
                TaxReportRow::currency,
                (currency, rows) -> table(
                        "Tax " + currency,
                        currency,
                        taxColumns,
                        rows.stream()
                                .map(r -> new Object[] {
                                    r.country(),
                                    r.region(),
                                    r.taxName(),
                                    r.rate(),
                                    r.taxableBase(),
                                    r.tax(),
                                    r.creditedBase(),
                                    r.creditedTax(),
                                    r.tax().subtract(r.creditedTax())
                                })
                                .toList(),
                        "Total")));
        List<Column> rcColumns = List.of(
                new Column("VAT number", Kind.TEXT, 18),
                new Column("Country", Kind.TEXT, 8),
                new Column("Customer", Kind.TEXT, 28),
                new Column("Invoiced (net)", Kind.MONEY, 14),
                new Column("Credited (net)", Kind.MONEY, 14),
                new Column("Net", Kind.MONEY, 14));
        tables.addAll(perCurrency(
                reports.selectReverseCharge(from, to),
                ReverseChargeRow::currency,
                (currency, rows) -> table(
                        "Reverse charge " + currency,
                        currency,
                        rcColumns,
                        rows.stream()
                                .map(r -> new Object[] {
                                    r.vatNumber(),
                                    r.country(),
                                    r.customerName(),
                                    r.invoiced(),
                                    r.credited(),
                                    r.invoiced().subtract(r.credited())
                                })
                                .toList(),
                        "Total")));
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
                new Column("Refunds", Kind.INTEGER, 8),
                new Column("Refunded", Kind.MONEY, 14),
                new Column("Net cash", Kind.MONEY, 14),
                new Column("Disputed", Kind.INTEGER, 8));
        List<Table> tables = perCurrency(
                reports.selectPayments(from, to),
                PaymentReportRow::currency,
                (currency, rows) -> table(
                        "Payments " + currency,
                        currency,
                        columns,
                        rows.stream()
                                .map(r -> new Object[] {
                                    r.day(),
                                    r.method(),
                                    r.payments(),
                                    r.received(),
                                    r.refunds(),
                                    r.refunded(),
                                    r.received().subtract(r.refunded()),
                                    r.disputed()
                                })
                                .toList(),
                        "Total"));
        return new Report(
                "payments",
                "Payments and refunds",
                from + " to " + to,
                tables,
                List.of("Received: payments by the day they were received (card, bank transfer, ...); refunded: refunds"
                        + " the gateway confirmed, by their day."));
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

    private static <R> List<Table> perCurrency(
            List<R> rows, Function<R, String> currency, java.util.function.BiFunction<String, List<R>, Table> table) {
        Map<String, List<R>> by = new LinkedHashMap<>();
        rows.forEach(r ->
                by.computeIfAbsent(currency.apply(r), k -> new ArrayList<>()).add(r));
        return by.entrySet().stream()
                .map(e -> table.apply(e.getKey(), e.getValue()))
                .toList();
    }
}
