package com.ezscale.billing.app.invoice;

import com.ezscale.billing.audit.db.AuditMapper;
import com.ezscale.billing.invoice.db.HeldInvoice;
import com.ezscale.billing.invoice.db.InvoiceForCredit;
import com.ezscale.billing.invoice.db.InvoiceMapper;
import com.ezscale.billing.invoice.db.InvoiceRepository;
import com.ezscale.billing.rules.BillingRuleViolation;
import java.time.Clock;
import java.util.List;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Drafts held for approval ({@code ApprovalPolicy}): the list with the reason, and the approval of one (audited), which its customer's run issues. */
@Service
public class Approvals {

    private final InvoiceRepository invoiceRepository;
    private final InvoiceMapper invoices;
    private final AuditMapper audit;
    private final TransactionTemplate tx;
    private final Clock clock;

    public Approvals(
            InvoiceRepository invoiceRepository,
            InvoiceMapper invoices,
            AuditMapper audit,
            PlatformTransactionManager transactionManager,
            Clock clock) {
        this.invoiceRepository = invoiceRepository;
        this.invoices = invoices;
        this.audit = audit;
        this.tx = new TransactionTemplate(transactionManager);
        this.clock = clock;
    }

    /** Approves a held draft; returns its customer (whose run issues it). */
    public long approve(String invoiceRef, String actor) {
        return tx.execute(status -> {
            InvoiceForCredit invoice = invoiceRepository.lock(invoiceRef);
            if (!invoice.status().equals("DRAFT")) {
                throw new BillingRuleViolation("invoice " + invoice.number() + " is already issued");
            }
            if (!invoice.onHold()) {
                throw new BillingRuleViolation("draft " + invoice.id() + " is not waiting for approval");
            }
            invoices.approve(invoice.id(), actor, clock.instant());
            audit.insert(clock.instant(), actor, "invoice.approve", "draft " + invoice.id(), invoice.holdReason());
            return invoice.customerId();
        });
    }

    public List<HeldInvoice> held() {
        return invoices.selectHeld();
    }
}
