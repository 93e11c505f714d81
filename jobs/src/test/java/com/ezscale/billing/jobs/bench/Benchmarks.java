package com.ezscale.billing.jobs.bench;

import com.ezscale.billing.jobs.JobsApplication;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** What the benchmarks share: the jobs application on a given database, quiet, its scheduler not started. */
final class Benchmarks {

    private Benchmarks() {}

    static ConfigurableApplicationContext context(String url, String... more) {
        List<String> args = new ArrayList<>(List.of(
                "--spring.datasource.url=" + url,
                "--ezscale.embedded-db.enabled=false",
                "--spring.quartz.auto-startup=false",
                "--logging.level.root=WARN",
                "--logging.level.com.ezscale=WARN"));
        args.addAll(List.of(more));
        return new SpringApplicationBuilder(JobsApplication.class)
                .web(WebApplicationType.NONE)
                .run(args.toArray(String[]::new));
    }
}
