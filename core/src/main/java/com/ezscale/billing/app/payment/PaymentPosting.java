package com.ezscale.billing.app.payment;

import com.ezscale.billing.audit.db.AuditMapper;
import com.ezscale.billing.credit.db.CreditLedgerMapper;
import com.ezscale.billing.credit.db.LedgerEntryRow;
import com.ezscale.billing.creditnote.db.CreditNoteMapper;
import com.ezscale.billing.customer.db.CustomerMapper;
import com.ezscale.billing.invoice.InvoiceStatus;
import com.ezscale.billing.invoice.db.InvoiceForCredit;
import com.ezscale.billing.invoice.db.InvoiceMapper;
import com.ezscale.billing.invoice.db.InvoiceRepository;
import com.ezscale.billing.money.Money;
import com.ezscale.billing.payment.PaymentAllocation;
import com.ezscale.billing.payment.db.PaymentInsert;
import com.ezscale.billing.payment.db.PaymentMapper;
import com.ezscale.billing.persistence.GeneratedKey;
import com.ezscale.billing.rules.BillingRuleViolation;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Currency;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;

/**
 * Records a payment received against an invoice (bank transfer typed by finance, a card charge
 * settled by collect, the janitor or a webhook), in the caller's transaction: the payment row
 * (unique per method and reference, so the same money is never recorded twice), the invoice's
 * paid amount and status, an overpayment to account credit, the audit line.
 */
@Component
public class PaymentPosting {

    public record Posted(
            long paymentId,
            long customerId,
            String invoiceNumber,
            Money toInvoice,
            Money toCredit,
            Money owedAfter,
            String invoiceStatus) {}

    private final InvoiceRepository invoiceRepository;
    private final InvoiceMapper invoices;
    private final CreditNoteMapper creditNotes;
    private final PaymentMapper payments;
    private final CreditLedgerMapper ledger;
    private final CustomerMapper customers;
    private final AuditMapper audit;
    private final Clock clock;

    public PaymentPosting(
            InvoiceRepository invoiceRepository,
            InvoiceMapper invoices,
            CreditNoteMapper creditNotes,
            PaymentMapper payments,
            CreditLedgerMapper ledger,
            CustomerMapper customers,
            AuditMapper audit,
            Clock clock) {
        this.invoiceRepository = invoiceRepository;
        this.invoices = invoices;
        this.creditNotes = creditNotes;
        this.payments = payments;
        this.ledger = ledger;
        this.customers = customers;
        this.audit = audit;
        this.clock = clock;
    }

    /** What is still owed on a (locked) invoice: total − paid − what credit notes took off. */
    public Money owed(InvoiceForCredit invoice) {
        Currency c = invoice.currency();
        return Money.rounded(invoice.total(), c)
                .minus(Money.rounded(invoice.amountPaid(), c))
                .minus(Money.rounded(creditNotes.selectBalanceReductions(invoice.id()), c));
    }

    /** Locks the invoice. */
    public InvoiceForCredit lock(long invoiceId) {
        return invoiceRepository.lock(invoiceId);
    }

    /**
     * Money that arrived for an invoice with nothing left to pay (paid meanwhile by transfer or
     * credit): recorded against it, all of it to account credit, never lost.
     */
    public Posted postToCredit(
            InvoiceForCredit invoice,
            BigDecimal amount,
            String method,
            String reference,
            LocalDate receivedOn,
            String actor) {
        Currency c = invoice.currency();
        Instant now = clock.instant();
        long paymentId = insert(invoice, amount, Money.zero(c), method, reference, receivedOn, actor, now);
        customers.lockCustomer(invoice.customerId());
        ledger.insertLedgerEntry(new LedgerEntryRow(
                invoice.customerId(),
                c,
                Money.of(amount, c).amount(),
                "OVERPAYMENT",
                "PAYMENT",
                paymentId,
                "payment for invoice " + invoice.number() + " after it was settled",
                actor,
                now));
        audit.insert(
                now,
                actor,
                "payment.record",
                "invoice " + invoice.number(),
                method + " " + reference + " " + Money.of(amount, c) + " to credit");
        return new Posted(
                paymentId,
                invoice.customerId(),
                invoice.number(),
                Money.zero(c),
                Money.of(amount, c),
                owed(invoice),
                invoice.status());
    }

    /** The payment row; the same method and reference twice is refused by the unique key. */
    private long insert(
            InvoiceForCredit invoice,
            BigDecimal amount,
            Money applied,
            String method,
            String reference,
            LocalDate receivedOn,
            String actor,
            Instant now) {
        Currency c = invoice.currency();
        GeneratedKey key = new GeneratedKey();
        try {
            payments.insertPayment(
                    new PaymentInsert(
                            invoice.customerId(),
                            invoice.id(),
                            c.getCurrencyCode(),
                            Money.of(amount, c).amount(),
                            applied.amount(),
                            method,
                            reference,
                            "SUCCEEDED",
                            receivedOn,
                            actor,
                            now),
                    key);
        } catch (DuplicateKeyException e) {
            throw new BillingRuleViolation("payment " + method + " " + reference + " is already recorded");
        }
        return key.value();
    }

    public Posted post(
            InvoiceForCredit invoice,
            BigDecimal amount,
            String method,
            String reference,
            LocalDate receivedOn,
            String actor) {
        Currency c = invoice.currency();
        Money owed = owed(invoice);
        PaymentAllocation.Allocation allocation = PaymentAllocation.allocate(
                invoice.number() == null ? String.valueOf(invoice.id()) : invoice.number(),
                InvoiceStatus.valueOf(invoice.status()),
                owed,
                Money.of(amount, c));
        Instant now = clock.instant();
        long paymentId = insert(invoice, amount, allocation.toInvoice(), method, reference, receivedOn, actor, now);
        invoices.applyPayment(
                invoice.id(),
                allocation.toInvoice().amount(),
                allocation.status().name(),
                allocation.status() == InvoiceStatus.PAID ? now : null);
        if (!allocation.toCredit().isZero()) {
            customers.lockCustomer(invoice.customerId());
            ledger.insertLedgerEntry(new LedgerEntryRow(
                    invoice.customerId(),
                    c,
                    allocation.toCredit().amount(),
                    "OVERPAYMENT",
                    "PAYMENT",
                    paymentId,
                    "overpayment of invoice " + invoice.number(),
                    actor,
                    now));
        }
        audit.insert(
                now,
                actor,
                "payment.record",
                "invoice " + invoice.number(),
                method + " " + reference + " " + Money.of(amount, c));
        return new Posted(
                paymentId,
                invoice.customerId(),
                invoice.number(),
                allocation.toInvoice(),
                allocation.toCredit(),
                owed.minus(allocation.toInvoice()),
                allocation.status().name());
    }
}
