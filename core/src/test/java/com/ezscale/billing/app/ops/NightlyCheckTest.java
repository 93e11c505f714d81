package com.ezscale.billing.app.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.ezscale.billing.run.db.RunSummary;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The nightly is due by 06:00 for its own day: before that, yesterday's must have completed. */
class NightlyCheckTest {

    static RunSummary run(String asOf, String status) {
        return new RunSummary(1, "nightly", status, status, asOf, null, null, 0, 0, 0, 0, null);
    }

    @ParameterizedTest(name = "at {0} with {1}: healthy={2}, expected {3}")
    @CsvSource(delimiter = '|', textBlock = """
            # now              | nightly executions, newest first          | healthy | expected   | detail
            2026-12-01T05:59   | 2026-11-30 COMPLETED                      | true    | 2026-11-30 | the nightly of 2026-11-30 completed
            2026-12-01T06:00   | 2026-11-30 COMPLETED                      | false   | 2026-12-01 | the nightly of 2026-12-01 has not completed by 06:00 (latest: asOf 2026-11-30, COMPLETED)
            2026-12-01T06:00   | 2026-12-01 STARTED, 2026-11-30 COMPLETED  | false   | 2026-12-01 | the nightly of 2026-12-01 has not completed by 06:00 (latest: asOf 2026-12-01, STARTED)
            2026-12-01T06:00   | 2026-12-01 COMPLETED                      | true    | 2026-12-01 | the nightly of 2026-12-01 completed
            2026-12-01T09:00   | 2026-12-01 COMPLETED, 2026-12-01 FAILED   | true    | 2026-12-01 | the nightly of 2026-12-01 completed
            2026-12-01T09:00   | 2026-12-01 FAILED                         | false   | 2026-12-01 | the nightly of 2026-12-01 has not completed by 06:00 (latest: asOf 2026-12-01, FAILED)
            2026-12-01T03:00   | 2026-11-29 COMPLETED                      | false   | 2026-11-30 | the nightly of 2026-11-30 has not completed by 06:00 (latest: asOf 2026-11-29, COMPLETED)
            2026-12-01T03:00   | 2026-12-02 COMPLETED                      | true    | 2026-11-30 | the nightly of 2026-11-30 completed
            2026-12-01T09:00   |                                           | false   | 2026-12-01 | no nightly has run; the nightly of 2026-12-01 was due by 06:00
            """)
    void table(String now, String runs, boolean healthy, String expected, String detail) {
        List<RunSummary> recent = new ArrayList<>();
        if (runs != null) {
            for (String r : runs.split(",")) {
                String[] parts = r.strip().split(" ");
                recent.add(run(parts[0], parts[1]));
            }
        }
        NightlyCheck check = NightlyCheck.evaluate(LocalDateTime.parse(now), LocalTime.of(6, 0), recent);
        assertThat(check.healthy()).isEqualTo(healthy);
        assertThat(check.expected()).hasToString(expected);
        assertThat(check.detail()).isEqualTo(detail);
    }
}
