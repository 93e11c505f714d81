package com.ezscale.billing.ingest.file;

import static org.assertj.core.api.Assertions.assertThat;

import com.ezscale.billing.app.usage.UsageCompaction;
import com.ezscale.billing.catalog.db.CatalogMapper;
import com.ezscale.billing.customer.db.CustomerMapper;
import com.ezscale.billing.ingest.UsageWorld;
import com.ezscale.billing.subscription.db.SubscriptionMapper;
import com.ezscale.billing.testing.DatabaseTest;
import com.ezscale.billing.usage.UsageDay;
import com.ezscale.billing.usage.db.UsageMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FileIngestorTest extends DatabaseTest {

    static final Instant AT = Instant.now().minusSeconds(3600);

    @Autowired
    FileIngestor files;

    @Autowired
    UsageMapper usage;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    CatalogMapper catalog;

    @Autowired
    CustomerMapper customers;

    @Autowired
    SubscriptionMapper subscriptions;

    Path gzip;

    @BeforeAll
    void world() throws IOException {
        UsageWorld.create(catalog, customers, subscriptions);
        List<String> lines = new ArrayList<>();
        lines.add(UsageWorld.flow(AT, 1000, "198.51.100.1", "203.0.113.10")); // 101 in
        lines.add(UsageWorld.flow(AT, 2000, "203.0.113.10", "203.0.113.20")); // 101 out, 102 in
        lines.add("{\"@timestamp\":\"" + AT + "\",\"flow.bytes\":\"lots\"}"); // line 3: bad
        lines.add(""); // blank: skipped
        lines.add(UsageWorld.flow(AT, 300, "2001:db8:101:7::1", "2001:db8:ffff::1")); // 101 out (v6 prefix)
        lines.add(UsageWorld.flow(AT, 400, "198.51.100.1", "198.51.100.2")); // unattributed
        lines.add("{not json"); // line 7: bad
        gzip = Files.createTempFile(Path.of("target"), "flows", ".ndjson.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gzip))) {
            out.write(String.join("\n", lines).getBytes(StandardCharsets.UTF_8));
        }
    }

    @Test
    @Order(1)
    void goodLinesAreIngestedAndBadOnesDeadLetteredWithTheirLineNumbers() throws IOException {
        java.util.concurrent.atomic.AtomicLong read = new java.util.concurrent.atomic.AtomicLong();
        FileIngestor.Result result = files.ingest(gzip, read::set);
        assertThat(read.get())
                .as("how far into the file it read, as stored (gzip): what ingest-file's progress shows")
                .isEqualTo(Files.size(gzip));
        assertThat(result.alreadyImported()).isFalse();
        assertThat(result.usage().records()).isEqualTo(6);
        assertThat(result.usage().attributedRecords()
                        + result.usage().unattributedRecords()
                        + result.usage().ignoredRecords()
                        + result.usage().deadLetterCount())
                .isEqualTo(6);

        long bucket = AT.getEpochSecond() / 300;
        assertThat(usage.selectSamples(101, bucket, bucket + 1))
                .singleElement()
                .satisfies(
                        s -> assertThat(new long[] {s.bytesIn(), s.bytesOut()}).containsExactly(1000, 2300));
        assertThat(usage.selectSamples(102, bucket, bucket + 1))
                .singleElement()
                .satisfies(
                        s -> assertThat(new long[] {s.bytesIn(), s.bytesOut()}).containsExactly(2000, 0));
        assertThat(jdbc.queryForObject("SELECT SUM(bytes_in) FROM unattributed_traffic", Long.class))
                .isEqualTo(400);
        assertThat(jdbc.queryForList(
                        "SELECT CONCAT(position, ' ', reason) FROM ingest_dead_letter ORDER BY id", String.class))
                .satisfiesExactly(
                        first -> assertThat(first)
                                .isEqualTo(result.sha256() + ":3 flow.bytes is not a whole number: \"lots\""),
                        second -> assertThat(second)
                                .startsWith(result.sha256() + ":7 not JSON: Unexpected character ('n'"));
        assertThat(jdbc.queryForMap(
                        "SELECT records, attributed, unattributed, ignored, dead_letters FROM ingest_window"))
                .containsEntry("records", 6L)
                .containsEntry("attributed", 3L)
                .containsEntry("unattributed", 1L)
                .containsEntry("ignored", 0L)
                .containsEntry("dead_letters", 2L);
    }

    @Test
    @Order(2)
    void theSameFileTwiceUnderAnotherNameChangesNothing() throws IOException {
        Path copy = Files.copy(gzip, gzip.resolveSibling("copy-" + gzip.getFileName()));
        long samplesBefore = usage.selectSampleTotals().bytesIn();
        FileIngestor.Result again = files.ingest(copy);
        assertThat(again.alreadyImported()).isTrue();
        assertThat(usage.selectSampleTotals().bytesIn()).isEqualTo(samplesBefore);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM ingest_dead_letter", Long.class))
                .isEqualTo(2);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM ingest_file", Long.class))
                .isEqualTo(1);
    }

    @Test
    @Order(3)
    void aPlainFileIsReadToo() throws IOException {
        Path plain = Files.createTempFile(Path.of("target"), "flows", ".ndjson");
        Files.writeString(plain, UsageWorld.flow(AT, 77, "198.51.100.1", "203.0.113.20") + "\n");
        FileIngestor.Result result = files.ingest(plain);
        assertThat(result.usage().attributedRecords()).isEqualTo(1);
        long bucket = AT.getEpochSecond() / 300;
        assertThat(usage.selectSamples(102, bucket, bucket + 1))
                .singleElement()
                .satisfies(s -> assertThat(s.bytesIn()).isEqualTo(2077));
    }

    @Test
    @Order(4)
    void twoRecordsOnOneLineAreBothReadAndABrokenRemainderIsDeadLettered() throws IOException {
        Path joined = Files.createTempFile(Path.of("target"), "joined", ".ndjson");
        // two exports concatenated without a final newline: line 1 holds the last record of one and the first of the
        // next
        Files.writeString(
                joined,
                UsageWorld.flow(AT, 5, "198.51.100.1", "203.0.113.20")
                        + UsageWorld.flow(AT, 6, "198.51.100.1", "203.0.113.20") + "\n"
                        + UsageWorld.flow(AT, 7, "198.51.100.1", "203.0.113.20") + "{\"@timestamp\":\"" + AT
                        + "\",\"flow.bytes\":\n");
        long bucket = AT.getEpochSecond() / 300;
        long before = usage.selectSamples(102, bucket, bucket + 1).get(0).bytesIn();
        FileIngestor.Result result = files.ingest(joined);
        assertThat(result.usage().records()).isEqualTo(4);
        assertThat(result.usage().attributedRecords()).isEqualTo(3);
        assertThat(usage.selectSamples(102, bucket, bucket + 1))
                .singleElement()
                .satisfies(s -> assertThat(s.bytesIn()).isEqualTo(before + 5 + 6 + 7));
        assertThat(jdbc.queryForList(
                        "SELECT CONCAT(position, ' ', reason) FROM ingest_dead_letter WHERE position LIKE ?",
                        String.class,
                        result.sha256() + "%"))
                .singleElement()
                .satisfies(d -> assertThat(d).startsWith(result.sha256() + ":2:2 not JSON"));
    }

    @Autowired
    UsageCompaction compaction;

    @Autowired
    TransactionTemplate transactions;

    /**
     * A file of flows from five days back arrives after their day was folded: the bytes are added
     * to the day's row in the import's own transaction, and no sample row is left for that day.
     */
    @Test
    @Order(5)
    void aLateFileForAFoldedDayIsAddedToTheDayRow() throws IOException {
        LocalDate day = LocalDate.now(ZoneOffset.UTC).minusDays(5);
        Instant at = day.atTime(10, 2).toInstant(ZoneOffset.UTC);
        Path first = Files.createTempFile(Path.of("target"), "early", ".ndjson");
        Files.writeString(first, UsageWorld.flow(at, 5000, "198.51.100.1", "203.0.113.10") + "\n");
        files.ingest(first, read -> {});
        transactions.execute(status -> compaction.fold(List.of(101L), UsageCompaction.foldBefore(day.plusDays(3))));
        assertThat(jdbc.queryForObject(
                        "SELECT bytes_in FROM usage_day WHERE subscription_id = 101 AND day = ?", Long.class, day))
                .isEqualTo(5000);

        Path late = Files.createTempFile(Path.of("target"), "late", ".ndjson");
        Files.writeString(
                late,
                UsageWorld.flow(at, 7000, "198.51.100.1", "203.0.113.10") + "\n"
                        + UsageWorld.flow(at.plusSeconds(600), 11, "203.0.113.10", "198.51.100.1") + "\n");
        files.ingest(late, read -> {});

        assertThat(jdbc.queryForObject(
                        "SELECT CONCAT(bytes_in, ' ', bytes_out, ' ', buckets) FROM usage_day"
                                + " WHERE subscription_id = 101 AND day = ?",
                        String.class,
                        day))
                .as("in, out and buckets with traffic of the day row")
                .isEqualTo("12000 11 2");
        long first288 = UsageDay.firstBucket(day.toEpochDay());
        assertThat(usage.selectSamples(101, first288, first288 + UsageDay.BUCKETS))
                .as("no sample row for the folded day")
                .isEmpty();
    }
}
