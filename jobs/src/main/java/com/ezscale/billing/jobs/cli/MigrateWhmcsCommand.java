package com.ezscale.billing.jobs.cli;

import com.ezscale.billing.app.migration.WhmcsImport;
import com.ezscale.billing.app.migration.WhmcsSource;
import com.ezscale.billing.jobs.collection.CollectionProperties;
import java.time.LocalDate;
import java.util.Map;
import java.util.concurrent.Callable;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code migrate-whmcs}: brings a WHMCS 8 book over, re-runnably, and prints its reconciliation. */
@Command(
        name = "migrate-whmcs",
        mixinStandardHelpOptions = true,
        description = {
            "Import a WHMCS 8 database (read only): currencies, client groups, products and pricing, level-1 tax"
                    + " rates, clients, services (billed from after the last period WHMCS invoiced), their IPs and"
                    + " panels, add-ons, promotions (as coupons), credit history, invoices (numbered as in WHMCS, immutable), payments and refunds, and the Stripe customers WHMCS holds readable (unless a parallel run is open: then"
                    + " the customers stay billed by WHMCS, see parallel-run). Keyed by WHMCS ids: a rerun updates what changed and creates nothing"
                    + " twice. Prints and stores the reconciliation and every row not mapped, with its reason.",
            "Credentials: in the URL, or $" + WhmcsSource.USER_ENV + " and $" + WhmcsSource.PASSWORD_ENV + "."
        })
final class MigrateWhmcsCommand implements Callable<Integer> {

    @CommandLine.ParentCommand
    Main main;

    @Option(names = "--source", required = true, description = "the WHMCS database, e.g. jdbc:mysql://db:3306/whmcs")
    String source;

    @Option(names = "--as-of", description = "the cutover date the import is taken at (default: today, UTC)")
    LocalDate asOf;

    @Option(names = "--dry-run", description = "do everything in a transaction, print the report, roll it back")
    boolean dryRun;

    @Override
    public Integer call() {
        try (ConfigurableApplicationContext context = Contexts.oneShot(main, Map.of())) {
            LocalDate date = AccountCommands.asOf(context, asOf);
            WhmcsImport.Report report;
            try (CommandProgress progress = CommandProgress.start(context)) {
                int stages = WhmcsImport.STAGES.size() + 1;
                java.util.concurrent.atomic.AtomicInteger done = new java.util.concurrent.atomic.AtomicInteger();
                report = context.getBean(WhmcsImport.class)
                        .run(
                                source,
                                date,
                                dryRun,
                                Contexts.actor(),
                                context.getBean(CollectionProperties.class).schedule(),
                                stage -> {
                                    progress.outer("WHMCS import: " + stage + ", stage", stages);
                                    progress.outerDone(done.getAndIncrement());
                                });
            }
            System.out.print(report.text());
            return report.differences().isEmpty() ? 0 : 3;
        }
    }
}
