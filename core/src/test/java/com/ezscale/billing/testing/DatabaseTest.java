package com.ezscale.billing.testing;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base of the tests that run against the real database: each test class gets its own empty
 * database, migrated by Flyway, and its own Spring context.
 */
@SpringBootTest(properties = "ezscale.embedded-db.enabled=false")
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
public abstract class DatabaseTest {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        String url = TestDatabases.newDatabaseUrl();
        registry.add("spring.datasource.url", () -> url);
    }
}
