package com.ezscale.billing.ingest;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** What ingest's database tests start: persistence, Flyway and the ingest components. */
@SpringBootApplication(scanBasePackages = "com.ezscale.billing")
public class IngestTestApplication {
}
