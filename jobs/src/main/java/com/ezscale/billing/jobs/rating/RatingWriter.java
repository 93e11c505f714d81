package com.ezscale.billing.jobs.rating;

import com.ezscale.billing.run.db.ParkedCustomer;
import com.ezscale.billing.run.db.RunMapper;
import com.ezscale.billing.usage.db.RatedUsageRow;
import com.ezscale.billing.usage.db.RatingMapper;
import com.ezscale.billing.usage.db.ThresholdEventRow;
import java.time.Clock;
import java.time.LocalDate;
import org.apache.ibatis.session.SqlSession;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;

/** Stores new ratings (unique per service, period and revision), threshold events (once each) and parked customers; flushed inside the chunk. */
public class RatingWriter implements ItemWriter<RatingOutcome> {

    private final SqlSession session;
    private final long jobExecutionId;
    private final String stepName;
    private final LocalDate asOf;
    private final Clock clock;

    public RatingWriter(SqlSession session, long jobExecutionId, String stepName, LocalDate asOf, Clock clock) {
        this.session = session;
        this.jobExecutionId = jobExecutionId;
        this.stepName = stepName;
        this.asOf = asOf;
        this.clock = clock;
    }

    @Override
    public void write(Chunk<? extends RatingOutcome> chunk) {
        RatingMapper ratings = session.getMapper(RatingMapper.class);
        RunMapper runs = session.getMapper(RunMapper.class);
        for (RatingOutcome outcome : chunk) {
            if (outcome.parkedReason() != null) {
                runs.insertParked(new ParkedCustomer(
                        jobExecutionId, stepName, outcome.customerId(), asOf, outcome.parkedReason(), clock.instant()));
            }
            for (RatedUsageRow row : outcome.ratings()) {
                ratings.insertRating(row);
            }
            for (ThresholdEventRow event : outcome.thresholds()) {
                ratings.insertThresholdEvent(event);
            }
        }
        session.flushStatements();
    }
}
