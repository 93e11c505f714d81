package com.ezscale.billing.jobs.cli;

import com.ezscale.billing.app.migration.ParallelRun;
import com.ezscale.billing.app.migration.WhmcsSource;
import com.ezscale.billing.jobs.collection.CollectionProperties;
import java.time.LocalDate;
import java.util.Map;
import java.util.concurrent.Callable;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The parallel run with WHMCS and its end: {@code parallel-run} and {@code cutover}. */
final class ParallelRunCommands {

    private ParallelRunCommands() {}

    @Command(
            name = "parallel-run",
            mixinStandardHelpOptions = true,
            description = {
                "One night of the parallel operation with WHMCS: imports the WHMCS book again (deltas), keeps its"
                        + " customers billed by WHMCS (shadow: our run proposes for them but never issues,"
                        + " numbers, emails, reminds or charges), then compares every WHMCS invoice issued since"
                        + " the comparison began with what our rules bill for the same services and periods,"
                        + " line by line, naming the rule behind each difference, and lists what our run would"
                        + " bill that WHMCS has not invoiced by the period's start. The first run starts the"
                        + " parallel period; `serve` then runs it nightly (ezscale.schedule.parallel-run-cron)"
                        + " until `cutover`.",
                "Credentials: $" + WhmcsSource.USER_ENV + " and $" + WhmcsSource.PASSWORD_ENV
                        + " (the URL is stored without them)."
            })
    static final class ParallelRunCommand implements Callable<Integer> {
        @CommandLine.ParentCommand
        Main main;

        @Option(
                names = "--source",
                description = "the WHMCS database, e.g. jdbc:mysql://db:3306/whmcs (required the first time)")
        String source;

        @Option(names = "--as-of", description = "the night (default: today, UTC)")
        LocalDate asOf;

        @Option(
                names = "--compare-from",
                description = "first run only: compare WHMCS invoices issued from this day (default: --as-of)")
        LocalDate compareFrom;

        @Override
        public Integer call() {
            try (ConfigurableApplicationContext context = Contexts.oneShot(main, Map.of())) {
                LocalDate date = AccountCommands.asOf(context, asOf);
                ParallelRun.Report report = context.getBean(ParallelRun.class)
                        .night(
                                source,
                                date,
                                compareFrom,
                                Contexts.actor(),
                                context.getBean(CollectionProperties.class).schedule());
                System.out.print(report.imported().text());
                System.out.print(report.text());
                return report.imported().differences().isEmpty() ? 0 : 3;
            }
        }
    }

    @Command(
            name = "cutover",
            mixinStandardHelpOptions = true,
            description = {
                "Ends the parallel run: a last night (import and comparison) as of the date, then every customer is"
                        + " billed here from the next run on (WHMCS must stop billing them), and a last import"
                        + " brings the Stripe customers WHMCS holds readable. Refused while lines differ,"
                        + " unless finance accepts them with --accept-differences (recorded in the audit log)."
            })
    static final class CutoverCommand implements Callable<Integer> {
        @CommandLine.ParentCommand
        Main main;

        @Option(names = "--as-of", description = "the cutover day (default: today, UTC)")
        LocalDate asOf;

        @Option(names = "--source", description = "the WHMCS database (default: the parallel run's)")
        String source;

        @Option(names = "--accept-differences", description = "finance accepts the differing lines listed")
        boolean accept;

        @Override
        public Integer call() {
            try (ConfigurableApplicationContext context = Contexts.oneShot(main, Map.of())) {
                LocalDate date = AccountCommands.asOf(context, asOf);
                ParallelRun.Cutover cutover = context.getBean(ParallelRun.class)
                        .cutover(
                                source,
                                date,
                                accept,
                                Contexts.actor(),
                                context.getBean(CollectionProperties.class).schedule());
                System.out.print(cutover.text());
                return 0;
            }
        }
    }
}
