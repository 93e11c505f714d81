package com.ezscale.billing.app.customer;

import com.ezscale.billing.account.db.AccountMapper;
import com.ezscale.billing.account.db.AccountService;
import com.ezscale.billing.account.db.ErasureMapper;
import com.ezscale.billing.account.db.ErasureRequest;
import com.ezscale.billing.app.outbox.OutboxWriter;
import com.ezscale.billing.audit.db.AuditMapper;
import com.ezscale.billing.customer.db.CustomerMapper;
import com.ezscale.billing.customer.db.CustomerView;
import com.ezscale.billing.invoice.db.InvoiceListRow;
import com.ezscale.billing.invoice.db.InvoiceMapper;
import com.ezscale.billing.rules.BillingRuleViolation;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A customer's erasure on request (GDPR art. 17), in one transaction, audited: its name, company,
 * e-mail, address and VAT number, its logins and their history, its API tokens, webhooks, the
 * e-mails sent to it and the words naming it in the audit log are anonymised. Refused while it owes
 * money or has a live service (it would be billed, or suspended, without anyone to tell). The
 * snapshots of its issued invoices and credit notes stay, as tax law requires for its retention
 * period, and so do amounts: no total changes.
 */
@Service
public class Erasure {

    private final ErasureMapper erasure;
    private final CustomerMapper customers;
    private final InvoiceMapper invoices;
    private final AccountMapper account;
    private final AuditMapper audit;
    private final OutboxWriter outbox;
    private final TransactionTemplate tx;
    private final Clock clock;

    public Erasure(
            ErasureMapper erasure,
            CustomerMapper customers,
            InvoiceMapper invoices,
            AccountMapper account,
            AuditMapper audit,
            OutboxWriter outbox,
            PlatformTransactionManager transactionManager,
            Clock clock) {
        this.erasure = erasure;
        this.customers = customers;
        this.invoices = invoices;
        this.account = account;
        this.audit = audit;
        this.outbox = outbox;
        this.tx = new TransactionTemplate(transactionManager);
        this.clock = clock;
    }

    public void erase(long customerId, String actor) {
        tx.executeWithoutResult(status -> {
            List<Long> locked = customers.lockCustomers(List.of(customerId));
            CustomerView customer = customers.selectCustomerView(customerId);
            if (locked.isEmpty() || customer == null) {
                throw new BillingRuleViolation("customer " + customerId + " does not exist");
            }
            List<String> owed = owed(customerId);
            if (!owed.isEmpty()) {
                throw new BillingRuleViolation("customer " + customerId + " still owes " + String.join(", ", owed)
                        + ": erase once it is settled");
            }
            Instant now = clock.instant();
            List<String> live = live(customerId, now);
            if (!live.isEmpty()) {
                throw new BillingRuleViolation("customer " + customerId + " has live services "
                        + String.join(", ", live) + ": cancel them before erasing");
            }
            String email = customer.row().email();
            String name = customer.row().name();
            if (erasure.anonymiseCustomer(customerId, now) == 0) {
                throw new BillingRuleViolation("customer " + customerId + " is already erased");
            }
            erasure.anonymiseLoginHistory(customerId);
            erasure.deletePasswordTokens(customerId);
            erasure.anonymiseLogins(customerId);
            erasure.revokeTokens(customerId, now);
            erasure.anonymiseWebhooks(customerId);
            erasure.scrubEmails(customerId);
            erasure.scrubAudit(email, name, "erased customer " + customerId);
            audit.insert(now, actor, "customer.erase", "customer " + customerId, "personal data anonymised");
        });
    }

    /**
     * The customer asks (its owner, in the portal) to be erased: recorded once, audited, and the
     * admins alerted with what still blocks it (money owed, live services). Returns those blockers,
     * empty when an admin can erase it now.
     */
    public List<String> request(long customerId, String actor) {
        return tx.execute(status -> {
            Instant now = clock.instant();
            List<String> blockers = new ArrayList<>();
            List<String> owed = owed(customerId);
            if (!owed.isEmpty()) {
                blockers.add("owes " + String.join(", ", owed));
            }
            List<String> live = live(customerId, now);
            if (!live.isEmpty()) {
                blockers.add("has live services " + String.join(", ", live));
            }
            if (erasure.requestErasure(customerId, now, actor) == 1) {
                audit.insert(now, actor, "customer.erasure-request", "customer " + customerId, null);
                outbox.alert(
                        "ALERT:ERASURE-REQUEST:" + customerId,
                        "Erasure requested: customer " + customerId,
                        "Customer " + customerId + " asked on " + now + " for its personal data to be erased. "
                                + (blockers.isEmpty()
                                        ? "Nothing blocks it: erase it from the customer's page."
                                        : "It " + String.join("; it ", blockers)
                                                + ": erase it from the customer's page once that is settled."));
            }
            return blockers;
        });
    }

    /** The customer's request to be erased, if it made one. */
    public java.util.Optional<ErasureRequest> requested(long customerId) {
        return java.util.Optional.ofNullable(erasure.selectErasureRequest(customerId));
    }

    private List<String> owed(long customerId) {
        List<String> owed = new ArrayList<>();
        for (String s : List.of("ISSUED", "PARTIALLY_PAID")) {
            for (InvoiceListRow i : invoices.selectInvoicePage(null, customerId, s, null, 20)) {
                if (i.owed().signum() > 0) {
                    owed.add(i.number() + " (" + i.owed().stripTrailingZeros().toPlainString() + " " + i.currency()
                            + ")");
                }
            }
        }
        return owed;
    }

    private List<String> live(long customerId, Instant now) {
        return account.selectServices(customerId, now).stream()
                .filter(s -> List.of("PENDING", "ACTIVE", "SUSPENDED").contains(s.status()))
                .map(AccountService::id)
                .map(id -> "#" + id)
                .toList();
    }
}
