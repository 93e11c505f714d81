package com.ezscale.billing.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/** The embedded default keeps its data under its directory across a stop and a start. */
class EmbeddedMariaDbTest {

    /** Under java.io.tmpdir on purpose: a project cloned under /tmp must keep its data too. */
    @Test
    void dataSurvivesARestartInTheSameDirectory() throws Exception {
        Path dir = Path.of(System.getProperty("java.io.tmpdir"), "embedded-db-test-" + System.nanoTime());
        EmbeddedMariaDb first = EmbeddedMariaDb.start(dir, 0);
        String url = first.url("kept") + "?user=root&password=";
        try (Connection c = DriverManager.getConnection(url);
                Statement s = c.createStatement()) {
            s.execute("CREATE TABLE t (v VARCHAR(10))");
            s.execute("INSERT INTO t VALUES ('survives')");
        }
        assertThatThrownBy(() -> first.url("kept`; DROP DATABASE kept"))
                .as("a database name is put in a statement: letters, digits and underscores only")
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ezscale.embedded-db.database");
        first.stop();

        EmbeddedMariaDb second = EmbeddedMariaDb.start(dir, 0);
        try (Connection c = DriverManager.getConnection(second.url("kept") + "?user=root&password=");
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT v, VERSION(), @@bind_address, @@have_ssl FROM t")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("survives");
            assertThat(rs.getString(2)).contains("MariaDB");
            assertThat(rs.getString(3))
                    .as("no grant tables, so reachable from this machine only")
                    .isEqualTo("127.0.0.1");
            assertThat(rs.getString(4))
                    .as("no TLS certificate generated at every start (5-10 s each, once over 30 s)")
                    .isEqualTo("DISABLED");
        } finally {
            second.stop();
        }
    }
}
