package com.ezscale.billing.portal.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.ezscale.billing.portal.web.Times;
import com.ezscale.billing.run.db.RunSummary;
import java.time.LocalDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The executions table's rows: written from the values they show, and written again when those values move. */
class JobsControllerRowsTest {

    static final LocalDateTime START = LocalDateTime.parse("2026-12-01T02:00:00");

    final JobsController controller = new JobsController(null, null, null, new Times());

    static RunSummary run(String status, long read, LocalDateTime end, String message) {
        return new RunSummary(43, "invoiceRun", status, status, "2026-12-01", START, end, read, read, 0, 1, message);
    }

    @Test
    void aRunningExecutionsRowShowsItsCountsAsTheyMoveAndItsEnd() {
        String first = controller.rows(List.of(run("STARTED", 5, null, "")), "/billing");
        assertThat(first)
                .isEqualTo(
                        "<tr><td><a href=\"/billing/admin/jobs/43\">43</a></td><td>invoiceRun</td><td>2026-12-01</td>"
                                + "<td class=\"status STARTED\">STARTED</td><td>2026-12-01 02:00:00</td><td class=\"num\"></td>"
                                + "<td class=\"num\">5</td><td class=\"num\">5</td><td class=\"num\">1</td>"
                                + "<td class=\"message-cell\"></td></tr>\n");
        assertThat(controller.rows(List.of(run("STARTED", 9, null, "")), "/billing"))
                .contains("<td class=\"num\">9</td>");
        assertThat(controller.rows(List.of(run("FAILED", 9, START.plusSeconds(75), "gateway <timed> out")), "/billing"))
                .contains("FAILED</td>", "<td class=\"num\">1m 15s</td>", "gateway &lt;timed&gt; out");
        assertThat(controller.rows(List.of(run("STARTED", 5, null, "")), ""))
                .as("another context path: its own links")
                .contains("<a href=\"/admin/jobs/43\">");
    }

    @Test
    void anEndedExecutionsRowIsWrittenOnceAndShownAgainFromMemory() {
        RunSummary remembered = run("COMPLETED", 20, START.plusSeconds(9), "");
        String once = controller.row(remembered, "");
        assertThat(controller.row(remembered, ""))
                .as("the row remembered by the executions page, shown again: the row already written")
                .isSameAs(once);
        assertThat(controller.row(run("COMPLETED", 20, START.plusSeconds(9), ""), ""))
                .as("the same values read afresh: written afresh, the same")
                .isNotSameAs(once)
                .isEqualTo(once);
        assertThat(controller.row(remembered, "/billing"))
                .as("under another context path: written for it")
                .isNotSameAs(once)
                .contains("/billing/admin/jobs/43");
    }
}
