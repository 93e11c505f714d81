package com.ezscale.billing.persistence;

import com.mysql.cj.conf.PropertyKey;
import com.mysql.cj.jdbc.JdbcConnection;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.UncategorizedSQLException;
import org.springframework.jdbc.support.SQLExceptionSubclassTranslator;

/**
 * Writes many rows into one table with one {@code LOAD DATA LOCAL INFILE} instead of batched
 * inserts (issue 19: the invoice run's drafts, lines and taxes). The server parses a tab-separated
 * file in ~0.6 of the CPU it spends on the same rows as multi-row inserts, and the driver's batch
 * rewriting and MyBatis' per-value binding, most of the bill run's Java time, are skipped.
 *
 * <p><b>Only where the driver allows it, and only from one directory.</b> Connector/J reads files for
 * the server from the directory of its {@code allowLoadLocalInfileInPath} property and nowhere else
 * (a server may ask for any file in answer to any statement; the unrestricted
 * {@code allowLoadLocalInfile} is never set). That property, set in conf/application.yml, is the
 * switch: a connection without it, or a server with {@code local_infile} off (MySQL 8's default),
 * gets {@link #usable} false and the caller inserts as before.
 *
 * <p><b>Nothing is lost silently.</b> With {@code LOCAL} the server cannot stop the client's file
 * half-way, so it turns what would fail an {@code INSERT} (a duplicate key, a missing foreign key, a
 * value it cannot convert) into a warning and skips or changes the row. Every load therefore checks
 * that the server took exactly the rows sent with no warning, and otherwise throws
 * {@link DataIntegrityViolationException} naming the warnings, so the caller's transaction rolls
 * back as a refused insert's would. An error (a trigger's refusal) fails the statement whole.
 */
public final class BulkLoad {

    private static final Logger log = LoggerFactory.getLogger(BulkLoad.class);

    private final SQLExceptionSubclassTranslator translator = new SQLExceptionSubclassTranslator();
    private final boolean enabled;
    private volatile Boolean serverAllows;

    public BulkLoad() {
        this(true);
    }

    private BulkLoad(boolean enabled) {
        this.enabled = enabled;
    }

    /** Never loads: every row goes to its insert (a writer of a few rows, such as dunning's late fees). */
    public static BulkLoad off() {
        return new BulkLoad(false);
    }

    /**
     * True when rows can be loaded over this connection: its driver reads files from a directory and
     * the server takes {@code LOAD DATA LOCAL} (asked once).
     */
    public boolean usable(Connection connection) {
        if (!enabled || directory(connection).isEmpty()) {
            return false;
        }
        Boolean allows = serverAllows;
        if (allows == null) {
            try (Statement s = connection.createStatement();
                    ResultSet rs = s.executeQuery("SELECT @@GLOBAL.local_infile")) {
                allows = rs.next() && rs.getBoolean(1);
            } catch (SQLException e) {
                throw translate("reading local_infile", null, e);
            }
            if (!allows) {
                log.info("the server has local_infile off: bulk writes use batched inserts");
            }
            serverAllows = allows;
        }
        return allows;
    }

    /**
     * Loads {@code rows} into {@code table}'s {@code columns} (in the rows' order) in the connection's
     * transaction; throws unless the server took every row as sent. Call only when {@link #usable}.
     * Returns the server's {@code LAST_INSERT_ID()} after it: where the load generated ids, the first
     * (every row it loaded has that id or a higher one, in an order this does not promise); where it
     * generated none, what an earlier statement of the connection left there. A caller reading rows
     * back from it checks it found them.
     */
    public long load(Connection connection, String table, List<String> columns, TsvRows rows) {
        if (rows.rows() == 0) {
            return 0;
        }
        Path dir = directory(connection)
                .orElseThrow(() -> new IllegalStateException("the connection reads no LOAD DATA LOCAL files"));
        String sql = "LOAD DATA LOCAL INFILE ? INTO TABLE " + table + " CHARACTER SET utf8mb4 ("
                + String.join(", ", columns) + ")";
        Path file = null;
        try {
            file = Files.createTempFile(ownDirectory(dir), table + "-", ".tsv");
            Files.write(file, rows.bytes());
            try (PreparedStatement load = connection.prepareStatement(sql)) {
                load.setString(1, file.toString());
                int loaded = load.executeUpdate();
                SQLWarning warning = load.getWarnings();
                if (loaded != rows.rows() || warning != null) {
                    throw new DataIntegrityViolationException(
                            table + ": the server took " + loaded + " of " + rows.rows() + " rows" + describe(warning));
                }
                // the driver gives a LOAD no generated keys; the server's LAST_INSERT_ID() is the load's first
                try (java.sql.Statement ask = connection.createStatement();
                        java.sql.ResultSet first = ask.executeQuery("SELECT LAST_INSERT_ID()")) {
                    return first.next() ? first.getLong(1) : 0;
                }
            }
        } catch (SQLException e) {
            throw translate("loading " + table, sql, e);
        } catch (IOException e) {
            throw new UncheckedIOException("writing the rows of " + table + " to " + dir, e);
        } finally {
            if (file != null) {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException e) {
                    log.warn("could not delete {}: {}", file, e.toString());
                }
            }
        }
    }

    /**
     * A chunk's rows of one table, written the one way the connection allows: gathered by
     * {@code append} for one {@code LOAD DATA} at {@link Rows#write} where it is {@link #usable}, else
     * each handed to {@code insert} as it is added (a batching mapper's statement, sent with the batch).
     */
    public <T> Rows<T> rows(
            Connection connection,
            String table,
            List<String> columns,
            BiConsumer<? super T, TsvRows> append,
            Consumer<? super T> insert) {
        return new Rows<>(usable(connection) ? connection : null, table, columns, append, insert);
    }

    /** See {@link #rows}. */
    public final class Rows<T> {

        private final Connection loading;
        private final String table;
        private final List<String> columns;
        private final BiConsumer<? super T, TsvRows> append;
        private final Consumer<? super T> insert;
        private TsvRows pending = new TsvRows();
        private long firstId;

        private Rows(
                Connection loading,
                String table,
                List<String> columns,
                BiConsumer<? super T, TsvRows> append,
                Consumer<? super T> insert) {
            this.loading = loading;
            this.table = table;
            this.columns = columns;
            this.append = append;
            this.insert = insert;
        }

        public void add(T row) {
            if (loading != null) {
                append.accept(row, pending);
            } else {
                insert.accept(row);
            }
        }

        /** True when the rows go in by {@code LOAD DATA} (so no generated keys come back). */
        public boolean loads() {
            return loading != null;
        }

        /** Loads the rows gathered since the last write; nothing to do where they were inserted. */
        public void write() {
            if (loading != null) {
                firstId = load(loading, table, columns, pending);
                pending = new TsvRows();
            }
        }

        /**
         * What {@link BulkLoad#load} returned for the last {@link #write}: the first id it generated
         * where it generated any; 0 where nothing was loaded (none written, or inserted instead).
         */
        public long firstId() {
            return firstId;
        }
    }

    private DataAccessException translate(String task, String sql, SQLException e) {
        DataAccessException translated = translator.translate(task, sql, e);
        return translated != null ? translated : new UncategorizedSQLException(task, sql, e);
    }

    /** The directory this connection's driver reads {@code LOAD DATA LOCAL} files from; empty: none. */
    static Optional<Path> directory(Connection connection) {
        try {
            if (!connection.isWrapperFor(JdbcConnection.class)) {
                return Optional.empty();
            }
            String path = connection
                    .unwrap(JdbcConnection.class)
                    .getPropertySet()
                    .getStringProperty(PropertyKey.allowLoadLocalInfileInPath)
                    .getValue();
            return path == null || path.isBlank() ? Optional.empty() : Optional.of(Path.of(path));
        } catch (SQLException e) {
            return Optional.empty();
        }
    }

    /**
     * Creates the directory readable by this user alone if it is missing, and refuses one that is a
     * link or another user's (the files hold invoices).
     */
    private static Path ownDirectory(Path dir) throws IOException {
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            try {
                Files.createDirectories(
                        dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            } catch (UnsupportedOperationException e) {
                Files.createDirectories(dir);
            }
        }
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            throw new IOException(dir + " is not a directory");
        }
        String me = System.getProperty("user.name");
        String owner = Files.getOwner(dir, LinkOption.NOFOLLOW_LINKS).getName();
        if (me != null && !me.equals(owner)) {
            throw new IOException(dir + " belongs to " + owner + ", not " + me);
        }
        return dir;
    }

    private static String describe(SQLWarning warning) {
        List<String> messages = new ArrayList<>();
        for (SQLWarning w = warning; w != null && messages.size() < 5; w = w.getNextWarning()) {
            messages.add(w.getErrorCode() + " " + w.getMessage());
        }
        return messages.isEmpty() ? "" : ": " + String.join("; ", messages);
    }
}
