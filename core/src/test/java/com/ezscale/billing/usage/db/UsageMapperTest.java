package com.ezscale.billing.usage.db;

import static org.assertj.core.api.Assertions.assertThat;

import com.ezscale.billing.testing.MapperTest;
import com.ezscale.billing.usage.UsageDay;
import com.ezscale.billing.usage.UsageSample;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class UsageMapperTest extends MapperTest {

    static final Instant AT = Instant.parse("2026-11-20T10:00:00Z");

    @Autowired
    UsageMapper usage;

    @Test
    void samplesAddUpPerBucketAndAWindowCanBeRebuilt() {
        usage.addSample(new UsageSample(21, 100, 1000, 10));
        usage.addSample(new UsageSample(21, 100, 500, 5));
        usage.addSample(new UsageSample(21, 101, 7, 7));
        usage.addSample(new UsageSample(23, 100, 1, 1));
        assertThat(usage.selectSamples(21, 100, 102))
                .containsExactly(new UsageSample(21, 100, 1500, 15), new UsageSample(21, 101, 7, 7));
        assertThat(usage.selectSamples(21, 101, 102)).containsExactly(new UsageSample(21, 101, 7, 7));
        assertThat(usage.selectSampleTotals()).isEqualTo(new SampleTotals(2, 1508, 23));

        usage.addSample(new UsageSample(21, 101, 1, 0));

        assertThat(usage.clearSamples(101, 102)).isEqualTo(1);
        assertThat(usage.selectSamples(21, 100, 102))
                .containsExactly(new UsageSample(21, 100, 1500, 15), new UsageSample(21, 101, 0, 0));
        assertThat(usage.selectOldestSampleBucket())
                .as("service 21's bucket 100 and service 23's")
                .isEqualTo(100L);
        assertThat(usage.deleteSamplesBefore(101, 1)).isEqualTo(1);
        assertThat(usage.deleteSamplesBefore(101, 10)).isEqualTo(1);
        assertThat(usage.selectSampleTotals()).isEqualTo(new SampleTotals(1, 0, 0));
        assertThat(usage.selectOldestSampleBucket()).isEqualTo(101L);
        assertThat(usage.deleteSamplesBefore(102, 10)).isEqualTo(1);
        assertThat(usage.selectOldestSampleBucket()).as("none left").isNull();
    }

    @Test
    void closedDaysAreFoldedIntoOneRowEachAndSamplesLeaveByRuns() {
        LocalDate day = LocalDate.parse("2026-11-18");
        long first = UsageDay.firstBucket(day.toEpochDay());
        usage.addSample(new UsageSample(31, first, 10, 1));
        usage.addSample(new UsageSample(31, first + 1, 20, 2));
        usage.addSample(new UsageSample(31, first + 5, 30, 3));
        usage.addSample(new UsageSample(31, first + 288, 40, 4));
        usage.addSample(new UsageSample(32, first, 1, 1));
        assertThat(usage.selectServicesToFold(0, first + 288, 10)).containsExactly(31L, 32L);
        assertThat(usage.selectServicesToFold(31, first + 288, 10)).containsExactly(32L);
        assertThat(usage.selectServicesToFold(0, first, 10)).isEmpty();
        assertThat(usage.selectSamples(31, first, first + 289))
                .extracting(UsageSample::bucket)
                .containsExactly(first, first + 1, first + 5, first + 288);

        long[] in = new long[UsageDay.BUCKETS];
        long[] out = new long[UsageDay.BUCKETS];
        in[0] = 10;
        out[1] = 2;
        usage.upsertDay(UsageDayRow.of(31, day, in, out));
        in[0] = 11;
        usage.upsertDay(UsageDayRow.of(31, day, in, out));
        usage.upsertDay(UsageDayRow.of(31, day.plusDays(2), in, out));
        usage.upsertDay(UsageDayRow.of(32, day.minusDays(40), in, out));
        List<UsageDayRow> days = usage.selectDaysForUpdate(31, day, day.plusDays(2));
        assertThat(days).singleElement().satisfies(d -> {
            assertThat(d.totals()).isEqualTo(new UsageDay.Totals(2, 11, 2, 6));
            long[] backIn = new long[UsageDay.BUCKETS];
            long[] backOut = new long[UsageDay.BUCKETS];
            UsageDay.decodeAdd(d.counters(), backIn, backOut);
            assertThat(backIn).isEqualTo(in);
            assertThat(backOut).isEqualTo(out);
        });
        assertThat(usage.selectDaysForUpdate(31, day, day.plusDays(3)))
                .extracting(UsageDayRow::day)
                .containsExactly(day, day.plusDays(2));
        assertThat(usage.selectExistingDays(List.of(
                        new UsageDayKey(31, day), new UsageDayKey(31, day.plusDays(1)), new UsageDayKey(32, day))))
                .containsExactly(new UsageDayKey(31, day));
        assertThat(usage.selectSampleTotals())
                .as("samples and days")
                .isEqualTo(new SampleTotals(2, 10 + 20 + 30 + 40 + 1 + 11 + 11 + 11, 1 + 2 + 3 + 4 + 1 + 2 + 2 + 2));
        assertThat(usage.deleteDays(day.plusDays(1), day.plusDays(3))).isEqualTo(1);
        assertThat(usage.deleteDaysBefore(day, 10)).isEqualTo(1);
        assertThat(sql(Long.class, "SELECT COUNT(*) FROM usage_day")).isEqualTo(1);
    }

    @Test
    void trafficNoServiceClaimsIsKeptPerAddressAndDay() {
        byte[] ip = {(byte) 198, 51, 100, 7};
        LocalDate day = LocalDate.parse("2026-11-20");
        usage.addUnattributed(new UnattributedRow(ip, day, 10, 20, 1));
        usage.addUnattributed(new UnattributedRow(ip, day, 5, 5, 2));
        usage.addUnattributed(new UnattributedRow(ip, day.minusDays(40), 1, 1, 1));
        assertThat(sql(
                        String.class,
                        "SELECT CONCAT(bytes_in, ' ', bytes_out, ' ', flows) FROM unattributed_traffic WHERE day = ?",
                        day))
                .isEqualTo("15 25 3");
        usage.addUnattributed(new UnattributedRow(new byte[] {(byte) 198, 51, 100, 9}, day, 1, 0, 1));
        assertThat(usage.selectUnattributedDay(day, 10))
                .as("the largest first, the address as text")
                .containsExactly(
                        new UnattributedIp("198.51.100.7", day, 15, 25, 3),
                        new UnattributedIp("198.51.100.9", day, 1, 0, 1));
        assertThat(usage.selectUnattributedDay(day, 1)).hasSize(1);
        assertThat(usage.selectLatestUnattributedDay()).isEqualTo(day);
        assertThat(usage.clearUnattributed(day, day.plusDays(1))).isEqualTo(2);
        assertThat(usage.deleteUnattributedBefore(day.minusDays(30), 10)).isEqualTo(1);
        assertThat(sql(Long.class, "SELECT COUNT(*) FROM unattributed_traffic")).isEqualTo(2);
    }

    @Test
    void aBadRecordIsDeadLetteredOncePerPosition() {
        usage.insertDeadLetter(new DeadLetterRow("file", "abc:12:1", "bytes is negative", "{\"bytes\":-1}", AT));
        usage.insertDeadLetter(new DeadLetterRow("file", "abc:12:1", "bytes is negative", "{\"bytes\":-1}", AT));
        assertThat(usage.selectDeadLetters(null, 10))
                .singleElement()
                .satisfies(d -> assertThat(d.rawRecord()).isEqualTo("{\"bytes\":-1}"))
                .satisfies(d -> assertThat(d.reason()).isEqualTo("bytes is negative"));
        assertThat(usage.selectDeadLetters(
                        usage.selectDeadLetters(null, 1).get(0).id(), 10))
                .isEmpty();
        assertThat(sql(String.class, "SELECT CONCAT(COUNT(*), ' ', MAX(reason)) FROM ingest_dead_letter"))
                .isEqualTo("1 bytes is negative");
    }

    @Test
    void ingestWindowsFilesWatermarksAndKafkaOffsets() {
        usage.insertWindow(
                new IngestWindowRow("es", "2026-11-20T09:00Z", AT.minusSeconds(3600), AT, 10, 8, 1, 0, 1, 4096, AT));
        usage.insertWindow(new IngestWindowRow("file", "flows.ndjson", null, null, 3, 3, 0, 0, 0, 100, AT));
        assertThat(usage.selectRecentWindows(1))
                .extracting(IngestWindowRow::label)
                .containsExactly("flows.ndjson");
        assertThat(usage.selectRecentWindows(5).get(1).windowStart()).isEqualTo(AT.minusSeconds(3600));
        assertThat(usage.selectWindowPage(null, null, 5))
                .extracting(IngestWindowEntry::label)
                .containsExactly("flows.ndjson", "2026-11-20T09:00Z");
        long newest = usage.selectWindowPage(null, null, 1).get(0).id();
        assertThat(usage.selectWindowPage(null, newest, 5))
                .as("older than the newest")
                .extracting(IngestWindowEntry::source, IngestWindowEntry::bytes)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("es", 4096L));
        assertThat(usage.selectWindowPage("es", null, 5)).hasSize(1);

        assertThat(usage.fileImported("abc")).isFalse();
        usage.insertFile("abc", "/data/flows.ndjson", 3, 0, AT);
        assertThat(usage.fileImported("abc")).isTrue();

        assertThat(usage.selectWatermark("es")).isNull();
        usage.upsertWatermark("es", AT);
        usage.upsertWatermark("es", AT.plusSeconds(300));
        assertThat(usage.selectWatermark("es")).isEqualTo(AT.plusSeconds(300));

        usage.insertOffset(new KafkaOffsetRow("billing", "flows", 1, 0), AT);
        usage.insertOffset(new KafkaOffsetRow("billing", "flows", 0, 0), AT);
        assertThat(usage.advanceOffset(new KafkaOffsetRow("billing", "flows", 0, 500), 0, AT))
                .isEqualTo(1);
        assertThat(usage.advanceOffset(new KafkaOffsetRow("billing", "flows", 0, 900), 0, AT))
                .as("a writer that read a stale offset does not move it")
                .isZero();
        assertThat(usage.selectOffsets("billing", "flows"))
                .containsExactly(
                        new KafkaOffsetRow("billing", "flows", 0, 500), new KafkaOffsetRow("billing", "flows", 1, 0));
        assertThat(usage.selectOffsetsForUpdate("billing", "flows")).hasSize(2);
        assertThat(usage.selectOffsets("other", "flows")).isEmpty();
    }
}
