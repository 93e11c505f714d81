package com.ezscale.billing.portal.finance;

import com.ezscale.billing.invoice.db.InvoiceMapper;
import com.ezscale.billing.invoice.db.InvoiceTotals;
import com.ezscale.billing.money.Money;
import com.ezscale.billing.reports.InvoiceSummaryReport;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Finance's first look in the morning: invoices by status and currency, totals per currency. */
@RestController
public class InvoiceSummaryController {

    /** One row: status, currency, count, total at the currency's scale (as a string, never a float). */
    public record Row(String status, String currency, long invoices, String total) {
    }

    public record Summary(List<Row> rows, Map<String, String> totalByCurrency, long invoices) {
    }

    private final InvoiceMapper invoices;

    public InvoiceSummaryController(InvoiceMapper invoices) {
        this.invoices = invoices;
    }

    @GetMapping("/api/finance/invoice-summary")
    public Summary summary() {
        InvoiceSummaryReport report = new InvoiceSummaryReport(invoices.selectTotalsByStatusAndCurrency());
        List<Row> rows = report.rows().stream().map(InvoiceSummaryController::row).toList();
        Map<String, String> totals = new LinkedHashMap<>();
        report.totalByCurrency().forEach((currency, total) -> totals.put(currency, total.amount().toPlainString()));
        return new Summary(rows, totals, report.invoiceCount());
    }

    private static Row row(InvoiceTotals t) {
        return new Row(t.status(), t.currency(), t.invoices(),
                Money.rounded(t.total(), Money.currency(t.currency())).amount().toPlainString());
    }
}
