package com.ezscale.billing.jobs;

import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;

/** Reads what a run wrote, in a form two runs can be compared by. */
public final class BillingAssertions {

    private static final List<String> TABLES = List.of("invoice", "invoice_line", "subscription", "number_series", "run_parked",
            "customer", "ip_assignment");

    private BillingAssertions() {
    }

    /** Row counts of every billing table, to show that a rerun writes nothing. */
    public static Map<String, Long> rowCounts(JdbcTemplate jdbc) {
        Map<String, Long> counts = new java.util.TreeMap<>();
        for (String table : TABLES) {
            counts.put(table, jdbc.queryForObject("SELECT COUNT(*) FROM " + table, Long.class));
        }
        counts.put("subscription cursors", jdbc.queryForObject(
                "SELECT COALESCE(SUM(DATEDIFF(next_period_start, '2000-01-01')), 0) FROM subscription", Long.class));
        return counts;
    }

    /** Every issued invoice with its lines, in number order: number, customer, total, then each line. */
    public static List<String> issuedInvoices(JdbcTemplate jdbc) {
        return jdbc.query("""
                SELECT i.number, i.customer_id, i.currency, i.due_date, i.total,
                       GROUP_CONCAT(CONCAT(l.line_no, ':', l.subscription_id, ':', l.charge_kind, ':', l.period_start, ':', l.amount)
                                    ORDER BY l.line_no SEPARATOR ' ') AS line_text
                  FROM invoice i
                  JOIN invoice_line l ON l.invoice_id = i.id
                 WHERE i.status = 'ISSUED'
                 GROUP BY i.id, i.number, i.customer_id, i.currency, i.due_date, i.total
                 ORDER BY i.sequence_value
                """, (rs, n) -> rs.getString("number") + " customer " + rs.getLong("customer_id") + " " + rs.getString("currency")
                + " due " + rs.getString("due_date") + " total " + rs.getBigDecimal("total").toPlainString() + " | " + rs.getString("line_text"));
    }
}
