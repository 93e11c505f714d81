package com.ezscale.billing.portal.account;

import com.ezscale.billing.account.db.AccountCreditNote;
import com.ezscale.billing.account.db.AccountMapper;
import com.ezscale.billing.account.db.AccountPayment;
import com.ezscale.billing.app.collection.CheckoutPayments;
import com.ezscale.billing.app.collection.CryptoPayments;
import com.ezscale.billing.credit.db.CreditLedgerMapper;
import com.ezscale.billing.document.db.DocumentMapper;
import com.ezscale.billing.document.db.StoredDocument;
import com.ezscale.billing.invoice.db.InvoiceListRow;
import com.ezscale.billing.invoice.db.InvoiceMapper;
import com.ezscale.billing.portal.security.CustomerPrincipal;
import com.ezscale.billing.reports.pdf.Documents;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

/**
 * The customer's own account: what is owed, account credit and its history, invoices (as issued,
 * with their PDF and the usage evidence of their bandwidth lines), credit notes and payments.
 * Every read is of the logged-in customer's rows only; another customer's invoice, credit note or
 * PDF is "not found" (404), never "forbidden", so numbers cannot be probed.
 */
@Controller
public class AccountController {

    static final int PAGE = 50;

    private final InvoiceMapper invoices;
    private final CustomerReads reads;
    private final AccountMapper account;
    private final CreditLedgerMapper credit;
    private final DocumentMapper documentRows;
    private final Documents documents;
    private final Clock clock;
    private final CheckoutPayments checkout;
    private final CryptoPayments crypto;
    private final String portalUrl;

    public AccountController(
            InvoiceMapper invoices,
            CustomerReads reads,
            AccountMapper account,
            CreditLedgerMapper credit,
            DocumentMapper documentRows,
            Documents documents,
            Clock clock,
            CheckoutPayments checkout,
            CryptoPayments crypto,
            @Value("${ezscale.collection.portal-url:}") String portalUrl) {
        this.invoices = invoices;
        this.reads = reads;
        this.account = account;
        this.credit = credit;
        this.documentRows = documentRows;
        this.documents = documents;
        this.clock = clock;
        this.checkout = checkout;
        this.crypto = crypto;
        this.portalUrl = portalUrl;
    }

    @GetMapping("/account")
    public String overview(@AuthenticationPrincipal CustomerPrincipal me, Model model) {
        model.addAttribute("services", account.selectServices(me.customerId(), clock.instant()));
        if (me.role().seesBilling()) {
            List<InvoiceListRow> open = openInvoices(me.customerId());
            Map<String, BigDecimal> owed = new TreeMap<>();
            open.forEach(i -> owed.merge(i.currency(), i.owed(), BigDecimal::add));
            model.addAttribute("open", open);
            model.addAttribute("owed", owed);
            model.addAttribute(
                    "credit",
                    credit.selectCreditBalances(List.of(me.customerId())).stream()
                            .filter(b -> b.balance().signum() != 0)
                            .toList());
            model.addAttribute("creditHistory", account.selectCreditHistory(me.customerId(), 20));
        }
        return "account/overview";
    }

    @GetMapping("/account/invoices")
    public String invoices(
            @AuthenticationPrincipal CustomerPrincipal me,
            @RequestParam(required = false) String number,
            @RequestParam(required = false) String status,
            @RequestParam(required = false) Long before,
            Model model) {
        String s = reads.status(status);
        List<InvoiceListRow> page = invoices.selectInvoicePage(number, me.customerId(), s, before, PAGE);
        model.addAttribute("invoices", page);
        model.addAttribute(
                "next", page.size() == PAGE ? page.get(page.size() - 1).id() : null);
        model.addAttribute("number", number);
        model.addAttribute("status", s);
        return "account/invoices";
    }

    @GetMapping("/account/invoices/{number}")
    public String invoice(@AuthenticationPrincipal CustomerPrincipal me, @PathVariable String number, Model model) {
        InvoiceListRow invoice = reads.invoice(me.customerId(), number);
        model.addAttribute("invoice", invoice);
        model.addAttribute("document", documents.printed(invoice.number()));
        model.addAttribute("evidence", documentRows.selectEvidence(invoice.id()));
        model.addAttribute("crypto", crypto.available());
        return "account/invoice";
    }

    @GetMapping("/account/invoices/{number}/pdf")
    public ResponseEntity<byte[]> invoicePdf(
            @AuthenticationPrincipal CustomerPrincipal me, @PathVariable String number) {
        return pdf(documents.pdf(reads.invoice(me.customerId(), number).number()));
    }

    @GetMapping("/account/credit-notes")
    public String creditNotes(
            @AuthenticationPrincipal CustomerPrincipal me, @RequestParam(required = false) Long before, Model model) {
        List<AccountCreditNote> page = account.selectCreditNotes(me.customerId(), before, PAGE);
        model.addAttribute("notes", page);
        model.addAttribute(
                "next", page.size() == PAGE ? page.get(page.size() - 1).id() : null);
        return "account/credit-notes";
    }

    @GetMapping("/account/credit-notes/{number}/pdf")
    public ResponseEntity<byte[]> creditNotePdf(
            @AuthenticationPrincipal CustomerPrincipal me, @PathVariable String number) {
        return pdf(documents.pdf(reads.creditNote(me.customerId(), number)));
    }

    @GetMapping("/account/payments")
    public String payments(
            @AuthenticationPrincipal CustomerPrincipal me, @RequestParam(required = false) Long before, Model model) {
        List<AccountPayment> page = account.selectPayments(me.customerId(), before, PAGE);
        model.addAttribute("payments", page);
        model.addAttribute(
                "next", page.size() == PAGE ? page.get(page.size() - 1).id() : null);
        return "account/payments";
    }

    /** Pays what the invoice owes on Stripe Checkout's page (Stripe's webhook settles it); back here after. */
    @PostMapping("/account/invoices/{number}/pay")
    public String checkout(@AuthenticationPrincipal CustomerPrincipal me, @PathVariable String number) {
        InvoiceListRow invoice = reads.invoice(me.customerId(), number);
        return "redirect:" + checkout.start(me.customerId(), invoice.number(), portalUrl);
    }

    /**
     * Pays what the invoice owes in crypto on Coinbase Commerce's hosted page (its webhook books it):
     * the invoice page's button, and the link of the reminders of a customer that chose crypto. The
     * live charge is handed out again; an expired one is renewed.
     */
    @GetMapping("/account/invoices/{number}/pay/crypto")
    public String payInCrypto(@AuthenticationPrincipal CustomerPrincipal me, @PathVariable String number) {
        InvoiceListRow invoice = reads.invoice(me.customerId(), number);
        return "redirect:" + crypto.payLink(me.customerId(), invoice.number(), portalUrl, me.actor());
    }

    /** The link e-mailed with a payment that needs the customer (3-D Secure): the invoice's page. */
    @GetMapping("/invoices/{number}/pay")
    public String pay(@AuthenticationPrincipal CustomerPrincipal me, @PathVariable String number) {
        return "redirect:/account/invoices/"
                + reads.invoice(me.customerId(), number).number();
    }

    /** An old WHMCS invoice link: the imported invoice, for its owner only. */
    @GetMapping("/viewinvoice.php")
    public String whmcsInvoice(@AuthenticationPrincipal CustomerPrincipal me, @RequestParam String id) {
        long whmcsId;
        try {
            whmcsId = Long.parseLong(id.strip());
        } catch (NumberFormatException e) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "id: a WHMCS invoice number, not '" + id + "'");
        }
        String number = account.selectImportedInvoiceNumber(me.customerId(), whmcsId);
        if (number == null) {
            throw new ResponseStatusException(
                    HttpStatus.NOT_FOUND, "You have no invoice imported from WHMCS as " + whmcsId + ".");
        }
        return "redirect:/account/invoices/" + number;
    }

    private List<InvoiceListRow> openInvoices(long customerId) {
        List<InvoiceListRow> open = new java.util.ArrayList<>();
        open.addAll(invoices.selectInvoicePage(null, customerId, "ISSUED", null, PAGE));
        open.addAll(invoices.selectInvoicePage(null, customerId, "PARTIALLY_PAID", null, PAGE));
        open.sort(java.util.Comparator.comparing(InvoiceListRow::dueDate));
        return open;
    }

    private static ResponseEntity<byte[]> pdf(StoredDocument pdf) {
        return ResponseEntity.ok()
                .contentType(MediaType.APPLICATION_PDF)
                .header(HttpHeaders.CONTENT_DISPOSITION, "inline; filename=\"" + pdf.number() + ".pdf\"")
                .body(pdf.content());
    }
}
