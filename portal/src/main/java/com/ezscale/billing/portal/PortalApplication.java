package com.ezscale.billing.portal;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The portal: a thin web UI and JSON API over the billing database. */
@SpringBootApplication(scanBasePackages = "com.ezscale.billing")
@ConfigurationPropertiesScan("com.ezscale.billing")
public class PortalApplication {

    public static void main(String[] args) {
        SpringApplication.run(PortalApplication.class, args);
    }
}
