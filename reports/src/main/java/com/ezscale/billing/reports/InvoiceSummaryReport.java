package com.ezscale.billing.reports;

import com.ezscale.billing.invoice.db.InvoiceTotals;
import com.ezscale.billing.money.Money;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Invoices by status and currency with their totals and what is still owed on them (an issued or
 * partly paid invoice's total is not what finance will collect: payments and credit notes took
 * their part), and both per currency across statuses. Currencies are never added together (no FX
 * at billing).
 */
public record InvoiceSummaryReport(List<InvoiceTotals> rows) {

    public InvoiceSummaryReport {
        rows = List.copyOf(rows);
    }

    public Map<String, Money> totalByCurrency() {
        return byCurrency(InvoiceTotals::total);
    }

    /** What customers still owe, per currency. */
    public Map<String, Money> owedByCurrency() {
        return byCurrency(InvoiceTotals::owed);
    }

    private Map<String, Money> byCurrency(Function<InvoiceTotals, BigDecimal> amount) {
        Map<String, Money> totals = new TreeMap<>();
        rows.forEach(r ->
                totals.merge(r.currency(), Money.rounded(amount.apply(r), Money.currency(r.currency())), Money::plus));
        return totals;
    }

    public long invoiceCount() {
        return rows.stream().mapToLong(InvoiceTotals::invoices).sum();
    }

    public String render() {
        StringBuilder out = new StringBuilder(
                String.format("%-15s %-8s %9s %16s %16s%n", "status", "currency", "invoices", "total", "still owed"));
        for (InvoiceTotals r : rows) {
            out.append(String.format(
                    "%-15s %-8s %9d %16s %16s%n",
                    r.status(),
                    r.currency(),
                    r.invoices(),
                    amount(r.total(), r.currency()),
                    amount(r.owed(), r.currency())));
        }
        out.append(String.format("%-15s %-8s %9d%n", "all", "", invoiceCount()));
        Map<String, Money> owed = owedByCurrency();
        totalByCurrency()
                .forEach((currency, total) -> out.append(String.format(
                        "%-15s %-8s %9s %16s %16s%n",
                        "all",
                        currency,
                        "",
                        total.amount().toPlainString(),
                        owed.get(currency).amount().toPlainString())));
        return out.toString();
    }

    private static String amount(BigDecimal value, String currency) {
        return Money.rounded(value, Money.currency(currency)).amount().toPlainString();
    }
}
