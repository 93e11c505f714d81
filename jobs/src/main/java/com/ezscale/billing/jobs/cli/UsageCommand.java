package com.ezscale.billing.jobs.cli;

import com.ezscale.billing.app.usage.UsageStatements;
import com.ezscale.billing.money.Money;
import com.ezscale.billing.rules.BillingRuleViolation;
import com.ezscale.billing.usage.Percentile95;
import com.ezscale.billing.usage.RatableService;
import com.ezscale.billing.usage.UsagePeriods;
import com.ezscale.billing.usage.UsageRater;
import com.ezscale.billing.usage.UsageSeries;
import com.ezscale.billing.usage.db.RatedUsageRow;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Map;
import java.util.concurrent.Callable;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
        name = "usage",
        mixinStandardHelpOptions = true,
        description =
                "A service's usage statement for a month: totals, 95th percentile in and out, the rank bucket, commit, quota, "
                        + "overage and amount, and the stored ratings; --csv writes the 5-minute series with the dropped top 5%% marked.")
class UsageCommand implements Callable<Integer> {
    @CommandLine.ParentCommand
    Main main;

    @Parameters(index = "0", paramLabel = "SERVICE", description = "the service (subscription) id")
    long service;

    @Option(names = "--period", required = true, paramLabel = "YYYY-MM")
    YearMonth period;

    @Option(names = "--csv", paramLabel = "FILE", description = "write the 5-minute series here")
    Path csv;

    @Override
    public Integer call() throws Exception {
        try (ConfigurableApplicationContext context = Contexts.oneShot(main, Map.of())) {
            UsageStatements.Statement st;
            try {
                st = context.getBean(UsageStatements.class).statement(service, period);
            } catch (BillingRuleViolation e) {
                throw new IllegalArgumentException(e.getMessage(), e);
            }
            RatableService s = st.service();
            UsagePeriods.Window window = st.window();
            UsageSeries series = st.series();
            LocalDate activeStart = st.activeStart();
            LocalDate activeEnd = st.activeEndExclusive();
            LocalDate start = period.atDay(1);
            UsageRater.Rating r = st.rating();
            Percentile95.Result p = r.percentile();
            System.out.printf(
                    "service %d, %s (%s to %s), %d of %d five-minute buckets active%n",
                    service,
                    period,
                    activeStart,
                    activeEnd.minusDays(1),
                    window.activeBuckets(),
                    window.periodBuckets());
            System.out.printf("  bytes in %,d, out %,d%n", r.bytesIn(), r.bytesOut());
            System.out.printf(
                    "  95th percentile (rank %d of %d): in %s Mbps at %s, out %s Mbps at %s; billed (%s) %s Mbps%n",
                    p.rankIndex() + 1,
                    p.buckets(),
                    p.p95InMbps().toPlainString(),
                    Instant.ofEpochSecond(p.p95InBucket() * 300),
                    p.p95OutMbps().toPlainString(),
                    Instant.ofEpochSecond(p.p95OutBucket() * 300),
                    p.mode(),
                    p.billedMbps().toPlainString());
            if (r.commit() != null) {
                System.out.printf(
                        "  commit %s Mbps: overage %s Mbps = %s %s%n",
                        r.commit().commitMbps().toPlainString(),
                        r.commit().overageMbps().toPlainString(),
                        Money.rounded(r.commitAmount(), s.currency()).amount().toPlainString(),
                        s.currency().getCurrencyCode());
            }
            if (r.transfer() != null) {
                System.out.printf(
                        "  transfer: %s %s used, %s included: %s over = %s %s%n",
                        r.transfer().usedUnits().stripTrailingZeros().toPlainString(),
                        r.quotaUnit(),
                        r.transfer().includedUnits().stripTrailingZeros().toPlainString(),
                        r.transfer().overageUnits().toPlainString(),
                        Money.rounded(r.transferAmount(), s.currency()).amount().toPlainString(),
                        s.currency().getCurrencyCode());
            }
            for (RatedUsageRow stored : st.stored()) {
                System.out.printf(
                        "  stored rating revision %d at %s: billed %s Mbps, commit amount %s, transfer amount %s%n",
                        stored.revision(),
                        stored.ratedAt(),
                        stored.billedMbps().toPlainString(),
                        stored.commitAmount(),
                        stored.transferAmount());
            }
            if (csv != null) {
                writeCsv(st);
                System.out.printf("  wrote %d buckets to %s%n", series.length(), csv);
            }
            return 0;
        }
    }

    private void writeCsv(UsageStatements.Statement statement) throws IOException {
        try (Writer out = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
            statement.writeCsv(out);
        }
    }
}
