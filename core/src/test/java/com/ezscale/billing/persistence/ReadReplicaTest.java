package com.ezscale.billing.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.ezscale.billing.app.usage.UsageStatements;
import com.ezscale.billing.persistence.replica.ReadReplica;
import com.ezscale.billing.persistence.replica.ReplicaConfiguration;
import com.ezscale.billing.persistence.replica.ReplicaReads;
import com.ezscale.billing.rules.BillingRuleViolation;
import com.ezscale.billing.testing.ReplicatedServers;
import java.time.Duration;
import java.time.YearMonth;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The read replica against real replication ({@link ReplicatedServers}: a primary with its binary
 * log, a replica of it). Read-only work goes to the replica while it is within its lag bound; a
 * replica further behind, or down, sends it to the primary, and a replica that catches up takes it
 * back; writes, read-write transactions and unmarked read-only transactions always use the primary.
 * Which server answered is told by {@code @@server_id} (1 the primary, 2 the replica) and by what
 * the answer holds.
 */
@SpringBootTest(
        properties = {
            "ezscale.embedded-db.enabled=false",
            "ezscale.db.replica.max-lag=PT2S",
            "ezscale.db.replica.check-every=PT0.2S"
        })
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReadReplicaTest {

    static final String DATABASE = "ezb_replicated";
    static ReplicatedServers servers;

    @DynamicPropertySource
    static void servers(DynamicPropertyRegistry registry) {
        servers = ReplicatedServers.start(DATABASE);
        registry.add("spring.datasource.url", () -> servers.primaryUrl(DATABASE));
        registry.add("ezscale.db.replica.url", () -> servers.replicaUrl(DATABASE));
    }

    @AfterAll
    static void stopServers() {
        if (servers != null) {
            servers.close();
        }
    }

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    ReplicaReads reads;

    @Autowired
    ReplicaConfiguration.Replica replica;

    @Autowired
    ReplicaConfiguration.ReplicaHealthIndicator health;

    @Autowired
    PlatformTransactionManager transactions;

    @Autowired
    UsageStatements statements;

    private int serverOfARead() {
        return reads.read(() -> jdbc.queryForObject("SELECT @@server_id", Integer.class));
    }

    private long customersSeenByARead() {
        return reads.read(() -> jdbc.queryForObject("SELECT COUNT(*) FROM customer", Long.class));
    }

    private void await(String what, Duration within, BooleanSupplier condition) throws InterruptedException {
        long by = System.nanoTime() + within.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime())
                    .as("waited for: " + what + "; the replica: "
                            + replica.get().status() + "; replication: " + servers.replicationStatus())
                    .isLessThan(by);
            Thread.sleep(50);
        }
    }

    private Map<String, Object> healthDetails() {
        Health h = health.health(true);
        assertThat(h.getStatus().getCode())
                .as("a replica never takes a node out")
                .isEqualTo("UP");
        return h.getDetails();
    }

    private void addCustomer(long id) {
        jdbc.update(
                "INSERT INTO customer (id, name, email, country, billing_currency, status, created_at) "
                        + "VALUES (?, ?, ?, 'US', 'USD', 'ACTIVE', NOW(6))",
                id,
                "Customer " + id,
                "r" + id + "@example.com");
    }

    @Test
    @Order(1)
    void readOnlyWorkGoesToTheReplicaAndEverythingElseToThePrimary() throws Exception {
        ReadReplica r = replica.get();
        assertThat(r).as("a replica is configured").isNotNull();
        await(
                "the replica measured within its bound",
                Duration.ofSeconds(20),
                () -> r.status().usable());
        assertThat(healthDetails()).containsEntry("reads", "replica");

        assertThat(serverOfARead()).as("marked read-only work: the replica").isEqualTo(2);
        assertThat(reads.read(() -> jdbc.queryForObject("SELECT @@session.time_zone", String.class)))
                .as("the replica's sessions are set up as the primary's (UTC)")
                .isIn("+00:00", "UTC");
        assertThat(jdbc.queryForObject("SELECT @@server_id", Integer.class))
                .as("outside read-only work: the primary")
                .isEqualTo(1);
        TransactionTemplate readWrite = new TransactionTemplate(transactions);
        assertThat((Integer) readWrite.execute(s -> {
                    jdbc.update("INSERT INTO db_heartbeat (id, beat_at) VALUES (2, UTC_TIMESTAMP(6))");
                    return serverOfARead(); // must read the write above: joins the transaction, on the primary
                }))
                .as("read-only work inside a read-write transaction reads its writes on the primary")
                .isEqualTo(1);
        TransactionTemplate unmarked = new TransactionTemplate(transactions);
        unmarked.setReadOnly(true);
        assertThat((Integer) unmarked.execute(s -> jdbc.queryForObject("SELECT @@server_id", Integer.class)))
                .as("a read-only transaction not marked for the replica (Spring Batch's, say): the primary")
                .isEqualTo(1);
        long before = r.readsOnReplica();
        assertThatThrownBy(() -> statements.statement(424242, YearMonth.of(2026, 11)))
                .as("a usage statement of a service that does not exist")
                .isInstanceOf(BillingRuleViolation.class);
        assertThat(r.readsOnReplica())
                .as("the usage statement read on the replica")
                .isGreaterThan(before);
        assertThatThrownBy(() -> reads.run(() -> addCustomer(900)))
                .as("read-only work cannot write")
                .isInstanceOf(DataAccessException.class);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM customer WHERE id = 900", Long.class))
                .isZero();
    }

    @Test
    @Order(2)
    void aReplicaFurtherBehindThanItsBoundSendsReadsToThePrimaryUntilItCatchesUp() throws Exception {
        ReadReplica r = replica.get();
        servers.onReplica("STOP SLAVE SQL_THREAD");
        addCustomer(1);
        // within the bound the read is the replica's, which has not applied the new row yet
        assertThat(customersSeenByARead())
                .as("a read within the lag bound: the replica's data")
                .isZero();
        await(
                "the lag beyond its bound",
                Duration.ofSeconds(20),
                () -> !r.status().usable());
        assertThat(r.status().reason()).contains("beyond");
        assertThat(healthDetails()).containsEntry("reads", "primary").containsKey("lagSeconds");
        assertThat(serverOfARead()).isEqualTo(1);
        assertThat(customersSeenByARead())
                .as("behind its bound, reads see the primary")
                .isEqualTo(1);

        servers.onReplica("START SLAVE SQL_THREAD");
        await("the replica caught up", Duration.ofSeconds(20), () -> r.status().usable());
        assertThat(serverOfARead()).isEqualTo(2);
        assertThat(customersSeenByARead()).isEqualTo(1);
        assertThat(r.readsOnReplica()).isPositive();
        assertThat(r.readsOnPrimary()).isPositive();
    }

    @Test
    @Order(3)
    void aReplicaThatIsDownSendsReadsToThePrimary() throws Exception {
        ReadReplica r = replica.get();
        assertThat(r.status().usable()).isTrue();
        servers.stopReplica();
        assertThat(serverOfARead())
                .as("the first read after the replica died already goes to the primary")
                .isEqualTo(1);
        await(
                "the check found the replica down",
                Duration.ofSeconds(20),
                () -> !r.status().usable());
        assertThat(r.status().reason()).contains("unreachable");
        assertThat(healthDetails()).containsEntry("reads", "primary");
        addCustomer(2);
        assertThat(customersSeenByARead()).isEqualTo(2);
    }
}
