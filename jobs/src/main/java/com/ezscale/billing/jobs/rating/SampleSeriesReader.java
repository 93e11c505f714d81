package com.ezscale.billing.jobs.rating;

import com.ezscale.billing.usage.UsageSeries;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Reads a service's samples straight into the series' arrays: rating reads a month of buckets per
 * service (86.4M rows for 10,000 services), so no object is made per row. The statement is fixed
 * and its values bound, like every other query.
 */
@Component
public class SampleSeriesReader {

    private static final String SAMPLES = "SELECT bucket, bytes_in, bytes_out FROM usage_sample "
            + "WHERE subscription_id = ? AND bucket >= ? AND bucket < ? ORDER BY bucket";

    private final JdbcTemplate jdbc;

    public SampleSeriesReader(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public UsageSeries read(long subscriptionId, long fromBucket, long toBucketExclusive) {
        int length = Math.toIntExact(toBucketExclusive - fromBucket);
        long[] in = new long[length];
        long[] out = new long[length];
        jdbc.query(
                SAMPLES,
                rs -> {
                    int i = (int) (rs.getLong(1) - fromBucket);
                    in[i] += rs.getLong(2);
                    out[i] += rs.getLong(3);
                },
                subscriptionId,
                fromBucket,
                toBucketExclusive);
        return new UsageSeries(fromBucket, in, out);
    }
}
