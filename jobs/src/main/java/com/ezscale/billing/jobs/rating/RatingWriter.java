package com.ezscale.billing.jobs.rating;

import com.ezscale.billing.app.outbox.OutboxWriter;
import com.ezscale.billing.customer.db.Contact;
import com.ezscale.billing.customer.db.CustomerMapper;
import com.ezscale.billing.customer.db.CustomerRow;
import com.ezscale.billing.notice.Notices;
import com.ezscale.billing.outbox.db.OutboxMapper;
import com.ezscale.billing.run.db.ParkedCustomer;
import com.ezscale.billing.run.db.RunMapper;
import com.ezscale.billing.usage.TransferQuota;
import com.ezscale.billing.usage.db.RatedUsageRow;
import com.ezscale.billing.usage.db.RatingMapper;
import com.ezscale.billing.usage.db.ThresholdEventRow;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
    private final OutboxWriter outbox;
    private final Timer writeTimer;

    public RatingWriter(
            SqlSession session,
            long jobExecutionId,
            String stepName,
            LocalDate asOf,
            Clock clock,
            OutboxWriter outbox,
            MeterRegistry meters) {
        this.writeTimer = meters.timer("ezscale.rating.write");
        this.outbox = outbox;
        this.session = session;
        this.jobExecutionId = jobExecutionId;
        this.stepName = stepName;
        this.asOf = asOf;
        this.clock = clock;
    }

    @Override
    public void write(Chunk<? extends RatingOutcome> chunk) {
        writeTimer.record(() -> writeChunk(chunk));
    }

    private void writeChunk(Chunk<? extends RatingOutcome> chunk) {
        RatingMapper ratings = session.getMapper(RatingMapper.class);
        CustomerMapper customers = session.getMapper(CustomerMapper.class);
        OutboxWriter outbox = this.outbox.deferred(session.getMapper(OutboxMapper.class));
        RunMapper runs = session.getMapper(RunMapper.class);
        // what the emails need is read first: a select on the batching session flushes what is queued before it
        List<Long> told = chunk.getItems().stream()
                .filter(outcome -> !outcome.thresholds().isEmpty())
                .map(RatingOutcome::customerId)
                .distinct()
                .toList();
        Map<Long, Contact> contacts = new HashMap<>();
        if (!told.isEmpty()) {
            for (CustomerRow customer : customers.selectCustomersByIds(told)) {
                contacts.put(customer.id(), new Contact(customer.name(), customer.email()));
            }
        }
        // one statement after another, each over the whole chunk: the batching session sends each run of one
        // statement as one (rewritten) batch, where interleaving them sent every row alone
        for (RatingOutcome outcome : chunk) {
            if (outcome.parkedReason() != null) {
                runs.insertParked(new ParkedCustomer(
                        jobExecutionId, stepName, outcome.customerId(), asOf, outcome.parkedReason(), clock.instant()));
            }
        }
        for (RatingOutcome outcome : chunk) {
            for (RatedUsageRow row : outcome.ratings()) {
                ratings.insertRating(row);
            }
        }
        for (RatingOutcome outcome : chunk) {
            for (ThresholdEventRow event : outcome.thresholds()) {
                ratings.insertThresholdEvent(event);
                thresholdEmail(
                        outbox, contacts.get(outcome.customerId()), outcome.quotaUnit(), outcome.customerId(), event);
            }
        }
        outbox.flush();
        session.flushStatements();
    }

    /**
     * The customer is told once per (service, period, measure, level), in the chunk that records the
     * event (the outbox's dedupe key is the event's own key).
     */
    private static void thresholdEmail(
            OutboxWriter outbox,
            Contact contact,
            TransferQuota.Unit quotaUnit,
            long customerId,
            ThresholdEventRow event) {
        if (contact == null || contact.email() == null) {
            return;
        }
        boolean quota = event.measure().equals("QUOTA");
        String unit = quota ? " " + quotaUnit.name() : " Mbps";
        outbox.email(
                "EMAIL:THRESHOLD:" + event.subscriptionId() + ":" + event.periodStart() + ":" + event.measure() + ":"
                        + event.levelPercent(),
                customerId,
                null,
                contact.email(),
                new Notices.UsageThreshold(
                        contact.name(),
                        "#" + event.subscriptionId(),
                        "from " + event.periodStart(),
                        quota ? "its transfer quota" : "its bandwidth commit (95th percentile)",
                        event.levelPercent(),
                        event.observed()
                                        .setScale(2, java.math.RoundingMode.HALF_UP)
                                        .toPlainString()
                                + unit,
                        event.threshold().stripTrailingZeros().toPlainString() + unit));
    }
}
