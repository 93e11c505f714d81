package com.ezscale.billing.jobs.cli;

import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;

@Command(name = "ingest-kafka", mixinStandardHelpOptions = true,
        description = "A dedicated ingest node: consume ElastiFlow's Kafka topic continuously (ezscale.ingest.kafka.*), no scheduler.")
class IngestKafkaCommand implements Callable<Integer> {

    @Override
    public Integer call() throws InterruptedException {
        ConfigurableApplicationContext context = Contexts.oneShot(Map.of("ezscale.ingest.kafka.enabled", true, "ezscale.ingest.kafka.run", true));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            context.close();
            stopped.countDown();
        }, "ezscale-shutdown"));
        System.out.println("consuming ElastiFlow records from Kafka. Ctrl-C to stop.");
        stopped.await();
        return 0;
    }
}
