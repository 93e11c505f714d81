package com.ezscale.billing.reports;

import static org.assertj.core.api.Assertions.assertThat;

import com.ezscale.billing.invoice.db.InvoiceTotals;
import com.ezscale.billing.money.Money;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class InvoiceSummaryReportTest {

    private final InvoiceSummaryReport report = new InvoiceSummaryReport(List.of(
            new InvoiceTotals("ISSUED", "EUR", 3, new BigDecimal("30.0000")),
            new InvoiceTotals("ISSUED", "USD", 2, new BigDecimal("19.98")),
            new InvoiceTotals("PAID", "EUR", 1, new BigDecimal("12.50"))));

    @Test
    void totalsArePerCurrencyNeverAcrossCurrencies() {
        assertThat(report.totalByCurrency()).containsExactly(
                org.assertj.core.api.Assertions.entry("EUR", Money.of("42.50", "EUR")),
                org.assertj.core.api.Assertions.entry("USD", Money.of("19.98", "USD")));
        assertThat(report.invoiceCount()).isEqualTo(6);
    }

    @Test
    void rendersOneRowPerStatusAndCurrencyThenTheCurrencyTotals() {
        assertThat(report.render().lines().toList()).containsExactly(
                "status          currency  invoices            total",
                "ISSUED          EUR              3            30.00",
                "ISSUED          USD              2            19.98",
                "PAID            EUR              1            12.50",
                "all                              6",
                "all             EUR                           42.50",
                "all             USD                           19.98");
    }
}
