package com.ezscale.billing.ingest;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** What ingest's database tests start: persistence, Flyway and the ingest components. */
@SpringBootApplication(scanBasePackages = "com.ezscale.billing")
@ConfigurationPropertiesScan("com.ezscale.billing")
public class IngestTestApplication {}
