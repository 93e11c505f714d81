package com.ezscale.billing.app.usage;

import com.ezscale.billing.usage.UsageDay;
import com.ezscale.billing.usage.UsageSample;
import com.ezscale.billing.usage.db.UsageDayRow;
import com.ezscale.billing.usage.db.UsageMapper;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Folds services' samples of closed days into their day rows ({@code usage_day}): the samples are
 * read and locked, added to the day's row (created at zero), and exactly the rows read are
 * deleted, in the caller's transaction. A crash before the commit leaves the samples as they were;
 * a second pass finds nothing left to fold. A sample that arrives for a folded day while this runs
 * waits for the lock and is then stored as a sample again, which readers add and the next pass
 * folds.
 */
@Service
public class UsageCompaction {

    /** What one call folded. */
    public record Folded(int services, int days, long samples) {}

    private final UsageMapper usage;

    public UsageCompaction(UsageMapper usage) {
        this.usage = usage;
    }

    /** The first day not folded yet on {@code asOf}: days are folded once they have been closed a full day. */
    public static LocalDate foldBefore(LocalDate asOf) {
        return asOf.minusDays(1);
    }

    /** Folds the samples of {@code subscriptionIds} before {@code beforeDay}. */
    @Transactional(propagation = Propagation.MANDATORY)
    public Folded fold(List<Long> subscriptionIds, LocalDate beforeDay) {
        long beforeBucket = UsageDay.firstBucket(beforeDay.toEpochDay());
        int services = 0;
        int days = 0;
        long samples = 0;
        for (long id : subscriptionIds) {
            List<UsageSample> rows = usage.selectSamplesToFold(id, beforeBucket);
            if (rows.isEmpty()) {
                continue;
            }
            services++;
            samples += rows.size();
            TreeMap<Long, long[][]> byDay = new TreeMap<>();
            for (UsageSample s : rows) {
                long[][] counters = byDay.computeIfAbsent(UsageDay.epochDay(s.bucket()), d ->
                        new long[][] {new long[UsageDay.BUCKETS], new long[UsageDay.BUCKETS]});
                int i = (int) (s.bucket() - UsageDay.firstBucket(UsageDay.epochDay(s.bucket())));
                counters[0][i] += s.bytesIn();
                counters[1][i] += s.bytesOut();
            }
            Map<Long, UsageDayRow> stored = new HashMap<>();
            for (UsageDayRow row : usage.selectDaysForUpdate(
                    id, LocalDate.ofEpochDay(byDay.firstKey()), LocalDate.ofEpochDay(byDay.lastKey() + 1))) {
                stored.put(row.day().toEpochDay(), row);
            }
            byDay.forEach((day, counters) -> {
                UsageDayRow before = stored.get(day);
                if (before != null) {
                    UsageDay.decodeAdd(before.counters(), counters[0], counters[1]);
                }
                usage.upsertDay(UsageDayRow.of(id, LocalDate.ofEpochDay(day), counters[0], counters[1]));
            });
            days += byDay.size();
            deleteRead(id, rows);
        }
        return new Folded(services, days, samples);
    }

    /** Deletes exactly the samples read: each run of consecutive buckets, all of whose rows are locked. */
    private void deleteRead(long id, List<UsageSample> rows) {
        long runStart = rows.get(0).bucket();
        long previous = runStart;
        for (int i = 1; i <= rows.size(); i++) {
            if (i < rows.size() && rows.get(i).bucket() == previous + 1) {
                previous = rows.get(i).bucket();
                continue;
            }
            usage.deleteSampleRun(id, runStart, previous);
            if (i < rows.size()) {
                runStart = rows.get(i).bucket();
                previous = runStart;
            }
        }
    }
}
