package com.ezscale.billing.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.ezscale.billing.testing.TestDatabases;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataIntegrityViolationException;

/**
 * {@code LOAD DATA LOCAL} through {@link BulkLoad}: what goes in reads back as written, whatever the
 * text holds; a row the server would skip or change (a duplicate key, a missing parent, a value it
 * cannot read) fails the load instead of vanishing, and the transaction rolls back with nothing; a
 * trigger's refusal fails the statement whole; a connection whose driver names no directory, or a
 * server with {@code local_infile} off, is not used; the directory is this user's alone and keeps no
 * file.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BulkLoadTest {

    static final List<String> COLUMNS =
            List.of("parent_id", "k", "txt", "maybe", "amount", "day", "at", "flag", "kind", "n");

    final BulkLoad bulk = new BulkLoad();
    Path dir;
    String url;
    Connection connection;

    @BeforeAll
    void database() throws Exception {
        dir = Path.of(
                System.getProperty("java.io.tmpdir"),
                "bulk-load-test-" + ProcessHandle.current().pid());
        url = TestDatabases.newDatabaseUrl();
        connection = connect(dir.toString());
        try (Statement s = connection.createStatement()) {
            s.execute("CREATE TABLE parent (id BIGINT PRIMARY KEY, status VARCHAR(8) NOT NULL)");
            s.execute("INSERT INTO parent VALUES (1, 'OPEN'), (2, 'CLOSED')");
            s.execute("""
                    CREATE TABLE probe (
                      id BIGINT AUTO_INCREMENT PRIMARY KEY,
                      parent_id BIGINT NOT NULL,
                      k INT NOT NULL,
                      txt VARCHAR(200) NOT NULL,
                      maybe VARCHAR(20) NULL,
                      amount DECIMAL(19,4) NULL,
                      day DATE NULL,
                      at DATETIME(6) NULL,
                      flag TINYINT(1) NOT NULL,
                      kind VARCHAR(16) NULL,
                      n BIGINT NULL,
                      UNIQUE KEY uk_probe_k (k),
                      CONSTRAINT fk_probe_parent FOREIGN KEY (parent_id) REFERENCES parent (id))""");
            s.execute("""
                    CREATE TRIGGER probe_closed BEFORE INSERT ON probe FOR EACH ROW
                    BEGIN
                      IF (SELECT status FROM parent WHERE id = NEW.parent_id) = 'CLOSED' THEN
                        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'parent is closed';
                      END IF;
                    END""");
        }
    }

    @AfterAll
    void close() throws SQLException {
        connection.close();
    }

    private Connection connect(String directory) throws SQLException {
        Properties properties = new Properties();
        if (directory != null) {
            properties.setProperty("allowLoadLocalInfileInPath", directory);
        }
        return DriverManager.getConnection(url, properties);
    }

    private static TsvRows row(TsvRows rows, long parent, int k, String txt) {
        return rows.number(parent)
                .number(k)
                .text(txt)
                .nul()
                .decimal(BigDecimal.ONE)
                .nul()
                .nul()
                .bool(false)
                .nul()
                .nul()
                .end();
    }

    private List<String> probe(String where) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Statement s = connection.createStatement();
                ResultSet rs = s.executeQuery("SELECT CONCAT_WS('|', k, HEX(txt), COALESCE(maybe, 'null'),"
                        + " COALESCE(amount, 'null'), COALESCE(day, 'null'), COALESCE(DATE_FORMAT(at, '%Y-%m-%d %H:%i:%s.%f'),"
                        + " 'null'), flag, COALESCE(kind, 'null'), COALESCE(n, 'null')) FROM probe WHERE " + where
                        + " ORDER BY k")) {
            while (rs.next()) {
                rows.add(rs.getString(1));
            }
        }
        return rows;
    }

    private static String hex(String text) {
        StringBuilder hex = new StringBuilder();
        for (byte b : text.getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
            hex.append(String.format("%02X", b));
        }
        return hex.toString();
    }

    @Test
    void everyValueReadsBackAsWrittenWhateverTheTextHolds() throws Exception {
        List<String> texts = List.of(
                "plain",
                "tab\there",
                "new\nline",
                "carriage\rreturn",
                "back\\slash",
                "\\N",
                "\\t is not a tab",
                "NULL",
                "quotes ' \" `",
                "Überweisung — 10 € ✓ 𝄞",
                "",
                "trailing space ",
                "nul\0byte");
        TsvRows rows = new TsvRows();
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            rows.number(1).number(100 + i).text(texts.get(i));
            if (i == 0) {
                rows.text("some")
                        .decimal(new BigDecimal("-1234.5678"))
                        .date(LocalDate.parse("2026-02-28"))
                        .instant(Instant.parse("2026-11-30T23:59:59.123456789Z"))
                        .bool(true)
                        .name(java.time.DayOfWeek.MONDAY)
                        .number(Long.valueOf(Long.MAX_VALUE))
                        .end();
                expected.add(String.join(
                        "|",
                        "100",
                        hex(texts.get(i)),
                        "some",
                        "-1234.5678",
                        "2026-02-28",
                        "2026-11-30 23:59:59.123456",
                        "1",
                        "MONDAY",
                        String.valueOf(Long.MAX_VALUE)));
            } else {
                rows.nul()
                        .decimal(null)
                        .date(null)
                        .instant(null)
                        .bool(false)
                        .name(null)
                        .number((Long) null)
                        .end();
                expected.add(String.join(
                        "|",
                        String.valueOf(100 + i),
                        hex(texts.get(i)),
                        "null",
                        "null",
                        "null",
                        "null",
                        "0",
                        "null",
                        "null"));
            }
        }
        assertThat(bulk.usable(connection)).isTrue();

        bulk.load(connection, "probe", COLUMNS, rows);

        assertThat(probe("k BETWEEN 100 AND 199")).containsExactlyElementsOf(expected);
    }

    @Test
    void aDuplicateKeyAMissingParentOrAnUnreadableValueFailsTheLoadAndTheTransactionKeepsNothing() throws Exception {
        connection.setAutoCommit(false);
        try {
            TsvRows first = new TsvRows();
            row(first, 1, 200, "kept until the rollback");
            bulk.load(connection, "probe", COLUMNS, first);

            TsvRows duplicate = new TsvRows();
            row(duplicate, 1, 201, "fine");
            row(duplicate, 1, 200, "the same key again");
            assertThatThrownBy(() -> bulk.load(connection, "probe", COLUMNS, duplicate))
                    .isInstanceOf(DataIntegrityViolationException.class)
                    .hasMessageContaining("took 1 of 2 rows")
                    .hasMessageContaining("Duplicate entry '200'");

            TsvRows orphan = new TsvRows();
            row(orphan, 99, 202, "no such parent");
            assertThatThrownBy(() -> bulk.load(connection, "probe", COLUMNS, orphan))
                    .isInstanceOf(DataIntegrityViolationException.class)
                    .hasMessageContaining("took 0 of 1 rows")
                    .hasMessageContaining("fk_probe_parent");

            TsvRows unreadable = new TsvRows();
            unreadable
                    .number(1)
                    .number(203)
                    .text("an amount that is not one")
                    .nul()
                    .text("12,50")
                    .nul()
                    .nul()
                    .bool(false)
                    .nul()
                    .nul()
                    .end();
            assertThatThrownBy(() -> bulk.load(connection, "probe", COLUMNS, unreadable))
                    .as("the server would store 12 and warn")
                    .isInstanceOf(DataIntegrityViolationException.class)
                    .hasMessageContaining("amount");

            connection.rollback();
        } finally {
            connection.setAutoCommit(true);
        }
        assertThat(probe("k BETWEEN 200 AND 299"))
                .as("the chunk's transaction rolled back whole")
                .isEmpty();
    }

    @Test
    void aTriggersRefusalFailsTheStatementWhole() throws Exception {
        TsvRows rows = new TsvRows();
        row(rows, 1, 300, "open parent");
        row(rows, 2, 301, "closed parent");

        assertThatThrownBy(() -> bulk.load(connection, "probe", COLUMNS, rows))
                .isInstanceOf(DataAccessException.class)
                .hasMessageContaining("parent is closed");
        assertThat(probe("k BETWEEN 300 AND 399")).as("not even the first row").isEmpty();
    }

    /**
     * A chunk's rows go one way: gathered and loaded at write where the connection can, else each
     * handed to its insert as it is added; {@code off()} always inserts.
     */
    @Test
    void aChunksRowsAreLoadedWhereTheConnectionCanAndInsertedOtherwise() throws Exception {
        List<Integer> inserted = new ArrayList<>();
        BulkLoad.Rows<Integer> loaded =
                bulk.rows(connection, "probe", COLUMNS, (k, rows) -> row(rows, 1, k, "row " + k), inserted::add);
        loaded.add(500);
        loaded.add(501);
        assertThat(loaded.loads()).isTrue();
        assertThat(probe("k BETWEEN 500 AND 599")).as("nothing before write").isEmpty();
        loaded.write();
        assertThat(probe("k BETWEEN 500 AND 599")).hasSize(2);
        long first;
        try (Statement s = connection.createStatement();
                ResultSet rs = s.executeQuery("SELECT MIN(id), MAX(id) FROM probe WHERE k BETWEEN 500 AND 599")) {
            rs.next();
            first = rs.getLong(1);
            assertThat(loaded.firstId())
                    .as("the first id the load generated (the others higher)")
                    .isEqualTo(first)
                    .isLessThan(rs.getLong(2));
        }
        loaded.write();
        assertThat(probe("k BETWEEN 500 AND 599")).as("written once").hasSize(2);
        assertThat(loaded.firstId()).as("the last write loaded nothing").isZero();
        assertThat(inserted).isEmpty();

        BulkLoad.Rows<Integer> off = BulkLoad.off()
                .rows(connection, "probe", COLUMNS, (k, rows) -> row(rows, 1, k, "row " + k), inserted::add);
        off.add(502);
        off.write();
        assertThat(off.loads()).isFalse();
        assertThat(off.firstId()).as("inserted: none known here").isZero();
        assertThat(inserted).containsExactly(502);
        assertThat(probe("k BETWEEN 500 AND 599")).hasSize(2);
    }

    /** MySQL 8's default: the server refuses LOCAL files; the caller is told before it tries, and inserts. */
    @Test
    void aServerWithLocalInfileOffIsNotUsed() throws Exception {
        try (Statement s = connection.createStatement()) {
            s.execute("SET GLOBAL local_infile = 0");
            try {
                assertThat(new BulkLoad().usable(connection)).isFalse();
            } finally {
                s.execute("SET GLOBAL local_infile = 1");
            }
        }
        assertThat(new BulkLoad().usable(connection)).isTrue();
    }

    @Test
    void aConnectionWhoseDriverNamesNoDirectoryIsNotUsedAndTheDirectoryKeepsNoFile() throws Exception {
        try (Connection plain = connect(null);
                Connection blank = connect("")) {
            assertThat(bulk.usable(plain)).as("no allowLoadLocalInfileInPath").isFalse();
            assertThat(bulk.usable(blank)).as("an empty one turns it off").isFalse();
        }
        TsvRows rows = new TsvRows();
        row(rows, 1, 400, "one");
        bulk.load(connection, "probe", COLUMNS, rows);

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)))
                .as("the files hold invoices: this user's alone")
                .isEqualTo("rwx------");
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).as("each file deleted once loaded").isEmpty();
        }
        assertThatThrownBy(() -> new TsvRows().number(1).bytes())
                .as("a row begun and not ended is a bug, not a row")
                .isInstanceOf(IllegalStateException.class);
    }
}
