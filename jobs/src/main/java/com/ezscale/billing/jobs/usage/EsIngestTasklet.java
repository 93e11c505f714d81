package com.ezscale.billing.jobs.usage;

import com.ezscale.billing.ingest.es.ElasticsearchWindowIngestor;
import com.ezscale.billing.ingest.es.ElasticsearchWindowIngestor.Direction;
import com.ezscale.billing.ingest.es.ElasticsearchWindowIngestor.Position;
import com.ezscale.billing.ingest.store.UsageStore;
import com.ezscale.billing.usage.db.IngestWindowRow;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/**
 * Ingests the Elasticsearch window [from, to) (whole UTC days): first zero the window, then one
 * composite page per call (destinations, then sources), each in the step's transaction together
 * with the position of the next page in the step's context, so a restart resumes at the page
 * after the last committed one and a rerun rebuilds the window to the same numbers. Finally the
 * watermark moves to {@code to} and the window's counts are recorded for `runs`.
 */
public class EsIngestTasklet implements Tasklet {

    static final String PHASE = "es.phase";
    static final String DIRECTION = "es.direction";
    static final String AFTER = "es.after";
    static final String BUCKETS = "es.buckets";
    static final String ATTRIBUTED = "es.attributedBytes";
    static final String UNATTRIBUTED = "es.unattributedBytes";

    private final ElasticsearchWindowIngestor ingestor;
    private final UsageStore store;
    private final LocalDate from;
    private final LocalDate to;
    private final Clock clock;

    /** {@code ingestor} null: no Elasticsearch is configured and the step does nothing. */
    public EsIngestTasklet(
            ElasticsearchWindowIngestor ingestor, UsageStore store, LocalDate from, LocalDate to, Clock clock) {
        this.ingestor = ingestor;
        this.store = store;
        this.from = from;
        this.to = to;
        this.clock = clock;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        if (ingestor == null) {
            contribution.setExitStatus(ExitStatus.COMPLETED.addExitDescription(
                    "no Elasticsearch configured (ezscale.ingest.elasticsearch.url)"));
            return RepeatStatus.FINISHED;
        }
        if (!from.isBefore(to)) {
            contribution.setExitStatus(ExitStatus.COMPLETED.addExitDescription("empty window " + from + " to " + to));
            return RepeatStatus.FINISHED;
        }
        ExecutionContext context =
                chunkContext.getStepContext().getStepExecution().getExecutionContext();
        String phase = context.getString(PHASE, "clear");
        switch (phase) {
            case "clear" -> {
                store.inTransaction(m -> {
                    ingestor.clear(m, from, to);
                    return null;
                });
                save(context, "read", Position.start());
                return RepeatStatus.CONTINUABLE;
            }
            case "read" -> {
                Position position = new Position(
                        Direction.valueOf(context.getString(DIRECTION)), decode(context.getString(AFTER, "")));
                ElasticsearchWindowIngestor.PageResult page =
                        store.inTransaction(m -> ingestor.page(m, from, to, position));
                context.putLong(BUCKETS, context.getLong(BUCKETS, 0L) + page.buckets());
                context.putLong(ATTRIBUTED, context.getLong(ATTRIBUTED, 0L) + page.attributedBytes());
                context.putLong(UNATTRIBUTED, context.getLong(UNATTRIBUTED, 0L) + page.unattributedBytes());
                contribution.incrementReadCount();
                save(context, page.next().done() ? "finish" : "read", page.next());
                return RepeatStatus.CONTINUABLE;
            }
            default -> {
                Instant start = from.atStartOfDay(ZoneOffset.UTC).toInstant();
                Instant end = to.atStartOfDay(ZoneOffset.UTC).toInstant();
                long buckets = context.getLong(BUCKETS, 0L);
                store.inTransaction(m -> {
                    m.upsertWatermark(ElasticsearchWindowIngestor.SOURCE, end);
                    m.insertWindow(new IngestWindowRow(
                            ElasticsearchWindowIngestor.SOURCE,
                            "window " + from + " to " + to,
                            start,
                            end,
                            buckets,
                            buckets,
                            0,
                            0,
                            0,
                            context.getLong(ATTRIBUTED, 0L),
                            clock.instant()));
                    return null;
                });
                contribution.setExitStatus(new ExitStatus(
                        "COMPLETED",
                        buckets + " composite buckets, " + context.getLong(ATTRIBUTED, 0L) + " bytes attributed, "
                                + context.getLong(UNATTRIBUTED, 0L) + " unattributed"));
                return RepeatStatus.FINISHED;
            }
        }
    }

    private static void save(ExecutionContext context, String phase, Position position) {
        context.putString(PHASE, phase);
        context.putString(
                DIRECTION,
                position.direction() == null
                        ? Direction.SOURCE.name()
                        : position.direction().name());
        context.putString(AFTER, encode(position.afterKey()));
    }

    static String encode(Map<String, String> afterKey) {
        if (afterKey == null) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        afterKey.forEach((k, v) ->
                out.append(out.length() == 0 ? "" : ";").append(k).append('=').append(v));
        return out.toString();
    }

    static Map<String, String> decode(String text) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        Map<String, String> key = new LinkedHashMap<>();
        for (String part : text.split(";")) {
            int eq = part.indexOf('=');
            key.put(part.substring(0, eq), part.substring(eq + 1));
        }
        return key;
    }
}
