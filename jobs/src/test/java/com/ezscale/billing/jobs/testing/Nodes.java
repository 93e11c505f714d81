package com.ezscale.billing.jobs.testing;

import com.ezscale.billing.jobs.JobsApplication;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A jobs node started in this JVM, as the tests and benchmarks that need more than one context (two
 * nodes on one database, two books to compare) start it: on the given database, not the embedded
 * one, its scheduler not started, no management port, temp files under {@code target/}, quiet; then
 * whatever {@code more} adds or overrides.
 */
public final class Nodes {

    private Nodes() {}

    public static ConfigurableApplicationContext start(String url, String... more) {
        List<String> args = new ArrayList<>(List.of(
                "--spring.datasource.url=" + url,
                "--ezscale.embedded-db.enabled=false",
                "--spring.quartz.auto-startup=false",
                "--management.server.port=-1",
                "--java.io.tmpdir=" + Path.of("target").toAbsolutePath(),
                "--logging.level.root=WARN",
                "--logging.level.com.ezscale=WARN"));
        args.addAll(List.of(more));
        return new SpringApplicationBuilder(JobsApplication.class)
                .web(WebApplicationType.NONE)
                .run(args.toArray(String[]::new));
    }
}
