package com.ezscale.billing.migration.db;

import com.ezscale.billing.persistence.TsvRows;
import java.time.Instant;
import java.util.List;

/** What a source row became here, and the fingerprint of the source row when it was imported. */
public record MigrationKey(long sourceId, long targetId, String fingerprint) {

    /** The columns {@link #appendTo} writes, in its order: those of the mapper's {@code upsertKey}. */
    public static final List<String> COLUMNS =
            List.of("source", "kind", "source_id", "target_id", "fingerprint", "imported_at");

    /** A new key (none for this source row yet) as a row of {@link #COLUMNS} for {@code LOAD DATA}. */
    public void appendTo(TsvRows rows, String source, String kind, Instant at) {
        rows.text(source)
                .text(kind)
                .number(sourceId)
                .number(targetId)
                .text(fingerprint)
                .instant(at)
                .end();
    }
}
