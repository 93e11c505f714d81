package com.ezscale.billing.payment;

import com.ezscale.billing.account.db.AccountMapper;
import com.ezscale.billing.account.db.InvoiceForCredit;
import com.ezscale.billing.account.db.PaymentInsert;
import com.ezscale.billing.audit.db.AuditMapper;
import com.ezscale.billing.invoice.BillingRuleViolation;
import com.ezscale.billing.invoice.InvoiceStatus;
import com.ezscale.billing.invoice.db.InvoiceMapper;
import com.ezscale.billing.invoice.db.LedgerEntryRow;
import com.ezscale.billing.money.Money;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Currency;

/**
 * Records a payment received against an invoice (bank transfer typed by finance, a card charge
 * settled by collect, the janitor or a webhook), in the caller's transaction: the payment row
 * (unique per method and reference, so the same money is never recorded twice), the invoice's
 * paid amount and status, an overpayment to account credit, the audit line.
 */
public final class PaymentPosting {

    public record Posted(long paymentId, long customerId, String invoiceNumber, Money toInvoice, Money toCredit, Money owedAfter, String invoiceStatus) {
    }

    private final AccountMapper accounts;
    private final InvoiceMapper invoices;
    private final AuditMapper audit;
    private final Clock clock;

    public PaymentPosting(AccountMapper accounts, InvoiceMapper invoices, AuditMapper audit, Clock clock) {
        this.accounts = accounts;
        this.invoices = invoices;
        this.audit = audit;
        this.clock = clock;
    }

    /** What is still owed on a (locked) invoice: total − paid − what credit notes took off. */
    public Money owed(InvoiceForCredit invoice) {
        Currency c = invoice.currency();
        return Money.rounded(invoice.total(), c).minus(Money.rounded(invoice.amountPaid(), c))
                .minus(Money.rounded(accounts.selectBalanceReductions(invoice.id()), c));
    }

    /** Locks the invoice (by id, or by number when {@code id} is null). */
    public InvoiceForCredit lock(Long id, String number) {
        InvoiceForCredit invoice = accounts.lockInvoice(id, number);
        if (invoice == null) {
            throw new BillingRuleViolation("no invoice " + (id == null ? number : String.valueOf(id)));
        }
        return invoice;
    }

    /**
     * Money that arrived for an invoice with nothing left to pay (paid meanwhile by transfer or
     * credit): recorded against it, all of it to account credit, never lost.
     */
    public Posted postToCredit(InvoiceForCredit invoice, BigDecimal amount, String method, String reference, LocalDate receivedOn, String actor) {
        Currency c = invoice.currency();
        Instant now = clock.instant();
        PaymentInsert payment = insert(invoice, amount, Money.zero(c), method, reference, receivedOn, actor, now);
        accounts.lockCustomer(invoice.customerId());
        invoices.insertLedgerEntry(new LedgerEntryRow(invoice.customerId(), c, payment.amount, "OVERPAYMENT", "PAYMENT", payment.id,
                "payment for invoice " + invoice.number() + " after it was settled", actor, now));
        audit.insert(now, actor, "payment.record", "invoice " + invoice.number(), method + " " + reference + " " + Money.of(amount, c) + " to credit");
        return new Posted(payment.id, invoice.customerId(), invoice.number(), Money.zero(c), Money.of(amount, c), owed(invoice), invoice.status());
    }

    /** The payment row; the same method and reference twice is refused by the unique key. */
    private PaymentInsert insert(InvoiceForCredit invoice, BigDecimal amount, Money applied, String method, String reference, LocalDate receivedOn,
                                 String actor, Instant now) {
        Currency c = invoice.currency();
        PaymentInsert payment = new PaymentInsert();
        payment.customerId = invoice.customerId();
        payment.invoiceId = invoice.id();
        payment.currency = c.getCurrencyCode();
        payment.amount = Money.of(amount, c).amount();
        payment.appliedToInvoice = applied.amount();
        payment.method = method;
        payment.reference = reference;
        payment.status = "SUCCEEDED";
        payment.receivedOn = receivedOn;
        payment.recordedBy = actor;
        payment.createdAt = now;
        try {
            accounts.insertPayment(payment);
        } catch (org.springframework.dao.DuplicateKeyException e) {
            throw new BillingRuleViolation("payment " + method + " " + reference + " is already recorded");
        }
        return payment;
    }

    public Posted post(InvoiceForCredit invoice, BigDecimal amount, String method, String reference, LocalDate receivedOn, String actor) {
        Currency c = invoice.currency();
        Money owed = owed(invoice);
        PaymentAllocation.Allocation allocation = PaymentAllocation.allocate(invoice.number() == null ? String.valueOf(invoice.id()) : invoice.number(),
                InvoiceStatus.valueOf(invoice.status()), owed, Money.of(amount, c));
        Instant now = clock.instant();
        PaymentInsert payment = insert(invoice, amount, allocation.toInvoice(), method, reference, receivedOn, actor, now);
        accounts.applyPayment(invoice.id(), allocation.toInvoice().amount(), allocation.status().name(),
                allocation.status() == InvoiceStatus.PAID ? now : null);
        if (!allocation.toCredit().isZero()) {
            accounts.lockCustomer(invoice.customerId());
            invoices.insertLedgerEntry(new LedgerEntryRow(invoice.customerId(), c, allocation.toCredit().amount(), "OVERPAYMENT", "PAYMENT",
                    payment.id, "overpayment of invoice " + invoice.number(), actor, now));
        }
        audit.insert(now, actor, "payment.record", "invoice " + invoice.number(), method + " " + reference + " " + Money.of(amount, c));
        return new Posted(payment.id, invoice.customerId(), invoice.number(), allocation.toInvoice(), allocation.toCredit(),
                owed.minus(allocation.toInvoice()), allocation.status().name());
    }
}
