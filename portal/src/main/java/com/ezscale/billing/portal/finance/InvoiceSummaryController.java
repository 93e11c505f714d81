package com.ezscale.billing.portal.finance;

import com.ezscale.billing.invoice.db.InvoiceMapper;
import com.ezscale.billing.invoice.db.InvoiceTotals;
import com.ezscale.billing.money.Money;
import com.ezscale.billing.reports.InvoiceSummaryReport;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Finance's first look in the morning: invoices by status and currency, totals per currency. */
@RestController
public class InvoiceSummaryController {

    /**
     * One row: status, currency, count, total and what is still owed on them (total − paid − credit
     * notes; zero unless issued or partly paid), at the currency's scale (strings, never floats).
     */
    public record Row(String status, String currency, long invoices, String total, String owed) {}

    public record Summary(
            List<Row> rows, Map<String, String> totalByCurrency, Map<String, String> owedByCurrency, long invoices) {}

    private final InvoiceMapper invoices;

    public InvoiceSummaryController(InvoiceMapper invoices) {
        this.invoices = invoices;
    }

    @GetMapping("/api/finance/invoice-summary")
    public Summary summary() {
        InvoiceSummaryReport report = new InvoiceSummaryReport(invoices.selectTotalsByStatusAndCurrency());
        List<Row> rows =
                report.rows().stream().map(InvoiceSummaryController::row).toList();
        return new Summary(
                rows, plain(report.totalByCurrency()), plain(report.owedByCurrency()), report.invoiceCount());
    }

    private static Map<String, String> plain(Map<String, Money> byCurrency) {
        Map<String, String> out = new LinkedHashMap<>();
        byCurrency.forEach(
                (currency, amount) -> out.put(currency, amount.amount().toPlainString()));
        return out;
    }

    private static Row row(InvoiceTotals t) {
        Currency currency = Money.currency(t.currency());
        return new Row(
                t.status(),
                t.currency(),
                t.invoices(),
                Money.rounded(t.total(), currency).amount().toPlainString(),
                Money.rounded(t.owed(), currency).amount().toPlainString());
    }
}
