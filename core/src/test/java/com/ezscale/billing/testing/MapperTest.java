package com.ezscale.billing.testing;

import org.mybatis.spring.SqlSessionTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.jdbc.Sql;
import org.springframework.transaction.annotation.Transactional;

/**
 * Base of the mapper tests (jpetstore's habit: each mapper's statements run against the real
 * database, one test class per mapper). All of them share one database and one Spring context;
 * each test starts from the small book in {@code mapper-fixture.sql} inside its own transaction,
 * rolled back after it, so they neither see nor disturb each other.
 */
@SpringBootTest(properties = "ezscale.embedded-db.enabled=false")
@Transactional
@Sql("/mapper-fixture.sql")
public abstract class MapperTest {

    private static final String URL = TestDatabases.newDatabaseUrl();

    @Autowired
    protected JdbcTemplate jdbc;

    @Autowired
    private SqlSessionTemplate sessions;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> URL);
    }

    /**
     * Changes the book behind the mappers' back (what another feature or an operator would do).
     * MyBatis caches a select's result for the rest of the transaction until one of its own
     * statements writes, so the cache is cleared here: the next select reads the database.
     */
    protected void update(String statement, Object... args) {
        jdbc.update(statement, args);
        sessions.clearCache();
    }

    /** One value from the database, for what the mapper wrote. */
    protected <T> T sql(Class<T> type, String query, Object... args) {
        return jdbc.queryForObject(query, type, args);
    }
}
