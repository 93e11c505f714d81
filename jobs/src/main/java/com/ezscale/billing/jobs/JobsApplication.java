package com.ezscale.billing.jobs;

import java.time.Clock;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;

/** The jobs application: Batch jobs, Quartz schedules and the command line ({@link com.ezscale.billing.jobs.cli.Main}). */
@SpringBootApplication(scanBasePackages = "com.ezscale.billing")
@ConfigurationPropertiesScan("com.ezscale.billing")
public class JobsApplication {

    /** The only clock: rules take dates as parameters; the shell reads this for timestamps and defaults. */
    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
