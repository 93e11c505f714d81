package com.ezscale.billing.app.customer;

import com.ezscale.billing.account.db.ErasureMapper;
import com.ezscale.billing.account.db.RetentionCandidate;
import com.ezscale.billing.audit.db.AuditMapper;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What an erased customer's invoices kept for tax law, erased once the law no longer asks for it:
 * the retention period runs to the end of the calendar year {@code retentionYears} after the year
 * of issue (of the invoice and of each of its credit notes: an invoice credited in 2020 is kept
 * until the credit note may go). Then the invoice's bill-to snapshot is anonymised (name
 * "Erased customer N"; company, e-mail, address and VAT number gone; region and country kept for the
 * tax reports) and its stored PDFs and its credit notes' are deleted. Amounts, numbers and lines
 * never change. A page of invoices per transaction, each recorded in {@code retention_erasure},
 * whose trigger refuses an invoice that is not past retention; a rerun finds nothing left.
 */
@Service
public class RetentionErasure {

    public static final String ACTOR = "system:retention";

    private final ErasureMapper erasure;
    private final AuditMapper audit;
    private final TransactionTemplate tx;
    private final Clock clock;

    public RetentionErasure(
            ErasureMapper erasure, AuditMapper audit, PlatformTransactionManager transactionManager, Clock clock) {
        this.erasure = erasure;
        this.audit = audit;
        this.tx = new TransactionTemplate(transactionManager);
        this.clock = clock;
    }

    /** One call's work: invoices anonymised, documents deleted, where the next call starts, whether it was the last. */
    public record Page(int invoices, int documents, long lastId, boolean done) {}

    /** Erases up to {@code limit} invoices past retention as of {@code asOf}, after invoice id {@code afterId}. */
    public Page erasePage(LocalDate asOf, int retentionYears, long afterId, int limit) {
        if (retentionYears < 1) {
            throw new IllegalArgumentException(
                    "ezscale.gdpr.retention-years must be at least 1, not " + retentionYears);
        }
        return tx.execute(status -> {
            List<RetentionCandidate> due = erasure.selectPastRetention(asOf, retentionYears, afterId, limit);
            if (due.isEmpty()) {
                return new Page(0, 0, afterId, true);
            }
            List<Long> ids = due.stream().map(RetentionCandidate::invoiceId).toList();
            Instant now = clock.instant();
            erasure.insertRetentionErasures(due, asOf, retentionYears, now);
            int invoices = erasure.anonymiseInvoiceSnapshots(ids);
            int documents = erasure.deleteInvoiceDocuments(ids);
            Map<Long, Integer> perCustomer = new TreeMap<>();
            due.forEach(c -> perCustomer.merge(c.customerId(), 1, Integer::sum));
            perCustomer.forEach((customer, count) -> audit.insert(
                    now,
                    ACTOR,
                    "customer.retention-erase",
                    "customer " + customer,
                    count + " invoice(s) past " + retentionYears + " years' retention as of " + asOf
                            + ": bill-to anonymised, PDFs deleted"));
            return new Page(invoices, documents, ids.get(ids.size() - 1), due.size() < limit);
        });
    }
}
