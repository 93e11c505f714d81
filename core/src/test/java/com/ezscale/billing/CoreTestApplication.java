package com.ezscale.billing;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The Spring Boot configuration core's database tests start: persistence, Flyway and the application services. */
@SpringBootApplication
@ConfigurationPropertiesScan("com.ezscale.billing")
public class CoreTestApplication {}
