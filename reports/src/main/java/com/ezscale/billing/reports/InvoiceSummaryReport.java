package com.ezscale.billing.reports;

import com.ezscale.billing.invoice.db.InvoiceTotals;
import com.ezscale.billing.money.Money;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Invoices by status and currency with their totals, and a total per currency across statuses.
 * Currencies are never added together (no FX at billing).
 */
public record InvoiceSummaryReport(List<InvoiceTotals> rows) {

    public InvoiceSummaryReport {
        rows = List.copyOf(rows);
    }

    public Map<String, Money> totalByCurrency() {
        Map<String, Money> totals = new TreeMap<>();
        rows.forEach(r -> totals.merge(r.currency(), Money.of(r.total(), Money.currency(r.currency())), Money::plus));
        return totals;
    }

    public long invoiceCount() {
        return rows.stream().mapToLong(InvoiceTotals::invoices).sum();
    }

    public String render() {
        StringBuilder out = new StringBuilder(String.format("%-15s %-8s %9s %16s%n", "status", "currency", "invoices", "total"));
        for (InvoiceTotals r : rows) {
            out.append(String.format("%-15s %-8s %9d %16s%n", r.status(), r.currency(), r.invoices(), amount(r.total(), r.currency())));
        }
        out.append(String.format("%-15s %-8s %9d%n", "all", "", invoiceCount()));
        totalByCurrency().forEach((currency, total) ->
                out.append(String.format("%-15s %-8s %9s %16s%n", "all", currency, "", total.amount().toPlainString())));
        return out.toString();
    }

    private static String amount(BigDecimal value, String currency) {
        return Money.rounded(value, Money.currency(currency)).amount().toPlainString();
    }
}
