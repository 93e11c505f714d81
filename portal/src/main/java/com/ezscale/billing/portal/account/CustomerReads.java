package com.ezscale.billing.portal.account;

import com.ezscale.billing.account.db.AccountMapper;
import com.ezscale.billing.account.db.AccountService;
import com.ezscale.billing.invoice.db.InvoiceListRow;
import com.ezscale.billing.invoice.db.InvoiceMapper;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;

/**
 * The checks every customer page and API call makes before it reads: the invoice, credit note or
 * service is this customer's (otherwise 404, never 403, so numbers cannot be probed), a status or
 * month asked for is one that exists (otherwise 400 naming the parameter).
 */
@Component
public class CustomerReads {

    public static final List<String> STATUSES = List.of("ISSUED", "PARTIALLY_PAID", "PAID", "VOID");

    private final InvoiceMapper invoices;
    private final AccountMapper account;
    private final Clock clock;

    public CustomerReads(InvoiceMapper invoices, AccountMapper account, Clock clock) {
        this.invoices = invoices;
        this.account = account;
        this.clock = clock;
    }

    /** The customer's issued invoice numbered so, or 404 (a draft, another customer's, or none). */
    public InvoiceListRow invoice(long customerId, String number) {
        InvoiceListRow invoice = number == null ? null : invoices.selectInvoiceListRow(number.strip());
        if (invoice == null
                || invoice.customerId() != customerId
                || invoice.status().equals("DRAFT")) {
            throw notFound("You have no invoice or credit note " + number + ".");
        }
        return invoice;
    }

    /** The customer's credit note numbered so, or 404. */
    public String creditNote(long customerId, String number) {
        if (!"CREDIT_NOTE".equals(account.selectDocumentKind(customerId, number))) {
            throw notFound("You have no invoice or credit note " + number + ".");
        }
        return number;
    }

    /** The customer's service, or 404. */
    public AccountService service(long customerId, long id) {
        AccountService service = account.selectService(customerId, id, clock.instant());
        if (service == null) {
            throw notFound("You have no service " + id + ".");
        }
        return service;
    }

    /** The customer's service whose plan meters usage, or 404. */
    public AccountService metered(long customerId, long id) {
        AccountService service = service(customerId, id);
        if (!service.metered()) {
            throw notFound("Service " + id + " has no metered usage.");
        }
        return service;
    }

    /** An invoice status to filter by (blank: any), or 400. */
    public String status(String status) {
        String s = status == null || status.isBlank() ? null : status.strip();
        if (s != null && !STATUSES.contains(s)) {
            throw new ResponseStatusException(
                    HttpStatus.BAD_REQUEST, "status: one of " + String.join(", ", STATUSES) + ", not '" + status + "'");
        }
        return s;
    }

    public YearMonth thisMonth() {
        return YearMonth.from(LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC));
    }

    /** The month asked for (YYYY-MM), by default last month (the one last invoiced); 400 for another shape or a month not begun. */
    public YearMonth month(String period) {
        if (period == null || period.isBlank()) {
            return thisMonth().minusMonths(1);
        }
        YearMonth month;
        try {
            month = YearMonth.parse(period.strip());
        } catch (DateTimeParseException e) {
            throw new ResponseStatusException(
                    HttpStatus.BAD_REQUEST, "period: a month as YYYY-MM, not '" + period + "'");
        }
        if (month.isAfter(thisMonth())) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "period: " + month + " has not begun");
        }
        return month;
    }

    private static ResponseStatusException notFound(String reason) {
        return new ResponseStatusException(HttpStatus.NOT_FOUND, reason);
    }
}
