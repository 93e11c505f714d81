package com.ezscale.billing.app.creditnote;

import com.ezscale.billing.app.collection.PaymentGateways;
import com.ezscale.billing.app.payment.PaymentPosting;
import com.ezscale.billing.audit.db.AuditMapper;
import com.ezscale.billing.collection.PaymentGateway;
import com.ezscale.billing.credit.db.CreditLedgerMapper;
import com.ezscale.billing.credit.db.LedgerEntryRow;
import com.ezscale.billing.creditnote.CreditNoteDraft;
import com.ezscale.billing.creditnote.CreditNoteKind;
import com.ezscale.billing.creditnote.CreditNotes;
import com.ezscale.billing.creditnote.CreditableInvoice;
import com.ezscale.billing.creditnote.db.CreditNoteInsert;
import com.ezscale.billing.creditnote.db.CreditNoteMapper;
import com.ezscale.billing.creditnote.db.TaxRow;
import com.ezscale.billing.customer.db.CustomerMapper;
import com.ezscale.billing.invoice.NumberSeriesFormat;
import com.ezscale.billing.invoice.db.InvoiceForCredit;
import com.ezscale.billing.invoice.db.InvoiceMapper;
import com.ezscale.billing.invoice.db.InvoiceRepository;
import com.ezscale.billing.money.Money;
import com.ezscale.billing.payment.db.PaymentMapper;
import com.ezscale.billing.payment.db.PendingRefund;
import com.ezscale.billing.payment.db.RefundablePayment;
import com.ezscale.billing.persistence.GeneratedKey;
import com.ezscale.billing.rules.BillingRuleViolation;
import com.ezscale.billing.tax.TaxAmount;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Currency;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Credit notes in their own gapless series: whole, per line (a line brings its discounts) or an
 * amount, tax reversed in proportion ({@link CreditNotes}); a void; and refunds through the gateway,
 * each linked to the credit note issued first. What the customer still owed is reduced first; the
 * rest goes to account credit, or back to the card for a refund. One transaction each, audited.
 */
@Service
public class CreditNoteService {

    /** An issued credit note. */
    public record CreditNoteResult(
            long id,
            String number,
            String invoiceNumber,
            CreditNoteDraft draft,
            String settlement,
            Money toCredit,
            String invoiceStatus) {}

    /** A refund: the credit note that justifies it, the amount back to the card, and the gateway's refund id (null while pending). */
    public record RefundResult(CreditNoteResult note, Money refunded, String status, String gatewayRef) {}

    private record PreparedRefund(
            CreditNoteResult note,
            long refundId,
            long paymentId,
            String chargeRef,
            Money amount,
            String key,
            String method) {}

    private final InvoiceRepository invoiceRepository;
    private final InvoiceMapper invoices;
    private final CreditNoteMapper creditNotes;
    private final CreditLedgerMapper ledger;
    private final CustomerMapper customers;
    private final PaymentMapper payments;
    private final PaymentPosting posting;
    private final PaymentGateways gateways;
    private final AuditMapper audit;
    private final TransactionTemplate tx;
    private final Clock clock;

    public CreditNoteService(
            InvoiceRepository invoiceRepository,
            InvoiceMapper invoices,
            CreditNoteMapper creditNotes,
            CreditLedgerMapper ledger,
            CustomerMapper customers,
            PaymentMapper payments,
            PaymentPosting posting,
            PaymentGateways gateways,
            AuditMapper audit,
            PlatformTransactionManager transactionManager,
            Clock clock) {
        this.invoiceRepository = invoiceRepository;
        this.invoices = invoices;
        this.creditNotes = creditNotes;
        this.ledger = ledger;
        this.customers = customers;
        this.payments = payments;
        this.posting = posting;
        this.gateways = gateways;
        this.audit = audit;
        this.tx = new TransactionTemplate(transactionManager);
        this.clock = clock;
    }

    /** A credit note: {@code lineNos} for LINES, {@code amount} for AMOUNT; FULL and VOID take neither. */
    public CreditNoteResult creditNote(
            String invoiceRef,
            CreditNoteKind kind,
            Set<Integer> lineNos,
            BigDecimal amount,
            String reason,
            LocalDate asOf,
            String actor) {
        if (reason == null || reason.isBlank()) {
            throw new BillingRuleViolation("a credit note needs a reason");
        }
        return tx.execute(status -> {
            InvoiceForCredit invoice = lockIssued(invoiceRef);
            if (kind == CreditNoteKind.VOID && invoice.amountPaid().signum() != 0) {
                throw new BillingRuleViolation("invoice " + invoice.number() + " has payments ("
                        + invoice.amountPaid().stripTrailingZeros().toPlainString() + " "
                        + invoice.currency().getCurrencyCode() + "): issue a credit note instead of voiding it");
            }
            CreditNoteDraft draft = draft(invoice, kind, lineNos, amount, reason);
            CreditNoteResult result = issue(invoice, draft, reason, asOf, actor);
            audit.insert(
                    clock.instant(),
                    actor,
                    kind == CreditNoteKind.VOID ? "invoice.void" : "creditnote.issue",
                    "invoice " + invoice.number(),
                    result.number() + " " + draft.total() + ": " + reason);
            return result;
        });
    }

    /** The note's lines and tax: {@code lineNos} for LINES, {@code amount} for AMOUNT; FULL and VOID take neither. */
    private CreditNoteDraft draft(
            InvoiceForCredit invoice, CreditNoteKind kind, Set<Integer> lineNos, BigDecimal amount, String reason) {
        CreditableInvoice creditable = creditable(invoice);
        return switch (kind) {
            case FULL, VOID -> CreditNotes.full(creditable, kind);
            case LINES -> CreditNotes.lines(creditable, lineNos, kind);
            case AMOUNT -> CreditNotes.amount(creditable, Money.of(amount, invoice.currency()), reason);
            case EXPIRY -> throw new IllegalArgumentException("expiry notes are issued by the invoice run");
        };
    }

    /** An issued invoice, locked, that a credit note may credit. */
    private InvoiceForCredit lockIssued(String ref) {
        InvoiceForCredit invoice = invoiceRepository.lock(ref);
        if (invoice.status().equals("DRAFT")) {
            throw new BillingRuleViolation(
                    "invoice " + invoice.id() + " is a draft: drafts are regenerated, not credited");
        }
        if (invoice.status().equals("VOID")) {
            throw new BillingRuleViolation("invoice " + invoice.number() + " is void");
        }
        return invoice;
    }

    /** What of a (locked) invoice is left to credit: its lines, its tax per rate, and what earlier notes credited. */
    public CreditableInvoice creditable(InvoiceForCredit invoice) {
        Currency c = invoice.currency();
        List<CreditableInvoice.Line> lines = creditNotes.selectCreditableLines(invoice.id()).stream()
                .map(l -> new CreditableInvoice.Line(
                        l.id(),
                        l.lineNo(),
                        l.description(),
                        Money.rounded(l.amount(), c),
                        l.taxName(),
                        l.taxRate(),
                        l.discountedLineNo(),
                        l.planChangeId()))
                .toList();
        List<CreditableInvoice.Credited> credited = creditNotes.selectCreditedLines(invoice.id()).stream()
                .map(r -> new CreditableInvoice.Credited(r.invoiceLineId(), Money.rounded(r.amount(), c)))
                .toList();
        List<TaxAmount> invoiceTaxes = invoices.selectInvoiceTaxes(invoice.id()).stream()
                .map(t -> new TaxAmount(
                        t.taxName(), t.rate(), Money.rounded(t.taxableBase(), c), Money.rounded(t.taxAmount(), c)))
                .toList();
        return new CreditableInvoice(
                invoice.number(),
                c,
                invoice.pricesIncludeTax(),
                Money.rounded(invoice.total(), c),
                lines,
                invoiceTaxes,
                credited,
                taxes(creditNotes.selectCreditedTaxes(invoice.id()), c),
                Money.rounded(creditNotes.selectCreditedTotal(invoice.id()), c));
    }

    private static List<TaxAmount> taxes(List<TaxRow> rows, Currency c) {
        return rows.stream()
                .map(t -> new TaxAmount(
                        t.taxName(), t.rate(), Money.rounded(t.taxableBase(), c), Money.rounded(t.taxAmount(), c)))
                .toList();
    }

    /**
     * Numbers and writes a credit note in the caller's transaction. What the customer still owed is
     * reduced first; the rest (the invoice was paid) becomes account credit. An invoice credited to
     * nothing owed is VOID if nothing was paid, PAID otherwise.
     */
    public CreditNoteResult issue(
            InvoiceForCredit invoice, CreditNoteDraft draft, String reason, LocalDate asOf, String actor) {
        return issue(invoice, draft, reason, asOf, actor, false);
    }

    /** {@code refund}: what exceeds the amount owed goes back to the card (settlement REFUND), not to account credit. */
    private CreditNoteResult issue(
            InvoiceForCredit invoice,
            CreditNoteDraft draft,
            String reason,
            LocalDate asOf,
            String actor,
            boolean refund) {
        Currency c = invoice.currency();
        Money paid = Money.rounded(invoice.amountPaid(), c);
        Money owed = posting.owed(invoice);
        Money reduction =
                owed.isNegative() ? Money.zero(c) : (draft.total().compareTo(owed) <= 0 ? draft.total() : owed);
        Money toCredit = draft.total().minus(reduction);
        NumberSeriesFormat format = new NumberSeriesFormat(invoices.selectCreditNoteSeries(invoice.sellerEntityId()));
        int year = asOf.getYear();
        String seriesKey = format.seriesKey(year);
        long value = invoiceRepository.nextInSeries(seriesKey);
        Instant now = clock.instant();
        String number = format.format(year, value);
        String settlement = toCredit.isZero() ? "REDUCE_BALANCE" : refund ? "REFUND" : "ACCOUNT_CREDIT";
        GeneratedKey key = new GeneratedKey();
        creditNotes.insertCreditNote(
                new CreditNoteInsert(
                        invoice.sellerEntityId(),
                        invoice.customerId(),
                        invoice.id(),
                        c.getCurrencyCode(),
                        seriesKey,
                        value,
                        number,
                        draft.kind().name(),
                        reason,
                        settlement,
                        reduction.amount(),
                        asOf,
                        draft.subtotal().amount(),
                        draft.taxTotal().amount(),
                        draft.total().amount(),
                        actor,
                        now),
                key);
        long noteId = key.value();
        int lineNo = 1;
        for (CreditNoteDraft.NoteLine line : draft.lines()) {
            creditNotes.insertCreditNoteLine(
                    noteId,
                    lineNo++,
                    line.invoiceLineId(),
                    line.description(),
                    line.amount().amount(),
                    line.taxName(),
                    line.taxRate());
        }
        for (TaxAmount tax : draft.taxes()) {
            creditNotes.insertCreditNoteTax(
                    noteId,
                    new TaxRow(
                            tax.name(),
                            tax.ratePercent(),
                            tax.base().amount(),
                            tax.tax().amount()));
        }
        if (!toCredit.isZero() && !refund) {
            customers.lockCustomer(invoice.customerId());
            ledger.insertLedgerEntry(new LedgerEntryRow(
                    invoice.customerId(),
                    c,
                    toCredit.amount(),
                    "CREDIT_NOTE",
                    "CREDIT_NOTE",
                    noteId,
                    "credit note " + number + " of invoice " + invoice.number(),
                    actor,
                    now));
        }
        String status = invoice.status();
        if (owed.minus(reduction).isZero()) {
            status = paid.isZero() ? "VOID" : "PAID";
            if (!status.equals(invoice.status())) {
                invoices.updateInvoiceStatus(invoice.id(), status);
            }
        }
        return new CreditNoteResult(noteId, number, invoice.number(), draft, settlement, toCredit, status);
    }

    /**
     * Refunds through the gateway, linked to a credit note (issued first, settlement REFUND): what
     * the note credits beyond what is still owed goes back to the card the invoice was paid with.
     * The refund carries an idempotency key derived from the note, so retrying it (the janitor
     * does) never refunds twice.
     */
    public RefundResult refund(
            String invoiceRef,
            CreditNoteKind kind,
            Set<Integer> lineNos,
            BigDecimal amount,
            String reason,
            LocalDate asOf,
            String actor) {
        if (reason == null || reason.isBlank()) {
            throw new BillingRuleViolation("a refund needs a reason");
        }
        List<String> methods = gateways.refundableMethods();
        if (methods.isEmpty()) {
            throw new BillingRuleViolation("refunds go back through the gateway that took the payment; neither Stripe "
                    + "(EZSCALE_STRIPE_API_KEY) nor PayPal (EZSCALE_PAYPAL_CLIENT_ID) is configured");
        }
        PreparedRefund prepared = tx.execute(status -> {
            if (kind == CreditNoteKind.VOID) {
                throw new IllegalArgumentException("VOID is not a refund");
            }
            InvoiceForCredit invoice = lockIssued(invoiceRef);
            CreditNoteResult note =
                    issue(invoice, draft(invoice, kind, lineNos, amount, reason), reason, asOf, actor, true);
            if (note.toCredit().isZero()) {
                throw new BillingRuleViolation("invoice " + invoice.number() + ": "
                        + note.draft().total() + " only reduces what is still owed; "
                        + "nothing was paid to refund (use credit-note)");
            }
            RefundablePayment payment = null;
            String method = null;
            for (String m : methods) {
                payment = payments.selectRefundablePayment(
                        invoice.id(), m, note.toCredit().amount());
                if (payment != null) {
                    method = m;
                    break;
                }
            }
            if (payment == null) {
                throw new BillingRuleViolation("invoice " + invoice.number() + " has no card or PayPal payment with "
                        + note.toCredit() + " left to refund: issue a credit note to account credit instead");
            }
            String key = "ezs-refund-" + note.id();
            payments.insertRefund(
                    payment.id(),
                    note.id(),
                    invoice.currency().getCurrencyCode(),
                    note.toCredit().amount(),
                    key,
                    reason,
                    actor,
                    clock.instant());
            audit.insert(
                    clock.instant(),
                    actor,
                    "payment.refund",
                    "invoice " + invoice.number(),
                    note.number() + " " + note.toCredit() + ": " + reason);
            PendingRefund refundRow = payments.selectPendingRefunds(note.id()).get(0);
            return new PreparedRefund(
                    note, refundRow.id(), payment.id(), payment.reference(), note.toCredit(), key, method);
        });
        String gatewayRef;
        try {
            PaymentGateway gateway = gateways.forMethod(prepared.method()).orElseThrow();
            gatewayRef = gateway.refund(prepared.chargeRef(), prepared.amount(), prepared.key(), reason);
        } catch (RuntimeException e) {
            return new RefundResult(
                    prepared.note(),
                    prepared.amount(),
                    "PENDING (" + e.getMessage() + "; the next collect retries it)",
                    null);
        }
        completeRefund(
                prepared.refundId(), prepared.paymentId(), prepared.amount().amount(), gatewayRef);
        return new RefundResult(prepared.note(), prepared.amount(), "SUCCEEDED", gatewayRef);
    }

    /** Records a refund the gateway confirmed (once: a second confirmation changes nothing). */
    public void completeRefund(long refundId, long paymentId, BigDecimal amount, String gatewayRef) {
        tx.executeWithoutResult(status -> {
            if (payments.completeRefund(refundId, gatewayRef) > 0) {
                payments.addRefunded(paymentId, amount);
            }
        });
    }
}
