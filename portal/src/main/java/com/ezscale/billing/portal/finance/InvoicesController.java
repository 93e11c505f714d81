package com.ezscale.billing.portal.finance;

import com.ezscale.billing.app.BusinessDates;
import com.ezscale.billing.app.creditnote.CreditNoteService;
import com.ezscale.billing.app.payment.Payments;
import com.ezscale.billing.creditnote.CreditNoteKind;
import com.ezscale.billing.document.db.StoredDocument;
import com.ezscale.billing.invoice.db.InvoiceListRow;
import com.ezscale.billing.invoice.db.InvoiceMapper;
import com.ezscale.billing.persistence.replica.ReplicaReads;
import com.ezscale.billing.portal.web.Amounts;
import com.ezscale.billing.portal.web.Csv;
import com.ezscale.billing.portal.web.Forms;
import com.ezscale.billing.portal.web.HtmlRows;
import com.ezscale.billing.reports.pdf.Documents;
import com.ezscale.billing.rules.BillingRuleViolation;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.math.BigDecimal;
import java.security.Principal;
import java.time.LocalDate;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Invoice search and view (as issued, with what is owed today and its PDF), and payments received outside a gateway. */
@Controller
public class InvoicesController {

    static final int PAGE = 50;

    private final InvoiceMapper invoices;
    private final Documents documents;
    private final Payments payments;
    private final CreditNoteService creditNotes;
    private final BusinessDates dates;
    private final ReplicaReads reads;

    public InvoicesController(
            InvoiceMapper invoices,
            Documents documents,
            Payments payments,
            CreditNoteService creditNotes,
            BusinessDates dates,
            ReplicaReads reads) {
        this.reads = reads;
        this.invoices = invoices;
        this.documents = documents;
        this.payments = payments;
        this.creditNotes = creditNotes;
        this.dates = dates;
    }

    @GetMapping("/finance/invoices")
    public String search(
            @RequestParam(required = false) String number,
            @RequestParam(required = false) Long customer,
            @RequestParam(required = false) String status,
            @RequestParam(required = false) Long before,
            HttpServletRequest request,
            Model model) {
        // the search is read-only: on the read replica when one is configured and within its bound
        List<InvoiceListRow> page =
                reads.read(() -> invoices.selectInvoicePage(number, customer, status, before, PAGE));
        model.addAttribute("rows", rows(page, request.getContextPath()));
        model.addAttribute(
                "next", page.size() == PAGE ? page.get(page.size() - 1).id() : null);
        model.addAttribute("number", number);
        model.addAttribute("customer", customer);
        model.addAttribute("status", status);
        return "finance/invoices";
    }

    /** The table's rows (see {@link HtmlRows}: written in Java, every value escaped). */
    static String rows(List<InvoiceListRow> page, String contextPath) {
        HtmlRows rows = new HtmlRows(contextPath);
        for (InvoiceListRow i : page) {
            rows.row()
                    .link("/finance/invoices/", i.number(), i.number())
                    .cell(i.customerId() + " " + i.customerName())
                    .cell(i.issueDate())
                    .cell(i.dueDate())
                    .cell("status " + i.status(), i.status())
                    .cell("num", Amounts.atScale(i.total(), i.currency()) + " " + i.currency())
                    .cell("num", Amounts.atScale(i.amountPaid(), i.currency()))
                    .cell("num", Amounts.atScale(i.owed(), i.currency()));
        }
        return rows.html();
    }

    @GetMapping("/finance/invoices.csv")
    public void csv(
            @RequestParam(required = false) String number,
            @RequestParam(required = false) Long customer,
            @RequestParam(required = false) String status,
            HttpServletResponse response)
            throws IOException {
        Csv.write(
                response,
                "invoices.csv",
                List.of("number", "customer", "name", "currency", "status", "issued", "due", "total", "paid", "owed"),
                Csv.pages(
                        before -> reads.read(() -> invoices.selectInvoicePage(number, customer, status, before, 1000)),
                        InvoiceListRow::id),
                r -> List.of(
                        r.number(),
                        r.customerId(),
                        r.customerName(),
                        r.currency(),
                        r.status(),
                        r.issueDate(),
                        r.dueDate(),
                        r.total().toPlainString(),
                        r.amountPaid().toPlainString(),
                        r.owed().toPlainString()));
    }

    @GetMapping("/finance/invoices/{number}")
    public String view(@PathVariable String number, Model model) {
        InvoiceListRow invoice = invoices.selectInvoiceListRow(number);
        if (invoice == null || invoice.status().equals("DRAFT")) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no issued invoice " + number);
        }
        model.addAttribute("invoice", invoice);
        model.addAttribute("document", documents.printed(number));
        model.addAttribute("today", dates.today());
        return "finance/invoice";
    }

    @GetMapping("/finance/invoices/{number}/pdf")
    public ResponseEntity<byte[]> pdf(@PathVariable String number) {
        StoredDocument pdf = documents.pdf(number);
        return ResponseEntity.ok()
                .contentType(MediaType.APPLICATION_PDF)
                .header(HttpHeaders.CONTENT_DISPOSITION, "inline; filename=\"" + pdf.number() + ".pdf\"")
                .body(pdf.content());
    }

    @PostMapping("/finance/invoices/{number}/payments")
    public String pay(
            @PathVariable String number,
            @RequestParam(defaultValue = "") String amount,
            @RequestParam(defaultValue = "BANK_TRANSFER") String method,
            @RequestParam(defaultValue = "") String reference,
            @RequestParam(defaultValue = "") String date,
            Principal principal,
            Model model,
            HttpServletResponse response,
            RedirectAttributes redirect) {
        try {
            BigDecimal value = Forms.decimal("amount", amount, "120.50");
            LocalDate day = Forms.date("date", date);
            LocalDate received = day == null ? dates.today() : day;
            Payments.PaymentResult paid =
                    payments.record(number, value, method, reference.strip(), received, principal.getName());
            redirect.addFlashAttribute(
                    "message",
                    "Payment " + paid.paymentId() + ": " + paid.toInvoice() + " to " + paid.invoiceNumber()
                            + (paid.toCredit().isZero() ? "" : ", " + paid.toCredit() + " to account credit")
                            + "; the invoice is now " + paid.invoiceStatus() + ".");
            return "redirect:/finance/invoices/" + number;
        } catch (BillingRuleViolation | IllegalArgumentException e) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            model.addAttribute("error", e.getMessage());
            model.addAttribute("form", new String[] {amount, method, reference, date});
            return view(number, model);
        }
    }

    /** A credit note for the whole invoice or an amount (tax included), with its reason: the `credit-note` command's service. */
    @PostMapping("/finance/invoices/{number}/credit-notes")
    public String creditNote(
            @PathVariable String number,
            @RequestParam(defaultValue = "") String kind,
            @RequestParam(defaultValue = "") String amount,
            @RequestParam(defaultValue = "") String reason,
            Principal principal,
            Model model,
            HttpServletResponse response,
            RedirectAttributes redirect) {
        return credit(number, kind, amount, reason, false, principal, model, response, redirect);
    }

    /**
     * A refund to the card the invoice was paid with: a credit note (settlement REFUND) and the
     * gateway's refund under an idempotency key derived from the note, as the CLI's refund does.
     */
    @PostMapping("/finance/invoices/{number}/refunds")
    public String refund(
            @PathVariable String number,
            @RequestParam(defaultValue = "") String kind,
            @RequestParam(defaultValue = "") String amount,
            @RequestParam(defaultValue = "") String reason,
            Principal principal,
            Model model,
            HttpServletResponse response,
            RedirectAttributes redirect) {
        return credit(number, kind, amount, reason, true, principal, model, response, redirect);
    }

    private String credit(
            String number,
            String kind,
            String amount,
            String reason,
            boolean refund,
            Principal principal,
            Model model,
            HttpServletResponse response,
            RedirectAttributes redirect) {
        try {
            CreditNoteKind what;
            BigDecimal value = null;
            switch (kind) {
                case "FULL" -> what = CreditNoteKind.FULL;
                case "AMOUNT" -> {
                    what = CreditNoteKind.AMOUNT;
                    value = Forms.decimal("credit amount", amount, "20.00");
                }
                default -> throw new BillingRuleViolation("credit: the whole invoice (FULL) or an amount (AMOUNT)");
            }
            if (refund) {
                CreditNoteService.RefundResult result = creditNotes.refund(
                        number, what, null, value, reason.strip(), dates.today(), principal.getName());
                redirect.addFlashAttribute(
                        "message",
                        "Credit note " + result.note().number() + " issued and " + result.refunded()
                                + " refunded to the card: " + result.status()
                                + (result.gatewayRef() == null ? "" : " (" + result.gatewayRef() + ")")
                                + "; the invoice is now " + result.note().invoiceStatus() + ".");
                return "redirect:/finance/invoices/" + number;
            }
            CreditNoteService.CreditNoteResult note = creditNotes.creditNote(
                    number, what, null, value, reason.strip(), dates.today(), principal.getName());
            redirect.addFlashAttribute(
                    "message",
                    "Credit note " + note.number() + " issued (" + note.draft().total() + ", " + note.settlement()
                            + (note.toCredit().isZero() ? "" : "; " + note.toCredit() + " to account credit")
                            + "); the invoice is now " + note.invoiceStatus() + ".");
            return "redirect:/finance/invoices/" + number;
        } catch (BillingRuleViolation | IllegalArgumentException e) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            model.addAttribute("error", e.getMessage());
            return view(number, model);
        }
    }
}
