package com.ezscale.billing.jobs.run;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Every table of the ledger as rows of text keyed by what identifies them in the books (invoice
 * and credit note numbers, payment references, service ids), never by surrogate ids: two runs of
 * the same book, one of them killed and recovered, can be compared table by table. Timestamps of
 * when rows were written are left out; business dates are in.
 */
public final class LedgerSnapshot {

    private static final Map<String, String> QUERIES = new LinkedHashMap<>();

    static {
        QUERIES.put("invoices", """
                SELECT CONCAT_WS(' | ', i.number, i.customer_id, i.currency, i.status, i.issue_date, i.due_date, i.subtotal, i.tax_total, i.total,
                                 i.amount_paid, i.credit_applied, i.tax_mode, COALESCE(f.number, '-'), i.on_hold)
                  FROM invoice i LEFT JOIN invoice f ON f.id = i.late_fee_for_invoice_id
                 WHERE i.status <> 'DRAFT'""");
        QUERIES.put(
                "drafts",
                "SELECT CONCAT_WS(' | ', customer_id, currency, total, on_hold) FROM invoice WHERE status = 'DRAFT'");
        QUERIES.put("invoice lines", """
                SELECT CONCAT_WS(' | ', i.number, l.line_no, COALESCE(l.subscription_id, '-'), l.charge_kind, COALESCE(l.period_start, '-'),
                                 COALESCE(l.period_end_exclusive, '-'), l.revision, l.discount_ref, l.quantity, l.unit_price, l.amount,
                                 COALESCE(l.plan_id, '-'), COALESCE(l.plan_change_id, '-'), COALESCE(l.tax_name, '-'), COALESCE(l.tax_rate, '-'),
                                 COALESCE(l.discounted_line_no, '-'), l.description)
                  FROM invoice_line l JOIN invoice i ON i.id = l.invoice_id""");
        QUERIES.put("invoice taxes", """
                SELECT CONCAT_WS(' | ', COALESCE(i.number, CONCAT('draft of ', i.customer_id)), t.tax_name, t.rate, t.taxable_base, t.tax_amount)
                  FROM invoice_tax t JOIN invoice i ON i.id = t.invoice_id""");
        QUERIES.put("credit ledger", """
                SELECT CONCAT_WS(' | ', l.customer_id, l.currency, l.amount, l.reason, l.source_type,
                                 CASE l.source_type WHEN 'PAYMENT' THEN (SELECT CONCAT(p.method, ' ', p.reference) FROM payment p WHERE p.id = l.source_id)
                                                    WHEN 'CREDIT_NOTE' THEN (SELECT n.number FROM credit_note n WHERE n.id = l.source_id)
                                                    WHEN 'INVOICE' THEN (SELECT i.number FROM invoice i WHERE i.id = l.source_id)
                                                    WHEN 'COLLECT' THEN (SELECT i.number FROM invoice i WHERE i.id = l.source_id)
                                                    ELSE l.source_id END, l.note)
                  FROM credit_ledger l""");
        QUERIES.put("payments", """
                SELECT CONCAT_WS(' | ', p.customer_id, i.number, p.method, p.reference, p.currency, p.amount, p.applied_to_invoice, p.status,
                                 p.received_on, p.refunded_amount)
                  FROM payment p LEFT JOIN invoice i ON i.id = p.invoice_id""");
        QUERIES.put("payment attempts", """
                SELECT CONCAT_WS(' | ', i.number, a.attempt_no, a.status, a.amount, a.as_of)
                  FROM payment_attempt a JOIN invoice i ON i.id = a.invoice_id""");
        QUERIES.put("dunning steps", """
                SELECT CONCAT_WS(' | ', i.number, d.step_key, d.kind, d.as_of) FROM dunning_step d JOIN invoice i ON i.id = d.invoice_id""");
        QUERIES.put("outbox", """
                SELECT CONCAT_WS(' | ', o.channel, o.action, COALESCE(o.subscription_id, '-'), COALESCE(JSON_VALUE(o.payload, '$.to'), '-'),
                                 COALESCE(JSON_VALUE(o.payload, '$.subject'), '-'))
                  FROM outbox o WHERE o.channel <> 'ALERT'""");
        QUERIES.put("credit notes", """
                SELECT CONCAT_WS(' | ', n.number, i.number, n.kind, n.settlement, n.balance_reduction, n.issue_date, n.subtotal, n.tax_total, n.total,
                                 n.reason)
                  FROM credit_note n JOIN invoice i ON i.id = n.invoice_id""");
        QUERIES.put("credit note lines", """
                SELECT CONCAT_WS(' | ', n.number, l.line_no, l.amount, COALESCE(l.tax_name, '-'), COALESCE(l.tax_rate, '-'), l.description)
                  FROM credit_note_line l JOIN credit_note n ON n.id = l.credit_note_id""");
        QUERIES.put("services", """
                SELECT CONCAT_WS(' | ', id, customer_id, status, plan_id, COALESCE(next_period_start, '-'), COALESCE(end_date, '-'),
                                 COALESCE(suspended_by, '-'), COALESCE(trial_end, '-'))
                  FROM subscription""");
        QUERIES.put("plan changes", """
                SELECT CONCAT_WS(' | ', c.subscription_id, c.kind, c.timing, c.effective_date, c.from_plan_id, COALESCE(c.to_plan_id, '-'), c.status,
                                 COALESCE(c.expires_on, '-'), COALESCE(i.number, '-'), c.needs_billing)
                  FROM plan_change c LEFT JOIN invoice i ON i.id = c.invoice_id""");
        QUERIES.put("number series", "SELECT CONCAT_WS(' | ', series_key, last_value) FROM number_series");
        QUERIES.put("parked", "SELECT DISTINCT CONCAT_WS(' | ', customer_id, as_of, reason) FROM run_parked");
    }

    private LedgerSnapshot() {}

    /** Each table's rows, sorted. */
    public static Map<String, List<String>> of(JdbcTemplate jdbc) {
        Map<String, List<String>> tables = new LinkedHashMap<>();
        QUERIES.forEach((table, sql) -> tables.put(
                table, jdbc.queryForList(sql, String.class).stream().sorted().toList()));
        return tables;
    }

    /** Gaps in a numbering series (invoices, credit notes): "series: n numbers up to m" where they differ. */
    public static List<String> gaps(JdbcTemplate jdbc) {
        return jdbc.queryForList("""
                SELECT CONCAT(series_key, ': ', COUNT(*), ' numbers up to ', MAX(sequence_value)) FROM invoice WHERE number IS NOT NULL
                 GROUP BY series_key HAVING COUNT(*) <> MAX(sequence_value)
                UNION ALL
                SELECT CONCAT(series_key, ': ', COUNT(*), ' numbers up to ', MAX(sequence_value)) FROM credit_note
                 GROUP BY series_key HAVING COUNT(*) <> MAX(sequence_value)""", String.class);
    }
}
