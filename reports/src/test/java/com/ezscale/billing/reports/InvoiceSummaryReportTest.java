package com.ezscale.billing.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import com.ezscale.billing.invoice.db.InvoiceTotals;
import com.ezscale.billing.money.Money;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class InvoiceSummaryReportTest {

    private final InvoiceSummaryReport report = new InvoiceSummaryReport(List.of(
            new InvoiceTotals("ISSUED", "EUR", 3, new BigDecimal("30.0000"), new BigDecimal("30.0000")),
            new InvoiceTotals("ISSUED", "USD", 2, new BigDecimal("19.98"), new BigDecimal("9.99")),
            new InvoiceTotals("PAID", "EUR", 1, new BigDecimal("12.50"), BigDecimal.ZERO),
            new InvoiceTotals("PARTIALLY_PAID", "EUR", 1, new BigDecimal("20.00"), new BigDecimal("7.25"))));

    @Test
    void totalsAndWhatIsStillOwedArePerCurrencyNeverAcrossCurrencies() {
        assertThat(report.totalByCurrency())
                .containsExactly(entry("EUR", Money.of("62.50", "EUR")), entry("USD", Money.of("19.98", "USD")));
        assertThat(report.owedByCurrency())
                .containsExactly(entry("EUR", Money.of("37.25", "EUR")), entry("USD", Money.of("9.99", "USD")));
        assertThat(report.invoiceCount()).isEqualTo(7);
    }

    @Test
    void rendersOneRowPerStatusAndCurrencyThenTheCurrencyTotals() {
        assertThat(report.render().lines().toList())
                .containsExactly(
                        "status          currency  invoices            total       still owed",
                        "ISSUED          EUR              3            30.00            30.00",
                        "ISSUED          USD              2            19.98             9.99",
                        "PAID            EUR              1            12.50             0.00",
                        "PARTIALLY_PAID  EUR              1            20.00             7.25",
                        "all                              7",
                        "all             EUR                           62.50            37.25",
                        "all             USD                           19.98             9.99");
    }
}
