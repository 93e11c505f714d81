package com.ezscale.billing.jobs.cli;

import com.ezscale.billing.jobs.JobsApplication;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** Starts the jobs application's Spring context for a command. */
final class Contexts {

    private Contexts() {}

    /**
     * A context for one-shot commands: Quartz is configured but its scheduler never starts. The
     * Spring properties given on the command line ({@code --ezscale.x=y}, held by {@code main}) apply;
     * a command's own {@code overrides} win over them.
     */
    static ConfigurableApplicationContext oneShot(Main main, Map<String, Object> overrides) {
        return start(main, false, overrides);
    }

    /** `serve`: the scheduler, and the Kafka ingest when ezscale.ingest.kafka.enabled. */
    static ConfigurableApplicationContext scheduler(Main main) {
        return start(main, true, Map.of("ezscale.ingest.kafka.run", true));
    }

    /** {@code overrides} win over conf/application.yml and the environment (they are passed as command-line arguments). */
    private static ConfigurableApplicationContext start(Main main, boolean scheduler, Map<String, Object> overrides) {
        Map<String, Object> properties = new HashMap<>(main.springProperties());
        properties.putAll(overrides);
        properties.put("spring.quartz.auto-startup", scheduler);
        String[] args = properties.entrySet().stream()
                .map(e -> "--" + e.getKey() + "=" + e.getValue())
                .toArray(String[]::new);
        return new SpringApplicationBuilder(JobsApplication.class)
                .web(WebApplicationType.NONE)
                .logStartupInfo(false)
                .run(args);
    }

    /** Keeps a long-lived node's context running until the JVM is told to stop, then closes it. */
    static void runUntilShutdown(ConfigurableApplicationContext context, String message) throws InterruptedException {
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            context.close();
                            stopped.countDown();
                        },
                        "ezscale-shutdown"));
        System.out.println(message);
        stopped.await();
    }

    static String actor() {
        String user = System.getenv("EZSCALE_ACTOR");
        return user != null && !user.isBlank() ? user : "cli:" + System.getProperty("user.name");
    }
}
