package com.ezscale.billing.jobs.cli;

import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

@Command(
        name = "ingest-kafka",
        mixinStandardHelpOptions = true,
        description =
                "A dedicated ingest node: consume ElastiFlow's Kafka topic continuously (ezscale.ingest.kafka.*), no scheduler.")
class IngestKafkaCommand implements Callable<Integer> {
    @CommandLine.ParentCommand
    Main main;

    @Override
    public Integer call() throws InterruptedException {
        Contexts.runUntilShutdown(
                Contexts.node(main, Map.of("ezscale.ingest.kafka.enabled", true, "ezscale.ingest.kafka.run", true)),
                "consuming ElastiFlow records from Kafka. Ctrl-C to stop.");
        return 0;
    }
}
