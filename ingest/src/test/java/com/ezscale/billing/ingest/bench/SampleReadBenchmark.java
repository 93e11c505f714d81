package com.ezscale.billing.ingest.bench;

import com.ezscale.billing.ingest.IngestTestApplication;
import com.ezscale.billing.testing.TestDatabases;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.ZoneOffset;
import javax.sql.DataSource;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * How fast the rating issue can read a month of samples in the chosen layout (one row per service
 * and bucket, clustered by (service, bucket)): fills {@code services} × 8,640 buckets (a 30-day
 * month) server-side, then streams them back in (service, bucket) order as rating will, and
 * prints rows/s and the time that rate gives for 10,000 services (86.4M rows).
 *
 * <pre>./mvnw -q -pl ingest exec:java -Dexec.classpathScope=test \
 *   -Dexec.mainClass=com.ezscale.billing.ingest.bench.SampleReadBenchmark -Dexec.args="1000"</pre>
 */
public final class SampleReadBenchmark {

    public static void main(String[] args) throws Exception {
        int services = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        String url = TestDatabases.newDatabaseUrl();
        long monthStart =
                LocalDate.parse("2026-11-01").atStartOfDay(ZoneOffset.UTC).toEpochSecond() / 300;
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(IngestTestApplication.class)
                .web(WebApplicationType.NONE)
                .run(
                        "--spring.datasource.url=" + url,
                        "--ezscale.embedded-db.enabled=false",
                        "--logging.level.root=WARN")) {
            DataSource dataSource = context.getBean(DataSource.class);
            long fillStart = System.nanoTime();
            try (Connection c = dataSource.getConnection();
                    Statement s = c.createStatement()) {
                s.execute("CREATE TEMPORARY TABLE digit (n INT NOT NULL)");
                s.execute("INSERT INTO digit VALUES (0),(1),(2),(3),(4),(5),(6),(7),(8),(9)");
                s.execute("CREATE TEMPORARY TABLE bucket_no (n INT NOT NULL PRIMARY KEY)");
                s.execute(
                        "INSERT INTO bucket_no SELECT a.n + 10 * b.n + 100 * c.n + 1000 * d.n FROM digit a, digit b, digit c, digit d "
                                + "WHERE a.n + 10 * b.n + 100 * c.n + 1000 * d.n < 8640");
                for (int from = 1; from <= services; from += 100) {
                    int to = Math.min(services, from + 99);
                    try (PreparedStatement insert = c.prepareStatement(
                            "INSERT INTO usage_sample (subscription_id, bucket, bytes_in, bytes_out) "
                                    + "SELECT s.id, ? + b.n, (s.id * 7919 + b.n * 104729) % 37500000, (s.id * 104729 + b.n * 7919) % 25000000 "
                                    + "FROM (SELECT a.n + 10 * b.n + 100 * c.n + 1000 * d.n + 1 AS id FROM digit a, digit b, digit c, digit d) s, bucket_no b "
                                    + "WHERE s.id BETWEEN ? AND ?")) {
                        insert.setLong(1, monthStart);
                        insert.setInt(2, from);
                        insert.setInt(3, to);
                        insert.executeUpdate();
                    }
                }
            }
            double fillSeconds = (System.nanoTime() - fillStart) / 1e9;

            long rows = 0;
            long checksum = 0;
            long readStart = System.nanoTime();
            try (Connection c = dataSource.getConnection();
                    PreparedStatement read = c.prepareStatement(
                            "SELECT subscription_id, bucket, bytes_in, bytes_out FROM usage_sample "
                                    + "WHERE subscription_id BETWEEN ? AND ? AND bucket >= ? AND bucket < ? ORDER BY subscription_id, bucket",
                            ResultSet.TYPE_FORWARD_ONLY,
                            ResultSet.CONCUR_READ_ONLY)) {
                read.setFetchSize(Integer.MIN_VALUE); // stream rows, heap flat in the number of services
                read.setLong(1, 1);
                read.setLong(2, services);
                read.setLong(3, monthStart);
                read.setLong(4, monthStart + 8640);
                try (ResultSet rs = read.executeQuery()) {
                    while (rs.next()) {
                        rows++;
                        checksum += rs.getLong(3) ^ rs.getLong(4) ^ rs.getLong(2);
                    }
                }
            }
            double readSeconds = (System.nanoTime() - readStart) / 1e9;
            System.out.printf("filled %,d rows (%d services × 8,640 buckets) in %.1f s%n", rows, services, fillSeconds);
            System.out.printf(
                    "read a month for %d services: %,d rows in %.1f s = %,.0f rows/s (checksum %d)%n",
                    services, rows, readSeconds, rows / readSeconds, checksum);
            System.out.printf(
                    "at that rate, 10,000 services (86.4M rows) read in %.0f s%n", 86_400_000 / (rows / readSeconds));
        }
        System.exit(0);
    }
}
