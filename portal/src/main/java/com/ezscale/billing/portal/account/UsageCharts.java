package com.ezscale.billing.portal.account;

import com.ezscale.billing.app.usage.UsageStatements;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * A service-month's chart, computed once a minute at most: the page's chart and the API's series
 * are read far more often than ingest changes a bucket (every 5 minutes for the open month; only
 * late data for a closed one), and computing one costs about 40 ms of CPU (8,928 rows, the
 * percentile's sorts, the JSON). Per portal node, the most recent 1,000 kept.
 */
@Component
public class UsageCharts {

    static final Duration FRESH_FOR = Duration.ofSeconds(60);

    private record Key(long service, YearMonth month) {}

    private record Entry(UsageChart chart, Instant at) {}

    private final UsageStatements statements;
    private final Clock clock;
    private final Map<Key, Entry> cache =
            Caffeine.newBuilder().maximumSize(1_000).<Key, Entry>build().asMap();

    public UsageCharts(UsageStatements statements, Clock clock) {
        this.statements = statements;
        this.clock = clock;
    }

    /** The month's 5-minute series as CSV (the {@code usage} command's), as a download; the caller checked the service. */
    public void csv(long service, YearMonth month, jakarta.servlet.http.HttpServletResponse response)
            throws java.io.IOException {
        UsageStatements.Statement st = statements.statement(service, month);
        response.setContentType("text/csv;charset=UTF-8");
        response.setHeader("Content-Disposition", "attachment; filename=\"usage-" + service + "-" + month + ".csv\"");
        java.io.Writer out =
                new java.io.OutputStreamWriter(response.getOutputStream(), java.nio.charset.StandardCharsets.UTF_8);
        st.writeCsv(out);
        out.flush();
    }

    /** The chart of a service the caller has already checked is the customer's and metered. */
    public UsageChart of(long service, YearMonth month) {
        Key key = new Key(service, month);
        Instant now = clock.instant();
        Entry e = cache.get(key);
        if (e != null && e.at().plus(FRESH_FOR).isAfter(now)) {
            return e.chart();
        }
        UsageChart chart = UsageChart.of(statements.statement(service, month));
        cache.put(key, new Entry(chart, now));
        return chart;
    }
}
