package com.ezscale.billing.ingest.bench;

import com.ezscale.billing.catalog.Plan;
import com.ezscale.billing.catalog.Product;
import com.ezscale.billing.catalog.ProductKind;
import com.ezscale.billing.catalog.db.CatalogMapper;
import com.ezscale.billing.customer.Customer;
import com.ezscale.billing.customer.CustomerStatus;
import com.ezscale.billing.customer.PostalAddress;
import com.ezscale.billing.customer.db.CustomerMapper;
import com.ezscale.billing.customer.db.CustomerRow;
import com.ezscale.billing.ingest.IngestProperties;
import com.ezscale.billing.ingest.IngestTestApplication;
import com.ezscale.billing.ingest.aggregate.UsageAggregator;
import com.ezscale.billing.ingest.attribution.AttributionIndexProvider;
import com.ezscale.billing.ingest.flow.ElastiFlowSchema;
import com.ezscale.billing.ingest.flow.FlowRecordParser;
import com.ezscale.billing.ingest.flow.SyntheticFlows;
import com.ezscale.billing.ingest.kafka.KafkaBatchWriter;
import com.ezscale.billing.ingest.kafka.KafkaIngestor;
import com.ezscale.billing.ingest.store.IngestMetrics;
import com.ezscale.billing.ingest.store.UsageStore;
import com.ezscale.billing.money.Money;
import com.ezscale.billing.period.BillingCycle;
import com.ezscale.billing.persistence.PersistenceConfiguration;
import com.ezscale.billing.subscription.IpAssignment;
import com.ezscale.billing.subscription.IpPrefix;
import com.ezscale.billing.subscription.Subscription;
import com.ezscale.billing.subscription.SubscriptionStatus;
import com.ezscale.billing.subscription.db.IpAssignmentRow;
import com.ezscale.billing.subscription.db.SubscriptionMapper;
import com.ezscale.billing.testing.TestDatabases;
import com.ezscale.billing.usage.db.SampleTotals;
import com.ezscale.billing.usage.db.UsageMapper;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.DoubleSupplier;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.mybatis.spring.SqlSessionTemplate;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The Kafka ingest benchmark: 10,000 customer IPs, ElastiFlow-like CODEX records of ~477 bytes
 * ({@link SyntheticFlows}: internet to and from customers, 6% customer to customer, 3% nobody's,
 * 1% malformed) in an in-process KRaft broker (4 partitions), consumed by CONSUMERS members of one
 * group sharing one {@link KafkaBatchWriter}, as a node runs them. Phases: parse only (one
 * thread); a warm-up ingest of WARMUP other records (so the measured phases run compiled code);
 * produce, then ingest the filled topic; then produce while the consumers ingest. Each ingest
 * phase prints its rate, its transactions and the CPU each part used per record ({@link CpuMeter}).
 *
 * <pre>./mvnw -q -pl ingest -am install -DskipTests && ./mvnw -q -pl ingest exec:java -Dexec.classpathScope=test \
 *   -Dexec.mainClass=com.ezscale.billing.ingest.bench.KafkaIngestBenchmark -Dexec.args="RECORDS CONSUMERS BATCH_RECORDS WARMUP"</pre>
 */
public final class KafkaIngestBenchmark {

    private static final String TOPIC = "bench-flows";
    private static final String PIPELINE_TOPIC = "bench-flows-pipeline";
    private static final String WARMUP_TOPIC = "bench-flows-warmup";
    private static final int SERVICES = 10_000;

    public static void main(String[] args) throws Exception {
        int records = args.length > 0 ? Integer.parseInt(args[0]) : 2_000_000;
        int consumers = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        int batchRecords = args.length > 2 ? Integer.parseInt(args[2]) : 50_000; // conf/application.yml's
        int warmupRecords = args.length > 3 ? Integer.parseInt(args[3]) : records / 2;
        int partitions = 4;
        EmbeddedKafkaKraftBroker broker =
                new EmbeddedKafkaKraftBroker(1, partitions, WARMUP_TOPIC, TOPIC, PIPELINE_TOPIC);
        broker.afterPropertiesSet();
        String url = TestDatabases.newDatabaseUrl();
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(IngestTestApplication.class)
                .web(WebApplicationType.NONE)
                .run(
                        "--spring.datasource.url=" + url,
                        "--ezscale.embedded-db.enabled=false",
                        "--logging.level.root=WARN",
                        "--logging.level.com.ezscale=WARN")) {
            createServices(context);
            Instant now = Instant.now();
            // the records as ElastiFlow sends them (UTF-8), encoded before anything is measured
            List<byte[]> flows = generate(42, records, now);
            double averageBytes =
                    flows.stream().mapToInt(f -> f.length).average().orElse(0);

            FlowRecordParser parser = new FlowRecordParser(ElastiFlowSchema.CODEX, Duration.ofDays(760));
            parseAll(parser, flows, now); // warm-up
            long parseStart = System.nanoTime();
            int parsed = parseAll(parser, flows, now);
            double parseSeconds = (System.nanoTime() - parseStart) / 1e9;
            String brokers = broker.getBrokersAsString();
            CpuMeter cpu = new CpuMeter();

            // 0. warm-up: the whole path once on other records, so the measured phases run compiled code (an ingest
            // node
            //    runs for weeks; the JIT compiler's first minute is not its throughput); reported on its own
            Run warmup = null;
            if (warmupRecords > 0) {
                produce(brokers, WARMUP_TOPIC, generate(7, warmupRecords, now));
                warmup = ingest(
                        context,
                        cpu,
                        config(brokers, WARMUP_TOPIC, "bench-warmup", batchRecords),
                        consumers,
                        warmupRecords,
                        false);
            }

            // 1. ElastiFlow's side: fill the topic
            double produceSeconds = produce(brokers, TOPIC, flows);

            // 2. ours: consume, aggregate, commit samples + offsets, with `consumers` members of one group
            Run filled = ingest(context, cpu, config(brokers, TOPIC, "bench", batchRecords), consumers, records, false);

            // 3. both at once: consumers already in their group, then the producer sends and they ingest as records
            // arrive
            Run pipeline = ingest(
                    context,
                    cpu,
                    config(brokers, PIPELINE_TOPIC, "bench-pipeline", batchRecords),
                    consumers,
                    records,
                    true,
                    () -> produce(brokers, PIPELINE_TOPIC, flows));

            JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
            SampleTotals totals = context.getBean(UsageMapper.class).selectSampleTotals();
            long windows = jdbc.queryForObject(
                    "SELECT COUNT(*) FROM ingest_window WHERE label NOT LIKE ?", Long.class, WARMUP_TOPIC + "%");
            long accounted = jdbc.queryForObject(
                    "SELECT SUM(attributed + unattributed + ignored + dead_letters) FROM ingest_window "
                            + "WHERE label NOT LIKE ?",
                    Long.class,
                    WARMUP_TOPIC + "%");
            System.out.printf(
                    "records %,d (avg %.0f bytes), %d partitions, %d consumers, %d transactions, %,d samples bytes in%n",
                    records, averageBytes, partitions, consumers, windows, totals.bytesIn());
            System.out.printf(
                    "accounted for: %,d of %,d records (attributed + unattributed + ignored + dead-lettered)%n",
                    accounted, 2L * records);
            System.out.printf(
                    "parse only (1 thread):                      %,10.0f records/s (%d parsed)%n",
                    parsed / parseSeconds, parsed);
            if (warmup != null) {
                System.out.printf(
                        "warm-up ingest of %,d other records (cold JVM, group start included): %,10.0f records/s%n",
                        warmupRecords, warmupRecords / warmup.seconds());
            }
            System.out.printf(
                    "produce (ElastiFlow's side, 1 producer):    %,10.0f records/s in %.1f s%n",
                    records / produceSeconds, produceSeconds);
            System.out.printf(
                    "ingest (consume, parse, attribute, aggregate, commit samples + offsets, group start included): %,10.0f records/s in %.1f s%n",
                    records / filled.seconds(), filled.seconds());
            System.out.printf(
                    "ingest after the group formed (from the first commit): %,10.0f records/s%n", filled.steadyRate());
            System.out.printf(
                    "end to end (produce then ingest):           %,10.0f records/s%n",
                    records / (produceSeconds + filled.seconds()));
            System.out.printf(
                    "end to end (producing and ingesting at once, group formed, first send to last commit): %,10.0f records/s in %.1f s%n",
                    records / pipeline.seconds(), pipeline.seconds());
            System.out.printf(
                    "consumer time: parse+attribute+aggregate %.1f s, write+commit %.1f s (summed over consumers)%n",
                    filled.aggregateNanos() / 1e9, filled.commitNanos() / 1e9);
            System.out.printf(
                    "ratio ingest (group formed) / parse only: %.2f%n", filled.steadyRate() / (parsed / parseSeconds));
            for (String[] phase :
                    new String[][] {{"filled topic", TOPIC + "-_@%"}, {"at once", PIPELINE_TOPIC + "-_@%"}}) {
                Map<String, Object> t = jdbc.queryForMap(
                        "SELECT COUNT(*) n, AVG(records) r FROM ingest_window WHERE label LIKE ?", phase[1]);
                System.out.printf(
                        "transactions (%s): %s, %,.0f records each on average%n",
                        phase[0], t.get("n"), ((Number) t.get("r")).doubleValue());
            }
            cpu.print("ingest of the filled topic", filled.cpuBefore(), filled.cpuAfter(), records, filled.seconds());
            cpu.print(
                    "producing and ingesting at once",
                    pipeline.cpuBefore(),
                    pipeline.cpuAfter(),
                    records,
                    pipeline.seconds());
        } finally {
            broker.destroy();
        }
        System.exit(0);
    }

    /** What one ingest phase measured. */
    private record Run(
            double seconds,
            double steadyRate,
            long aggregateNanos,
            long commitNanos,
            CpuMeter.Snapshot cpuBefore,
            CpuMeter.Snapshot cpuAfter) {}

    private static IngestProperties.Kafka config(String brokers, String topic, String group, int batchRecords) {
        return new IngestProperties.Kafka(true, true, brokers, topic, group, 10_000, 100, batchRecords, 1000, 1);
    }

    private static Run ingest(
            ConfigurableApplicationContext context,
            CpuMeter cpu,
            IngestProperties.Kafka config,
            int consumers,
            int records,
            boolean formGroupFirst)
            throws InterruptedException {
        return ingest(context, cpu, config, consumers, records, formGroupFirst, () -> 0);
    }

    /**
     * Runs {@code consumers} members of one group until the stored offsets reach {@code records};
     * with {@code formGroupFirst}, the clock starts once the group formed on the topic and
     * {@code whileRunning} (the producer) is called then.
     */
    private static Run ingest(
            ConfigurableApplicationContext context,
            CpuMeter cpu,
            IngestProperties.Kafka config,
            int consumers,
            int records,
            boolean formGroupFirst,
            DoubleSupplier whileRunning)
            throws InterruptedException {
        JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
        List<KafkaIngestor> ingestors = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        AtomicLong firstCommitAt = new AtomicLong();
        AtomicLong firstCommitRecords = new AtomicLong();
        CpuMeter.Snapshot before = cpu.snapshot();
        long start = System.nanoTime();
        KafkaBatchWriter writer = new KafkaBatchWriter(
                config.groupId(),
                config.topic(),
                context.getBean(UsageStore.class),
                Clock.systemUTC(),
                config.batchMillis());
        for (int i = 0; i < consumers; i++) { // as a node runs them: the consumers share the node's writer
            KafkaIngestor ingestor = new KafkaIngestor(
                    config,
                    context.getBean(UsageAggregator.class),
                    context.getBean(AttributionIndexProvider.class),
                    context.getBean(UsageStore.class),
                    context.getBean(IngestMetrics.class),
                    Clock.systemUTC(),
                    batch -> {
                        if (firstCommitAt.compareAndSet(0, System.nanoTime())) {
                            firstCommitRecords.set(batch.records());
                        }
                    },
                    writer);
            ingestors.add(ingestor);
            Thread thread = new Thread(ingestor, "bench-consumer-" + i);
            threads.add(thread);
            thread.start();
        }
        if (formGroupFirst) {
            Thread.sleep(5000); // the group forms on the empty topic
            before = cpu.snapshot();
            start = System.nanoTime();
            whileRunning.getAsDouble();
        }
        while (committed(jdbc, config.groupId()) < records) {
            Thread.sleep(20);
        }
        long end = System.nanoTime();
        CpuMeter.Snapshot after = cpu.snapshot();
        ingestors.forEach(KafkaIngestor::stop);
        for (Thread t : threads) {
            t.join(30_000);
        }
        writer.close();
        long aggregate = ingestors.stream().mapToLong(i -> i.timings()[0]).sum();
        long commit = ingestors.stream().mapToLong(i -> i.timings()[1]).sum();
        double steady = firstCommitAt.get() == 0
                ? 0
                : (records - firstCommitRecords.get()) / ((end - firstCommitAt.get()) / 1e9);
        return new Run((end - start) / 1e9, steady, aggregate, commit, before, after);
    }

    private static long committed(JdbcTemplate jdbc, String group) {
        return jdbc.queryForObject(
                "SELECT COALESCE(SUM(next_offset), 0) FROM ingest_kafka_offset WHERE consumer_group = ?",
                Long.class,
                group);
    }

    private static int parseAll(FlowRecordParser parser, List<byte[]> flows, Instant now) {
        int ok = 0;
        for (byte[] flow : flows) {
            try {
                parser.parse(flow, now);
                ok++;
            } catch (RuntimeException bad) {
                // dead letter
            }
        }
        return ok;
    }

    private static double produce(String brokers, String topic, List<byte[]> flows) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        props.put(ProducerConfig.ACKS_CONFIG, "1");
        props.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, 512 * 1024);
        props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, System.getProperty("bench.compression", "lz4"));
        long start = System.nanoTime();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(props)) {
            for (byte[] flow : flows) {
                producer.send(new ProducerRecord<>(topic, flow));
            }
            producer.flush();
        }
        return (System.nanoTime() - start) / 1e9;
    }

    /** Records in time order over the last 30 minutes, as ElastiFlow emits them. */
    static List<byte[]> generate(long seed, int count, Instant now) {
        List<String> customers = new ArrayList<>(SERVICES);
        for (int i = 0; i < SERVICES; i++) {
            customers.add(customerIp(i));
        }
        List<byte[]> flows = new ArrayList<>(count);
        SyntheticFlows.generate(
                seed,
                customers,
                now.minusSeconds(1800),
                now,
                count,
                new SyntheticFlows.Mix(1, 3, 6),
                flow -> flows.add(flow.getBytes(StandardCharsets.UTF_8)));
        return flows;
    }

    static String customerIp(int n) {
        return "10." + (n >> 16) + "." + ((n >> 8) & 0xFF) + "." + (n & 0xFF);
    }

    private static void createServices(ConfigurableApplicationContext context) {
        SqlSessionTemplate batch = context.getBean(PersistenceConfiguration.BATCH_SESSION, SqlSessionTemplate.class);
        TransactionTemplate tx = context.getBean(TransactionTemplate.class);
        Instant since = Instant.now().minus(Duration.ofDays(30));
        tx.executeWithoutResult(s -> {
            CatalogMapper catalog = batch.getMapper(CatalogMapper.class);
            catalog.insertProduct(new Product(1, "transit", "Transit", ProductKind.TRANSIT, 1));
            catalog.insertPlan(new Plan(1, 1, "transit", "Transit"));
            CustomerMapper customers = batch.getMapper(CustomerMapper.class);
            SubscriptionMapper subscriptions = batch.getMapper(SubscriptionMapper.class);
            for (int i = 0; i < SERVICES; i++) {
                customers.insert(
                        CustomerRow.of(new Customer(
                                i + 1,
                                "Bench " + i,
                                null,
                                "b" + i + "@example.com",
                                new PostalAddress(null, null, null, null),
                                "US",
                                null,
                                Money.currency("USD"),
                                null,
                                CustomerStatus.ACTIVE)),
                        since);
                subscriptions.insert(
                        new Subscription(
                                i + 1,
                                i + 1,
                                1,
                                BillingCycle.MONTHLY,
                                SubscriptionStatus.ACTIVE,
                                1,
                                LocalDate.parse("2026-01-01"),
                                null,
                                null,
                                null),
                        since);
                subscriptions.insertIpAssignment(
                        IpAssignmentRow.of(new IpAssignment(0, i + 1, IpPrefix.parse(customerIp(i)), since, null)));
            }
        });
    }
}
