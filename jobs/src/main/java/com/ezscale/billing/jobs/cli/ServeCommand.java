package com.ezscale.billing.jobs.cli;

import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;

@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Run a long-lived jobs node: joins the Quartz cluster and fires the nightly run on schedule.")
class ServeCommand implements Callable<Integer> {

    @Override
    public Integer call() throws InterruptedException {
        ConfigurableApplicationContext context = Contexts.scheduler();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            context.close();
            stopped.countDown();
        }, "ezscale-shutdown"));
        System.out.println("jobs node running; the nightly trigger is in the Quartz store. Ctrl-C to stop.");
        stopped.await();
        return 0;
    }
}
