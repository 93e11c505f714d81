package com.ezscale.billing.jobs;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.jdbc.core.JdbcTemplate;

/** Reads what a run wrote, in a form two runs can be compared by. */
public final class BillingAssertions {

    private static final List<String> TABLES = List.of(
            "invoice",
            "invoice_line",
            "invoice_tax",
            "subscription",
            "number_series",
            "run_parked",
            "customer",
            "ip_assignment",
            "credit_ledger",
            "coupon_redemption",
            "credit_note");

    private BillingAssertions() {}

    /** Row counts of every billing table, to show that a rerun writes nothing. */
    public static Map<String, Long> rowCounts(JdbcTemplate jdbc) {
        Map<String, Long> counts = new TreeMap<>();
        for (String table : TABLES) {
            counts.put(table, jdbc.queryForObject("SELECT COUNT(*) FROM " + table, Long.class));
        }
        counts.put(
                "subscription cursors",
                jdbc.queryForObject(
                        "SELECT COALESCE(SUM(DATEDIFF(next_period_start, '2000-01-01')), 0) FROM subscription",
                        Long.class));
        return counts;
    }

    /** The credit ledger: customer, currency, amount, reason and source of each entry, in a comparable order. */
    public static List<String> ledger(JdbcTemplate jdbc) {
        return jdbc.query(
                "SELECT customer_id, currency, amount, reason, source_type FROM credit_ledger ORDER BY customer_id, reason, amount",
                (rs, n) -> rs.getLong(1) + " " + rs.getString(2) + " "
                        + rs.getBigDecimal(3).toPlainString() + " " + rs.getString(4) + " " + rs.getString(5));
    }

    /** Every issued invoice with its lines, in number order: number, customer, status, tax, total, paid, then each line. */
    public static List<String> issuedInvoices(JdbcTemplate jdbc) {
        return jdbc.query(
                """
                SELECT i.number, i.customer_id, i.currency, i.due_date, i.total, i.status, i.tax_total, i.amount_paid,
                       GROUP_CONCAT(CONCAT(l.line_no, ':', l.subscription_id, ':', l.charge_kind, ':', l.period_start, ':', l.amount)
                                    ORDER BY l.line_no SEPARATOR ' ') AS line_text
                  FROM invoice i
                  JOIN invoice_line l ON l.invoice_id = i.id
                 WHERE i.status <> 'DRAFT'
                 GROUP BY i.id, i.number, i.customer_id, i.currency, i.due_date, i.total, i.status, i.tax_total, i.amount_paid
                 ORDER BY i.sequence_value
                """,
                (rs, n) -> rs.getString("number") + " customer " + rs.getLong("customer_id") + " "
                        + rs.getString("currency")
                        + " due " + rs.getString("due_date") + " " + rs.getString("status") + " tax "
                        + rs.getBigDecimal("tax_total").toPlainString()
                        + " total " + rs.getBigDecimal("total").toPlainString() + " paid "
                        + rs.getBigDecimal("amount_paid").toPlainString()
                        + " | " + rs.getString("line_text"));
    }
}
