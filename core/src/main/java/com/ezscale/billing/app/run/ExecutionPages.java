package com.ezscale.billing.app.run;

import com.ezscale.billing.run.db.RunKey;
import com.ezscale.billing.run.db.RunMapper;
import com.ezscale.billing.run.db.RunSummary;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;

/**
 * The executions page: a page of Spring Batch executions, newest first, as {@link RunMapper#selectRuns} lists them,
 * read in two steps. The page's keys first (id, {@code VERSION}, ended or not: an index walk); then the full rows
 * (the asOf parameter, the steps' sums, the parked count: subqueries per row) only for executions still running or
 * not remembered at that version. An ended execution's row changes only through an update of the execution itself
 * (abandon, a recovery's FAILED), and Spring Batch moves {@code VERSION} on every such update, on whichever node
 * makes it; its steps and parked customers are written while it runs. So a row remembered at the version the keys
 * read is the row the database holds, and the page shows what {@code selectRuns} would.
 */
@Service
public class ExecutionPages {

    /** Rows remembered: 400 pages' worth, a few MB. */
    static final int REMEMBERED = 20_000;

    private final RunMapper runs;
    private final Cache<Long, Remembered> ended =
            Caffeine.newBuilder().maximumSize(REMEMBERED).build();

    public ExecutionPages(RunMapper runs) {
        this.runs = runs;
    }

    /** Executions newest first, optionally of one job and status, before the execution {@code before} (keyset). */
    public List<RunSummary> page(String job, String status, Long before, int limit) {
        List<RunKey> keys = runs.selectRunKeys(job, status, before, limit);
        Map<Long, RunSummary> found = new HashMap<>(keys.size() * 2);
        List<Long> missing = new ArrayList<>();
        for (RunKey key : keys) {
            Remembered r = key.finished() ? ended.getIfPresent(key.executionId()) : null;
            if (r != null && r.version() == key.version()) {
                found.put(key.executionId(), r.row());
            } else {
                missing.add(key.executionId());
            }
        }
        if (!missing.isEmpty()) {
            List<RunSummary> read = runs.selectRunsByIds(missing);
            Map<Long, RunKey> byId = new HashMap<>(keys.size() * 2);
            keys.forEach(k -> byId.put(k.executionId(), k));
            for (RunSummary row : read) {
                found.put(row.executionId(), row);
                RunKey key = byId.get(row.executionId());
                // remembered at the version read before the row: an update in between moves the version again, so
                // the next page reads the row afresh
                if (key.finished()) {
                    ended.put(row.executionId(), new Remembered(key.version(), row));
                }
            }
        }
        List<RunSummary> page = new ArrayList<>(keys.size());
        for (RunKey key : keys) {
            RunSummary row = found.get(key.executionId());
            if (row != null) { // deleted between the two reads
                page.add(row);
            }
        }
        return page;
    }

    private record Remembered(long version, RunSummary row) {}
}
