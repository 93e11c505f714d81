package com.ezscale.billing.ingest.bench;

import com.ezscale.billing.ingest.aggregate.UsageAggregator;
import com.ezscale.billing.ingest.aggregate.UsageBatch;
import com.ezscale.billing.ingest.attribution.ExporterPolicy;
import com.ezscale.billing.ingest.attribution.IpAttributionIndex;
import com.ezscale.billing.ingest.flow.ElastiFlowSchema;
import com.ezscale.billing.ingest.flow.FlowRecordParser;
import com.ezscale.billing.subscription.IpAssignment;
import com.ezscale.billing.subscription.IpPrefix;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The consumer's own work per record, without Kafka or the database: the same records as
 * {@link KafkaIngestBenchmark} parsed only, then parsed, attributed (10,000 services) and
 * aggregated into batches of {@code BATCH} records, on one thread; five rounds each, the best
 * printed (the first rounds warm the JIT compiler up).
 *
 * <pre>./mvnw -q -pl ingest exec:java -Dexec.classpathScope=test \
 *   -Dexec.mainClass=com.ezscale.billing.ingest.bench.AggregateBenchmark -Dexec.args="RECORDS BATCH"</pre>
 */
public final class AggregateBenchmark {

    public static void main(String[] args) {
        int records = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int batchRecords = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
        Instant now = Instant.now();
        List<byte[]> flows = KafkaIngestBenchmark.generate(42, records, now);
        List<IpAssignment> assignments = new ArrayList<>();
        Instant since = now.minus(Duration.ofDays(30));
        for (int i = 0; i < 10_000; i++) {
            assignments.add(
                    new IpAssignment(i + 1, i + 1, IpPrefix.parse(KafkaIngestBenchmark.customerIp(i)), since, null));
        }
        IpAttributionIndex index = new IpAttributionIndex(assignments);
        FlowRecordParser parser = new FlowRecordParser(ElastiFlowSchema.CODEX, Duration.ofDays(760));
        UsageAggregator aggregator = new UsageAggregator(parser, new ExporterPolicy(List.of()));

        double bestParse = 0;
        double bestAggregate = 0;
        long checksum = 0;
        for (int round = 0; round < 5; round++) {
            long start = System.nanoTime();
            for (byte[] flow : flows) {
                try {
                    checksum += parser.parse(flow, now).bytes();
                } catch (RuntimeException bad) {
                    checksum++;
                }
            }
            bestParse = Math.max(bestParse, records / ((System.nanoTime() - start) / 1e9));

            start = System.nanoTime();
            UsageBatch batch = new UsageBatch();
            for (int i = 0; i < flows.size(); i++) {
                aggregator.accept(flows.get(i), "bench-", i, now, index, batch);
                if ((i + 1) % batchRecords == 0) {
                    checksum += batch.sampleRows().size();
                    batch = new UsageBatch();
                }
            }
            checksum += batch.sampleRows().size();
            bestAggregate = Math.max(bestAggregate, records / ((System.nanoTime() - start) / 1e9));
        }
        System.out.printf(
                "parse only:                            %,10.0f records/s (%.2f µs each)%n",
                bestParse, 1e6 / bestParse);
        System.out.printf(
                "parse, attribute, aggregate (batches of %,d): %,10.0f records/s (%.2f µs each)%n",
                batchRecords, bestAggregate, 1e6 / bestAggregate);
        System.out.printf("ratio: %.2f (checksum %d)%n", bestAggregate / bestParse, checksum);
    }
}
