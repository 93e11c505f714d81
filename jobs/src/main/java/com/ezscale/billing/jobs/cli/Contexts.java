package com.ezscale.billing.jobs.cli;

import com.ezscale.billing.jobs.JobsApplication;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** Starts the jobs application's Spring context for a command. */
final class Contexts {

    /**
     * Tests only ({@code KeptContexts} in the tests): while on, a one-shot command's context is kept
     * and the next command started with the same properties (its command line's and overrides, and
     * this JVM's {@code ezscale.*} and {@code spring.*} system properties) gets it again, its
     * {@code close()} leaving it open. A test class runs a hundred commands in one JVM, and starting
     * the application's context is most of each command's time (2–3 s warm on this project's
     * machine). Off by default: an operator's command always starts its own context and closes it.
     */
    private static volatile boolean keep;

    private static final Map<List<String>, ConfigurableApplicationContext> KEPT = new ConcurrentHashMap<>();

    private Contexts() {}

    /**
     * A context for one-shot commands: Quartz is configured but its scheduler never starts. The
     * Spring properties given on the command line ({@code --ezscale.x=y}, held by {@code main}) apply;
     * a command's own {@code overrides} win over them. Kept for the next command while
     * {@link #keep} is on (tests only).
     */
    static ConfigurableApplicationContext oneShot(Main main, Map<String, Object> overrides) {
        if (!keep) {
            return start(main, false, false, overrides);
        }
        List<String> key = key(main, overrides);
        ConfigurableApplicationContext context = KEPT.get(key);
        if (context == null || !context.isActive()) {
            context = start(main, false, false, overrides);
            KEPT.put(key, context);
        }
        return unclosable(context);
    }

    /** Turns keeping on or off; off closes what was kept. */
    static void keep(boolean on) {
        keep = on;
        if (!on) {
            KEPT.values().forEach(ConfigurableApplicationContext::close);
            KEPT.clear();
        }
    }

    private static List<String> key(Main main, Map<String, Object> overrides) {
        List<String> key = new ArrayList<>();
        new TreeMap<>(main.springProperties()).forEach((k, v) -> key.add("arg " + k + "=" + v));
        new TreeMap<>(overrides).forEach((k, v) -> key.add("override " + k + "=" + v));
        System.getProperties().stringPropertyNames().stream()
                .filter(n -> n.startsWith("ezscale.") || n.startsWith("spring."))
                .sorted()
                .forEach(n -> key.add("system " + n + "=" + System.getProperty(n)));
        return key;
    }

    /** The context, its {@code close()} a no-op (the commands close theirs with try-with-resources). */
    private static ConfigurableApplicationContext unclosable(ConfigurableApplicationContext context) {
        return (ConfigurableApplicationContext) Proxy.newProxyInstance(
                Contexts.class.getClassLoader(),
                new Class<?>[] {ConfigurableApplicationContext.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("close") && method.getParameterCount() == 0) {
                        return null;
                    }
                    try {
                        return method.invoke(context, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    /** `serve`: the scheduler, and the Kafka ingest when ezscale.ingest.kafka.enabled; health and metrics on the management port. */
    static ConfigurableApplicationContext scheduler(Main main) {
        return start(main, true, true, Map.of("ezscale.ingest.kafka.run", true));
    }

    /** A long-lived node without the scheduler (`ingest-kafka`): health and metrics on the management port. */
    static ConfigurableApplicationContext node(Main main, Map<String, Object> overrides) {
        return start(main, false, true, overrides);
    }

    /**
     * {@code overrides} win over conf/application.yml and the environment (they are passed as
     * command-line arguments). A long-lived node is a web application whose only server is the
     * management port's (the actuator's health, probes and Prometheus scrape); a one-shot command
     * starts no server.
     */
    private static ConfigurableApplicationContext start(
            Main main, boolean scheduler, boolean node, Map<String, Object> overrides) {
        Map<String, Object> properties = new HashMap<>(main.springProperties());
        properties.putAll(overrides);
        properties.put("spring.quartz.auto-startup", scheduler);
        if (node) {
            properties.put("spring.main.web-application-type", "servlet");
            // its own default, 8082, beside the portal's 8081 on one host; EZSCALE_MANAGEMENT_PORT sets either
            Object port = properties.getOrDefault(
                    "management.server.port",
                    properties.getOrDefault("server.port", "${EZSCALE_MANAGEMENT_PORT:8082}"));
            properties.put("server.port", port);
            properties.put("management.server.port", port);
        }
        String[] args = properties.entrySet().stream()
                .map(e -> "--" + e.getKey() + "=" + e.getValue())
                .toArray(String[]::new);
        return new SpringApplicationBuilder(JobsApplication.class)
                .web(node ? WebApplicationType.SERVLET : WebApplicationType.NONE)
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
