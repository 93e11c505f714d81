package com.ezscale.billing.portal.finance;

import com.ezscale.billing.money.Money;
import com.ezscale.billing.money.MoneyRounding;
import com.ezscale.billing.persistence.replica.ReplicaReads;
import com.ezscale.billing.reports.finance.FinanceReports;
import com.ezscale.billing.reports.finance.Report;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ResponseBody;

/**
 * Finance's dashboard, from the same reports as the pack (so it says what they say): MRR and ARR at
 * the last 12 month ends (a chart, Chart.js), the month's revenue, open receivables by age, and
 * the month's cash, each per currency (never added across currencies).
 */
@Controller
public class DashboardController {

    private final FinanceReports reports;
    private final Clock clock;
    private final ReplicaReads reads;

    public DashboardController(FinanceReports reports, Clock clock, ReplicaReads reads) {
        this.reports = reports;
        this.clock = clock;
        this.reads = reads;
    }

    /** One currency's line of a dashboard table: the report's totals under the given headers. */
    public record Figures(String currency, List<BigDecimal> values) {}

    @GetMapping("/finance")
    public String dashboard(Model model) {
        LocalDate today = LocalDate.now(clock);
        LocalDate month = today.withDayOfMonth(1);
        model.addAttribute("today", today);
        // read-only: on the read replica when one is configured and within its bound
        reads.run(() -> {
            model.addAttribute(
                    "revenue", totals(reports.revenue(month, today), List.of("Invoiced", "Credited", "Net")));
            model.addAttribute(
                    "aging",
                    totals(
                            reports.aging(today),
                            List.of("Current", "1-30 days", "31-60 days", "61-90 days", "Over 90 days", "Total")));
            model.addAttribute(
                    "cash", totals(reports.payments(month, today), List.of("Received", "Refunded", "Net cash")));
        });
        return "finance/dashboard";
    }

    /** MRR and ARR at the last 12 month ends, per currency, for the chart. */
    public record MrrSeries(List<String> months, List<Series> series) {}

    public record Series(String currency, List<BigDecimal> mrr, List<BigDecimal> arr) {}

    @GetMapping("/finance/dashboard/mrr.json")
    @ResponseBody
    public MrrSeries mrr() {
        LocalDate today = LocalDate.now(clock);
        Report report = reads.read(() -> reports.mrr(today.withDayOfMonth(1).minusMonths(11), today));
        TreeSet<String> months = new TreeSet<>();
        Map<String, Map<String, BigDecimal[]>> byCurrency = new TreeMap<>();
        for (Report.Table table : report.tables()) {
            int mrr = column(table, "MRR");
            int arr = column(table, "ARR");
            for (Object[] row : table.rows()) {
                months.add((String) row[0]);
                byCurrency
                        .computeIfAbsent(table.currency(), k -> new LinkedHashMap<>())
                        .put((String) row[0], new BigDecimal[] {(BigDecimal) row[mrr], (BigDecimal) row[arr]});
            }
        }
        List<Series> series = new ArrayList<>();
        byCurrency.forEach((currency, values) -> series.add(new Series(
                currency,
                months.stream()
                        .map(m -> values.getOrDefault(m, new BigDecimal[] {null, null})[0])
                        .toList(),
                months.stream()
                        .map(m -> values.getOrDefault(m, new BigDecimal[] {null, null})[1])
                        .toList())));
        return new MrrSeries(List.copyOf(months), series);
    }

    private static List<Figures> totals(Report report, List<String> headers) {
        List<Figures> figures = new ArrayList<>();
        for (Report.Table table : report.tables()) {
            if (table.totals() == null || table.currency() == null) {
                continue;
            }
            List<BigDecimal> values = new ArrayList<>();
            java.util.Currency currency = Money.currency(table.currency());
            for (String header : headers) {
                // sums of amounts stored at the currency's scale: shown at that scale
                values.add(MoneyRounding.toMinorUnit((BigDecimal) table.totals()[column(table, header)], currency));
            }
            figures.add(new Figures(table.currency(), values));
        }
        return figures;
    }

    private static int column(Report.Table table, String header) {
        for (int c = 0; c < table.columns().size(); c++) {
            if (table.columns().get(c).header().equals(header)) {
                return c;
            }
        }
        throw new IllegalStateException(table.title() + " has no column " + header);
    }
}
