package com.ezscale.billing.app.usage;

import com.ezscale.billing.usage.UsageDay;
import com.ezscale.billing.usage.db.UsageDayRow;
import com.ezscale.billing.usage.db.UsageMapper;
import java.sql.PreparedStatement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.jdbc.core.JdbcTemplate;
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
 *
 * <p>The samples stream through plain JDBC straight into each day's arrays (a month of 10,000
 * services is 89M rows: no object per row) and the day rows go in one batched statement.
 */
@Service
public class UsageCompaction {

    /** What one call folded. */
    public record Folded(int services, int days, long samples) {}

    private static final String SAMPLES = "SELECT bucket, bytes_in, bytes_out FROM usage_sample"
            + " WHERE subscription_id = ? AND bucket < ? ORDER BY bucket FOR UPDATE";

    private static final String DELETE_RUN =
            "DELETE FROM usage_sample WHERE subscription_id = ? AND bucket >= ? AND bucket <= ?";

    private static final String UPSERT_DAY =
            "INSERT INTO usage_day (subscription_id, day, buckets, bytes_in, bytes_out, weighted, counters)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?) ON DUPLICATE KEY UPDATE buckets = VALUES(buckets),"
                    + " bytes_in = VALUES(bytes_in), bytes_out = VALUES(bytes_out), weighted = VALUES(weighted),"
                    + " counters = VALUES(counters)";

    private final UsageMapper usage;
    private final JdbcTemplate jdbc;

    public UsageCompaction(UsageMapper usage, JdbcTemplate jdbc) {
        this.usage = usage;
        this.jdbc = jdbc;
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
        long samples = 0;
        List<UsageDayRow> rows = new ArrayList<>();
        List<long[]> runs = new ArrayList<>();
        for (long id : subscriptionIds) {
            TreeMap<Long, long[][]> byDay = new TreeMap<>();
            long[] run = {-1, -1}; // the run of consecutive buckets being read
            long[] read = {0};
            jdbc.query(
                    SAMPLES,
                    rs -> {
                        long bucket = rs.getLong(1);
                        long day = UsageDay.epochDay(bucket);
                        long[][] counters = byDay.computeIfAbsent(
                                day, d -> new long[][] {new long[UsageDay.BUCKETS], new long[UsageDay.BUCKETS]});
                        int i = (int) (bucket - UsageDay.firstBucket(day));
                        counters[0][i] += rs.getLong(2);
                        counters[1][i] += rs.getLong(3);
                        if (run[1] != bucket - 1) {
                            if (run[0] >= 0) {
                                runs.add(new long[] {id, run[0], run[1]});
                            }
                            run[0] = bucket;
                        }
                        run[1] = bucket;
                        read[0]++;
                    },
                    id,
                    beforeBucket);
            if (byDay.isEmpty()) {
                continue;
            }
            runs.add(new long[] {id, run[0], run[1]});
            services++;
            samples += read[0];
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
                rows.add(UsageDayRow.of(id, LocalDate.ofEpochDay(day), counters[0], counters[1]));
            });
        }
        if (!rows.isEmpty()) {
            jdbc.batchUpdate(UPSERT_DAY, rows, 500, (PreparedStatement ps, UsageDayRow d) -> {
                ps.setLong(1, d.subscriptionId());
                ps.setObject(2, d.day());
                ps.setInt(3, d.buckets());
                ps.setLong(4, d.bytesIn());
                ps.setLong(5, d.bytesOut());
                ps.setLong(6, d.weighted());
                ps.setBytes(7, d.counters());
            });
            // exactly the rows read: every bucket of a run was a locked row, so nothing that arrived since is in one
            jdbc.batchUpdate(DELETE_RUN, runs, 500, (PreparedStatement ps, long[] r) -> {
                ps.setLong(1, r[0]);
                ps.setLong(2, r[1]);
                ps.setLong(3, r[2]);
            });
        }
        return new Folded(services, rows.size(), samples);
    }
}
