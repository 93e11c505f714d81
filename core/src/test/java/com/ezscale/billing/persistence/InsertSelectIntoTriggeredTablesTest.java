package com.ezscale.billing.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import com.ezscale.billing.testing.MapperTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * No statement of the application writes several rows by {@code INSERT … SELECT} (or {@code REPLACE … SELECT}) into
 * a table that has a {@code BEFORE UPDATE} trigger. Found 2026-12-04: on MariaDB 11.4.5, the embedded server and a
 * current LTS release, every row after the first of such a statement reaches the table as NULLs, so the statement
 * fails ("Column … cannot be null"), or with {@code IGNORE} loses those rows without an error; 10.11 is not affected
 * (README, "MariaDB 11.4.5 and INSERT … SELECT"). The tests run on whichever server they are given, so this guard
 * reads the statements themselves: the main Java sources, mapper XML and migrations of every module, against the
 * triggers of the migrated schema.
 */
class InsertSelectIntoTriggeredTablesTest extends MapperTest {

    private static final Pattern INSERT_SELECT = Pattern.compile(
            "\\b(?:INSERT|REPLACE)\\s+(?:IGNORE\\s+)?INTO\\s+`?(\\w+)`?\\s*(?:\\([^)]*\\))?\\s*\\(?\\s*SELECT\\b",
            Pattern.CASE_INSENSITIVE);
    /** A Java string literal's concatenation across lines: {@code "…" + "…"}. */
    private static final Pattern CONCATENATION = Pattern.compile("\"\\s*\\+\\s*\"");

    @Test
    void noStatementSelectsSeveralRowsIntoATableWithABeforeUpdateTrigger() throws IOException {
        Set<String> triggered = new TreeSet<>(jdbc.queryForList(
                "SELECT DISTINCT LOWER(EVENT_OBJECT_TABLE) FROM information_schema.TRIGGERS"
                        + " WHERE TRIGGER_SCHEMA = DATABASE() AND ACTION_TIMING = 'BEFORE' AND EVENT_MANIPULATION = 'UPDATE'",
                String.class));
        assertThat(triggered)
                .as("the schema's append-only and immutable tables")
                .contains("credit_ledger", "invoice", "invoice_line", "retention_erasure");

        Path root = Path.of("..").toAbsolutePath().normalize();
        List<String> statements = new ArrayList<>();
        List<String> offending = new ArrayList<>();
        List<Path> sources = new ArrayList<>();
        for (String module : List.of("core", "ingest", "jobs", "reports", "portal")) {
            try (Stream<Path> files = Files.walk(root.resolve(module).resolve("src/main"))) {
                files.filter(InsertSelectIntoTriggeredTablesTest::isSource)
                        .sorted()
                        .forEach(sources::add);
            }
        }
        assertThat(sources).as("the modules' main sources").hasSizeGreaterThan(100);
        for (Path file : sources) {
            String text = CONCATENATION.matcher(Files.readString(file)).replaceAll("");
            Matcher m = INSERT_SELECT.matcher(text);
            while (m.find()) {
                String table = m.group(1).toLowerCase(Locale.ROOT);
                String where = root.relativize(file) + ":" + line(text, m.start()) + " into " + table;
                statements.add(where);
                if (triggered.contains(table)) {
                    offending.add(where);
                }
            }
        }
        assertThat(statements)
                .as("the scan finds the INSERT … SELECT statements there are (the outbox's, the MRR snapshot's)")
                .anyMatch(s -> s.endsWith("into outbox"))
                .anyMatch(s -> s.endsWith("into mrr_snapshot"));
        assertThat(offending)
                .as(
                        "write these as rows of VALUES (select first, then insert), as CreditLedgerMapper and ErasureMapper do")
                .isEmpty();
    }

    private static boolean isSource(Path file) {
        String name = file.getFileName().toString();
        return name.endsWith(".java") || name.endsWith(".xml") || name.endsWith(".sql");
    }

    private static int line(String text, int offset) {
        int line = 1;
        for (int i = 0; i < offset; i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }
}
