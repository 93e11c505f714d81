package com.ezscale.billing;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The Spring Boot configuration core's database tests start: persistence and Flyway only. */
@SpringBootApplication
public class CoreTestApplication {
}
