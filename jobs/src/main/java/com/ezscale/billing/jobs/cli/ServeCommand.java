package com.ezscale.billing.jobs.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

@Command(
        name = "serve",
        mixinStandardHelpOptions = true,
        description = "Run a long-lived jobs node: joins the Quartz cluster and fires the nightly run on schedule "
                + "(and consumes Kafka when ezscale.ingest.kafka.enabled=true).")
class ServeCommand implements Callable<Integer> {
    @CommandLine.ParentCommand
    Main main;

    @Override
    public Integer call() throws InterruptedException {
        Contexts.runUntilShutdown(
                Contexts.scheduler(main),
                "jobs node running; the nightly trigger is in the Quartz store. Ctrl-C to stop.");
        return 0;
    }
}
