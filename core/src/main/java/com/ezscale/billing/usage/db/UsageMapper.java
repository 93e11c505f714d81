package com.ezscale.billing.usage.db;

import com.ezscale.billing.usage.UsageSample;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;

@Mapper
public interface UsageMapper {

    /** Adds to a sample (creating it at zero). */
    void addSample(UsageSample sample);

    /** Sets both counters of the samples in [fromBucket, toBucket) to zero: an Elasticsearch window is rebuilt from scratch. */
    int clearSamples(@Param("fromBucket") long fromBucket, @Param("toBucket") long toBucket);

    List<UsageSample> selectSamples(
            @Param("subscriptionId") long subscriptionId,
            @Param("fromBucket") long fromBucket,
            @Param("toBucket") long toBucket);

    /** Deletes up to {@code limit} samples older than {@code beforeBucket}; returns how many. */
    /** The oldest bucket any service still has a sample in; null when there are none. */
    Long selectOldestSampleBucket();

    int deleteSamplesBefore(@Param("beforeBucket") long beforeBucket, @Param("limit") int limit);

    /** Services after {@code afterId} with a sample before {@code beforeBucket}, in id order. */
    List<Long> selectServicesToFold(
            @Param("afterId") long afterId, @Param("beforeBucket") long beforeBucket, @Param("limit") int limit);

    /** A service's closed days in [fromDay, toDay), in day order, locked until the transaction ends. */
    List<UsageDayRow> selectDaysForUpdate(
            @Param("subscriptionId") long subscriptionId,
            @Param("fromDay") LocalDate fromDay,
            @Param("toDay") LocalDate toDay);

    /** Which of {@code keys} are closed days already (a plain read, no lock). */
    List<UsageDayKey> selectExistingDays(@Param("keys") List<UsageDayKey> keys);

    /** Writes a day row (inserted, or replacing the stored one). */
    void upsertDay(UsageDayRow day);

    /** Deletes every service's days in [fromDay, toDay): an Elasticsearch window is rebuilt from scratch. */
    int deleteDays(@Param("fromDay") LocalDate fromDay, @Param("toDay") LocalDate toDay);

    /** Deletes up to {@code limit} day rows before {@code beforeDay}; returns how many. */
    int deleteDaysBefore(@Param("beforeDay") LocalDate beforeDay, @Param("limit") int limit);

    void addUnattributed(UnattributedRow row);

    int clearUnattributed(@Param("fromDay") LocalDate fromDay, @Param("toDay") LocalDate toDay);

    int deleteUnattributedBefore(@Param("beforeDay") LocalDate beforeDay, @Param("limit") int limit);

    void insertDeadLetter(@Param("d") DeadLetterRow deadLetter);

    void insertWindow(@Param("w") IngestWindowRow window);

    List<IngestWindowRow> selectRecentWindows(@Param("limit") int limit);

    /** Ingest passes newest first, before the pass {@code before} (keyset), optionally of one source. */
    List<IngestWindowEntry> selectWindowPage(
            @Param("source") String source, @Param("before") Long before, @Param("limit") int limit);

    /** The addresses with the most traffic no service owned on {@code day}, the largest first. */
    List<UnattributedIp> selectUnattributedDay(@Param("day") LocalDate day, @Param("limit") int limit);

    /** The last day with unattributed traffic; null when there is none. */
    LocalDate selectLatestUnattributedDay();

    List<KafkaOffsetRow> selectOffsets(@Param("group") String group, @Param("topic") String topic);

    /** The stored offsets, locked until the transaction ends. */
    List<KafkaOffsetRow> selectOffsetsForUpdate(@Param("group") String group, @Param("topic") String topic);

    /** Sums over all usage, samples and closed days: (services, bytes in, bytes out), for checks and reports. */
    SampleTotals selectSampleTotals();

    void insertOffset(@Param("o") KafkaOffsetRow offset, @Param("now") Instant now);

    /** Moves a partition's offset only if it still is where this consumer started: fences a consumer that lost the partition. */
    int advanceOffset(
            @Param("o") KafkaOffsetRow offset, @Param("expected") long expectedOffset, @Param("now") Instant now);

    boolean fileImported(@Param("sha256") String sha256);

    void insertFile(
            @Param("sha256") String sha256,
            @Param("path") String path,
            @Param("records") long records,
            @Param("deadLetters") long deadLetters,
            @Param("now") Instant now);

    Instant selectWatermark(@Param("source") String source);

    void upsertWatermark(@Param("source") String source, @Param("watermark") Instant watermark);

    /** Dead letters newest first, before {@code before} (keyset by id). */
    List<StoredDeadLetter> selectDeadLetters(@Param("before") Long before, @Param("limit") int limit);
}
