package com.ezscale.billing.portal.api;

import com.ezscale.billing.account.db.AccountCreditNote;
import com.ezscale.billing.account.db.AccountMapper;
import com.ezscale.billing.account.db.AccountPayment;
import com.ezscale.billing.account.db.AccountService;
import com.ezscale.billing.app.usage.UsageStatements;
import com.ezscale.billing.document.db.DocumentMapper;
import com.ezscale.billing.document.db.StoredDocument;
import com.ezscale.billing.document.db.UsageEvidence;
import com.ezscale.billing.invoice.db.InvoiceListRow;
import com.ezscale.billing.invoice.db.InvoiceMapper;
import com.ezscale.billing.money.Money;
import com.ezscale.billing.portal.account.CustomerReads;
import com.ezscale.billing.portal.account.UsageChart;
import com.ezscale.billing.portal.account.UsageCharts;
import com.ezscale.billing.portal.security.TokenPrincipal;
import com.ezscale.billing.reports.pdf.Documents;
import com.ezscale.billing.reports.pdf.PrintedDocument;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The customer API, version 1: the token's customer's services, usage, invoices (and their PDFs),
 * credit notes and payments. Every call reads only that customer's rows; another customer's number
 * or id answers 404. Amounts are strings at their currency's scale ("10.50", "1800").
 */
@RestController
@RequestMapping(path = "/api/v1", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "customer", description = "A customer's own invoices, services and usage (token scope: read)")
@SecurityRequirement(name = "token")
public class CustomerApiController {

    static final int PAGE = 100;

    private final CustomerReads reads;
    private final InvoiceMapper invoices;
    private final AccountMapper account;
    private final DocumentMapper documentRows;
    private final Documents documents;
    private final UsageStatements statements;
    private final UsageCharts charts;
    private final Clock clock;

    public CustomerApiController(
            CustomerReads reads,
            InvoiceMapper invoices,
            AccountMapper account,
            DocumentMapper documentRows,
            Documents documents,
            UsageStatements statements,
            UsageCharts charts,
            Clock clock) {
        this.reads = reads;
        this.invoices = invoices;
        this.account = account;
        this.documentRows = documentRows;
        this.documents = documents;
        this.statements = statements;
        this.charts = charts;
        this.clock = clock;
    }

    /** An invoice in a list. */
    public record Invoice(
            String number,
            String status,
            String currency,
            LocalDate issueDate,
            LocalDate dueDate,
            String total,
            String amountPaid,
            String owed) {

        static Invoice of(InvoiceListRow r) {
            return new Invoice(
                    r.number(),
                    r.status(),
                    r.currency(),
                    r.issueDate(),
                    r.dueDate(),
                    amount(r.total(), r.currency()),
                    amount(r.amountPaid(), r.currency()),
                    amount(r.owed(), r.currency()));
        }
    }

    /** A page of a list, newest first; {@code next} is the {@code before} of the next page (null: none). */
    public record Page<T>(List<T> items, Long next) {

        /** A full page has a next one, from its last row's id. */
        static <R, T> Page<T> of(
                List<R> rows, java.util.function.ToLongFunction<R> id, java.util.function.Function<R, T> item) {
            return new Page<>(
                    rows.stream().map(item).toList(),
                    rows.size() == PAGE ? id.applyAsLong(rows.get(rows.size() - 1)) : null);
        }
    }

    /** A line as issued; {@code evidence} explains a usage line. */
    public record Line(
            String description, String period, String quantity, String unitPrice, String amount, String evidence) {}

    /** The rating a bandwidth line was billed from. */
    public record Usage(
            long serviceId,
            LocalDate periodStart,
            LocalDate periodEndExclusive,
            int buckets,
            int rank,
            String mode,
            BigDecimal billedMbps,
            BigDecimal commitMbps,
            BigDecimal overageMbps,
            long bytesIn,
            long bytesOut) {

        static Usage of(UsageEvidence e) {
            return new Usage(
                    e.subscriptionId(),
                    e.periodStart(),
                    e.periodEndExclusive(),
                    e.activeBuckets(),
                    e.rankIndex() + 1,
                    e.directionMode(),
                    e.billedMbps(),
                    e.commitMbps(),
                    e.overageMbps(),
                    e.bytesIn(),
                    e.bytesOut());
        }
    }

    /** An invoice as issued: its lines and totals as printed, and the usage behind its bandwidth lines. */
    public record InvoiceDetail(Invoice invoice, List<Line> lines, List<List<String>> totals, List<Usage> usage) {}

    @GetMapping("/services")
    @Operation(summary = "The customer's services: plan, cycle, status, next invoiced period, current addresses")
    public List<AccountService> services(@AuthenticationPrincipal TokenPrincipal me) {
        return account.selectServices(me.customer(), clock.instant());
    }

    @GetMapping("/services/{id}/usage")
    @Operation(summary = "A metered service's month: the 5-minute rate, the 95th percentile, commit and daily transfer")
    public UsageChart usage(
            @AuthenticationPrincipal TokenPrincipal me,
            @PathVariable long id,
            @Parameter(description = "YYYY-MM, by default last month") @RequestParam(required = false) String period) {
        reads.metered(me.customer(), id);
        return charts.of(id, reads.month(period));
    }

    @GetMapping(path = "/services/{id}/usage.csv", produces = "text/csv")
    @Operation(summary = "A metered service's month as CSV, the dropped top 5 % marked (the usage command's series)")
    public void usageCsv(
            @AuthenticationPrincipal TokenPrincipal me,
            @PathVariable long id,
            @RequestParam(required = false) String period,
            HttpServletResponse response)
            throws IOException {
        reads.metered(me.customer(), id);
        charts.csv(id, reads.month(period), response);
    }

    @GetMapping("/invoices")
    @Operation(summary = "The customer's issued invoices, newest first, 100 a page")
    public Page<Invoice> invoices(
            @AuthenticationPrincipal TokenPrincipal me,
            @Parameter(description = "ISSUED, PARTIALLY_PAID, PAID or VOID") @RequestParam(required = false)
                    String status,
            @Parameter(description = "the next page: the previous page's next") @RequestParam(required = false)
                    Long before) {
        List<InvoiceListRow> rows = invoices.selectInvoicePage(null, me.customer(), reads.status(status), before, PAGE);
        return Page.of(rows, InvoiceListRow::id, Invoice::of);
    }

    @GetMapping("/invoices/{number}")
    @Operation(summary = "An invoice as issued, with the usage behind its bandwidth lines")
    public InvoiceDetail invoice(@AuthenticationPrincipal TokenPrincipal me, @PathVariable String number) {
        InvoiceListRow row = reads.invoice(me.customer(), number);
        PrintedDocument printed = documents.printed(row.number());
        return new InvoiceDetail(
                Invoice.of(row),
                printed.rows().stream()
                        .map(r -> new Line(
                                r.description(), r.period(), r.quantity(), r.unitPrice(), r.amount(), r.evidence()))
                        .toList(),
                printed.totals().stream().map(List::of).toList(),
                documentRows.selectEvidence(row.id()).stream().map(Usage::of).toList());
    }

    @GetMapping(path = "/invoices/{number}/pdf", produces = MediaType.APPLICATION_PDF_VALUE)
    @Operation(summary = "The invoice's PDF, as issued")
    public ResponseEntity<byte[]> invoicePdf(@AuthenticationPrincipal TokenPrincipal me, @PathVariable String number) {
        return pdf(documents.pdf(reads.invoice(me.customer(), number).number()));
    }

    @GetMapping("/credit-notes")
    @Operation(summary = "The customer's credit notes, newest first")
    public Page<AccountCreditNote> creditNotes(
            @AuthenticationPrincipal TokenPrincipal me, @RequestParam(required = false) Long before) {
        List<AccountCreditNote> rows = account.selectCreditNotes(me.customer(), before, PAGE);
        return Page.of(rows, AccountCreditNote::id, r -> r);
    }

    @GetMapping(path = "/credit-notes/{number}/pdf", produces = MediaType.APPLICATION_PDF_VALUE)
    @Operation(summary = "A credit note's PDF")
    public ResponseEntity<byte[]> creditNotePdf(
            @AuthenticationPrincipal TokenPrincipal me, @PathVariable String number) {
        return pdf(documents.pdf(reads.creditNote(me.customer(), number)));
    }

    @GetMapping("/payments")
    @Operation(summary = "The customer's payments, newest first")
    public Page<AccountPayment> payments(
            @AuthenticationPrincipal TokenPrincipal me, @RequestParam(required = false) Long before) {
        return Page.of(account.selectPayments(me.customer(), before, PAGE), AccountPayment::id, r -> r);
    }

    static String amount(BigDecimal value, String currency) {
        if (value == null) {
            return null;
        }
        return value.setScale(Money.currency(currency).getDefaultFractionDigits(), java.math.RoundingMode.UNNECESSARY)
                .toPlainString();
    }

    private static ResponseEntity<byte[]> pdf(StoredDocument pdf) {
        return ResponseEntity.ok()
                .contentType(MediaType.APPLICATION_PDF)
                .header(HttpHeaders.CONTENT_DISPOSITION, "inline; filename=\"" + pdf.number() + ".pdf\"")
                .body(pdf.content());
    }
}
