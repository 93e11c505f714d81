package com.ezscale.billing.jobs;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The jobs application: Batch jobs, Quartz schedules and the command line ({@link com.ezscale.billing.jobs.cli.Main}). */
@SpringBootApplication(scanBasePackages = "com.ezscale.billing")
@ConfigurationPropertiesScan("com.ezscale.billing")
public class JobsApplication {}
