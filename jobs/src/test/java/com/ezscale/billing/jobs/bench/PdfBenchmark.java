package com.ezscale.billing.jobs.bench;

import com.ezscale.billing.document.db.DocumentRef;
import com.ezscale.billing.jobs.testing.Nodes;
import com.ezscale.billing.reports.pdf.Documents;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Invoice PDFs per second: renders (reading the rows, laying out, filling, exporting, normalising;
 * storing nothing) every issued invoice of an existing database, e.g. one the demo filled, first on
 * one thread, then on as many as given. The first 50 renders warm the JVM and are not counted.
 *
 * <pre>./mvnw -q -pl jobs exec:java -Dexec.classpathScope=test \
 *   -Dexec.mainClass=com.ezscale.billing.jobs.bench.PdfBenchmark \
 *   -Dexec.args="jdbc:mysql://127.0.0.1:3306/demo1 2"</pre>
 */
public final class PdfBenchmark {

    public static void main(String[] args) throws Exception {
        String url = args[0];
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        try (ConfigurableApplicationContext context = Nodes.start(url)) {
            Documents documents = context.getBean(Documents.class);
            List<DocumentRef> refs = context.getBean(JdbcTemplate.class)
                    .query(
                            "SELECT id, number FROM invoice WHERE status <> 'DRAFT' ORDER BY id",
                            (rs, n) -> new DocumentRef(Documents.INVOICE, rs.getLong(1), rs.getString(2)));
            long usage = context.getBean(JdbcTemplate.class)
                    .queryForObject(
                            "SELECT COUNT(DISTINCT invoice_id) FROM invoice_line WHERE charge_kind = 'USAGE_COMMIT'",
                            Long.class);
            refs.stream().limit(50).forEach(documents::render);
            for (int t : new int[] {1, threads}) {
                AtomicLong bytes = new AtomicLong();
                long start = System.nanoTime();
                ExecutorService pool = Executors.newFixedThreadPool(t);
                List<Future<?>> work = new ArrayList<>();
                for (int k = 0; k < t; k++) {
                    int offset = k;
                    int step = t;
                    work.add(pool.submit(() -> {
                        for (int i = offset; i < refs.size(); i += step) {
                            bytes.addAndGet(documents.render(refs.get(i)).length);
                        }
                    }));
                }
                for (Future<?> f : work) {
                    f.get();
                }
                pool.shutdown();
                double seconds = (System.nanoTime() - start) / 1e9;
                System.out.printf(
                        "%d thread(s): %,d invoices (%,d with a 95th-percentile chart) in %.1f s: %.0f PDFs/s, %,d KB on average%n",
                        t, refs.size(), usage, seconds, refs.size() / seconds, bytes.get() / refs.size() / 1024);
            }
        }
    }
}
