package com.ezscale.billing.portal.account;

import com.ezscale.billing.account.db.AccountCreditNote;
import com.ezscale.billing.account.db.AccountMapper;
import com.ezscale.billing.account.db.AccountPayment;
import com.ezscale.billing.app.account.ApiTokens;
import com.ezscale.billing.app.account.CustomerAccounts;
import com.ezscale.billing.app.account.Webhooks;
import com.ezscale.billing.audit.db.AuditMapper;
import com.ezscale.billing.customer.db.CustomerMapper;
import com.ezscale.billing.customer.db.CustomerRow;
import com.ezscale.billing.invoice.db.InvoiceListRow;
import com.ezscale.billing.invoice.db.InvoiceMapper;
import com.ezscale.billing.portal.security.CustomerPrincipal;
import com.ezscale.billing.reports.pdf.Documents;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The customer's data on request (GDPR art. 15 and 20): a zip of {@code account.json} (the
 * customer as stored, its logins and their history, services, invoices, credit notes, payments,
 * account credit, API tokens and webhooks, never a secret or a hash) and the PDF of every issued
 * invoice and credit note. For owners; audited.
 */
@Controller
public class DataExport {

    /** A login as exported: never its password hash. */
    record Login(String email, String name, String role, boolean enabled, java.time.Instant createdAt) {}

    /** A token as exported: never its hash. */
    record Token(
            String name,
            String scopes,
            java.time.Instant createdAt,
            java.time.Instant lastUsedAt,
            java.time.Instant revokedAt) {}

    /** A webhook as exported: never its signing secret. */
    record Webhook(String url, String events, boolean enabled, java.time.Instant createdAt) {}

    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(tools.jackson.databind.cfg.DateTimeFeature.WRITE_DATES_AS_TIMESTAMPS)
            .build();

    private final CustomerMapper customers;
    private final CustomerAccounts accounts;
    private final AccountMapper account;
    private final InvoiceMapper invoices;
    private final ApiTokens tokens;
    private final Webhooks webhooks;
    private final Documents documents;
    private final AuditMapper audit;
    private final Clock clock;

    public DataExport(
            CustomerMapper customers,
            CustomerAccounts accounts,
            AccountMapper account,
            InvoiceMapper invoices,
            ApiTokens tokens,
            Webhooks webhooks,
            Documents documents,
            AuditMapper audit,
            Clock clock) {
        this.customers = customers;
        this.accounts = accounts;
        this.account = account;
        this.invoices = invoices;
        this.tokens = tokens;
        this.webhooks = webhooks;
        this.documents = documents;
        this.audit = audit;
        this.clock = clock;
    }

    @GetMapping("/account/data-export")
    public void export(@AuthenticationPrincipal CustomerPrincipal me, HttpServletResponse response) throws IOException {
        long id = me.customerId();
        CustomerRow row = customers.selectCustomerView(id).row();
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("exported_at", clock.instant().toString());
        data.put("customer", row);
        data.put(
                "logins",
                accounts.logins(id).stream()
                        .map(u -> new Login(u.email(), u.name(), u.role().name(), u.enabled(), u.createdAt()))
                        .toList());
        data.put("login_history", accounts.loginHistory(id, 10_000));
        data.put("services", account.selectServices(id, clock.instant()));
        List<InvoiceListRow> all = new ArrayList<>();
        for (Long before = null; ; ) {
            List<InvoiceListRow> page = invoices.selectInvoicePage(null, id, null, before, 1000);
            all.addAll(page);
            if (page.size() < 1000) {
                break;
            }
            before = page.get(page.size() - 1).id();
        }
        data.put("invoices", all);
        List<AccountCreditNote> notes = account.selectCreditNotes(id, null, 100_000);
        data.put("credit_notes", notes);
        List<AccountPayment> payments = account.selectPayments(id, null, 100_000);
        data.put("payments", payments);
        data.put("account_credit", account.selectCreditHistory(id, 100_000));
        data.put(
                "api_tokens",
                tokens.ofCustomer(id).stream()
                        .map(t -> new Token(t.name(), t.scopes(), t.createdAt(), t.lastUsedAt(), t.revokedAt()))
                        .toList());
        data.put(
                "webhooks",
                webhooks.endpoints(id).stream()
                        .map(e -> new Webhook(e.url(), e.events(), e.enabled(), e.createdAt()))
                        .toList());
        audit.insert(clock.instant(), me.actor(), "customer.export", "customer " + id, all.size() + " invoices");
        response.setContentType("application/zip");
        response.setHeader("Content-Disposition", "attachment; filename=\"ezscale-data-customer-" + id + ".zip\"");
        OutputStream out = response.getOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry("account.json"));
            zip.write(JSON.writeValueAsBytes(data));
            zip.closeEntry();
            for (InvoiceListRow i : all) {
                zip.putNextEntry(new ZipEntry("invoices/" + i.number() + ".pdf"));
                zip.write(documents.pdf(i.number()).content());
                zip.closeEntry();
            }
            for (AccountCreditNote n : notes) {
                zip.putNextEntry(new ZipEntry("credit-notes/" + n.number() + ".pdf"));
                zip.write(documents.pdf(n.number()).content());
                zip.closeEntry();
            }
        }
    }
}
