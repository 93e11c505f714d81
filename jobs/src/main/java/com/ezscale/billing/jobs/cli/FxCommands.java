package com.ezscale.billing.jobs.cli;

import com.ezscale.billing.app.fx.FxRates;
import com.ezscale.billing.fx.FxRate;
import com.ezscale.billing.rules.BillingRuleViolation;
import java.io.IOException;
import java.io.Reader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The exchange rates that `report --currency` converts with: load a CSV file, enter one, list them (audited). */
@Command(
        name = "fx",
        mixinStandardHelpOptions = true,
        description = "Exchange rates for converted reports: load, set, list (audited). Invoices never use them.",
        subcommands = {FxCommands.Load.class, FxCommands.Set.class, FxCommands.ListRates.class})
final class FxCommands extends BookCommands.Group {

    @Command(
            name = "load",
            mixinStandardHelpOptions = true,
            description = {
                "Load a CSV file of rates, header date,base,quote,rate[,source] (1 base = rate quote), e.g.",
                "  2026-11-30,EUR,USD,1.0523,ECB",
                "Whole or nothing: the first bad line is named and nothing is written. A stored rate that differs",
                "is refused unless --replace."
            })
    static class Load extends BookCommands.Sub {
        @Parameters(index = "0", paramLabel = "FILE")
        Path file;

        @Option(names = "--replace", description = "replace stored rates that differ (audited)")
        boolean replace;

        @Override
        public Integer call() {
            FxRates.Loaded loaded = with(context -> {
                try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                    return context.getBean(FxRates.class)
                            .load(reader, file.getFileName().toString(), replace, Contexts.actor());
                } catch (IOException e) {
                    throw new BillingRuleViolation("cannot read " + file + ": " + e.getMessage());
                }
            });
            System.out.println("fx " + file.getFileName() + ": " + loaded.text());
            return 0;
        }
    }

    @Command(
            name = "set",
            mixinStandardHelpOptions = true,
            description = "Enter one rate: 1 BASE = --rate QUOTE on --date.")
    static class Set extends BookCommands.Sub {
        @Parameters(index = "0", paramLabel = "BASE")
        String base;

        @Parameters(index = "1", paramLabel = "QUOTE")
        String quote;

        @Option(names = "--date", required = true)
        LocalDate date;

        @Option(names = "--rate", required = true)
        BigDecimal rate;

        @Option(names = "--source", description = "where the rate comes from (ECB, bank...)")
        String source;

        @Option(names = "--replace", description = "replace the stored rate of that day if it differs (audited)")
        boolean replace;

        @Override
        public Integer call() {
            FxRates.Loaded loaded = with(context ->
                    context.getBean(FxRates.class).set(base, quote, date, rate, source, replace, Contexts.actor()));
            System.out.println("fx " + base + "/" + quote + " " + date + ": " + loaded.text());
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "The stored rates.")
    static class ListRates extends BookCommands.Sub {
        @Option(names = "--currency", description = "only pairs with this currency")
        String currency;

        @Option(names = "--from", description = "first day (default 2000-01-01)")
        LocalDate from;

        @Option(names = "--to", description = "last day (default 9999-12-31)")
        LocalDate to;

        @Override
        public Integer call() {
            for (FxRate r : with(context -> context.getBean(FxRates.class)
                    .list(
                            currency,
                            from == null ? LocalDate.of(2000, 1, 1) : from,
                            to == null ? LocalDate.of(9999, 12, 31) : to))) {
                System.out.println(r.day() + "  1 " + r.base() + " = "
                        + r.rate().stripTrailingZeros().toPlainString() + " " + r.quote()
                        + (r.source().isEmpty() ? "" : "  " + r.source()));
            }
            return 0;
        }
    }
}
