package com.ezscale.billing.app.customer;

import com.ezscale.billing.audit.db.AuditMapper;
import com.ezscale.billing.catalog.db.CatalogMapper;
import com.ezscale.billing.credit.db.CreditLedgerMapper;
import com.ezscale.billing.customer.CustomerDetails;
import com.ezscale.billing.customer.CustomerStatus;
import com.ezscale.billing.customer.db.CustomerGroup;
import com.ezscale.billing.customer.db.CustomerMapper;
import com.ezscale.billing.customer.db.CustomerView;
import com.ezscale.billing.dunning.db.DunningMapper;
import com.ezscale.billing.persistence.GeneratedKey;
import com.ezscale.billing.rules.BillingRuleViolation;
import com.ezscale.billing.subscription.db.SubscriptionMapper;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The customers of the book as admins keep them: add, edit, close (refused while a service runs,
 * an invoice is open or credit is left), list and show; and the customer groups with their dunning
 * policy. Every field is checked ({@link CustomerDetails}) before anything is written; a customer's
 * currency must have a price list and its group must exist. One transaction per action, audited.
 */
@Service
public class Customers {

    private final CustomerMapper customers;
    private final SubscriptionMapper subscriptions;
    private final DunningMapper dunning;
    private final CreditLedgerMapper ledger;
    private final CatalogMapper catalog;
    private final AuditMapper audit;
    private final TransactionTemplate tx;
    private final Clock clock;

    public Customers(
            CustomerMapper customers,
            SubscriptionMapper subscriptions,
            DunningMapper dunning,
            CreditLedgerMapper ledger,
            CatalogMapper catalog,
            AuditMapper audit,
            PlatformTransactionManager transactionManager,
            Clock clock) {
        this.customers = customers;
        this.subscriptions = subscriptions;
        this.dunning = dunning;
        this.ledger = ledger;
        this.catalog = catalog;
        this.audit = audit;
        this.tx = new TransactionTemplate(transactionManager);
        this.clock = clock;
    }

    /** A new customer; returns its id. */
    public long add(CustomerDetails details, String actor) {
        return tx.execute(status -> {
            checkReferences(details);
            GeneratedKey key = new GeneratedKey();
            Instant now = clock.instant();
            customers.insertCustomer(details, now, key);
            audit.insert(now, actor, "customer.add", "customer " + key.value(), describe(details));
            return key.value();
        });
    }

    /**
     * Replaces what an admin edits (name, company, e-mail, address, country, region, VAT number,
     * tax exemption, group). The billing currency is not among them: {@code convert-currency}
     * changes it, explicitly. Issued invoices keep the address they were issued with.
     */
    public void edit(long customerId, CustomerDetails details, String actor) {
        tx.executeWithoutResult(status -> {
            CustomerView current = lockedView(customerId);
            if (!current.row().billingCurrency().equals(details.billingCurrency())) {
                throw new BillingRuleViolation("the billing currency of customer " + customerId + " is "
                        + current.row().billingCurrency() + ": change it with convert-currency");
            }
            checkReferences(details);
            customers.updateDetails(customerId, details);
            audit.insert(clock.instant(), actor, "customer.edit", "customer " + customerId, describe(details));
        });
    }

    /**
     * Closes an account that has nothing left running: no pending, active or suspended service, no
     * open invoice, no account credit. Its history stays; nothing bills it any more.
     */
    public void close(long customerId, String reason, String actor) {
        if (reason == null || reason.isBlank()) {
            throw new BillingRuleViolation("closing a customer needs a reason");
        }
        tx.executeWithoutResult(status -> {
            CustomerView current = lockedView(customerId);
            if (current.row().status() == CustomerStatus.CLOSED) {
                throw new BillingRuleViolation("customer " + customerId + " is already closed");
            }
            long live = subscriptions.countLiveServices(customerId);
            if (live > 0) {
                throw new BillingRuleViolation("customer " + customerId + " has " + live
                        + " service(s) still running: cancel or terminate them first");
            }
            int open = dunning.selectOpenInvoices(List.of(customerId)).size();
            if (open > 0) {
                throw new BillingRuleViolation("customer " + customerId + " has " + open
                        + " open invoice(s): settle, credit or void them first");
            }
            BigDecimal credit = ledger.selectCreditBalance(
                    customerId, current.row().billingCurrency().getCurrencyCode());
            if (credit.signum() != 0) {
                throw new BillingRuleViolation("customer " + customerId + " has "
                        + credit.stripTrailingZeros().toPlainString() + " "
                        + current.row().billingCurrency() + " of account credit: refund or debit it first");
            }
            customers.updateStatus(customerId, CustomerStatus.CLOSED);
            audit.insert(clock.instant(), actor, "customer.close", "customer " + customerId, reason);
        });
    }

    public CustomerView show(long customerId) {
        CustomerView view = customers.selectCustomerView(customerId);
        if (view == null) {
            throw new BillingRuleViolation("no customer " + customerId);
        }
        return view;
    }

    /** A page of customers in id order after {@code afterId}, of one status or all. */
    public List<CustomerView> list(long afterId, int limit, CustomerStatus status) {
        if (limit < 1 || limit > 10_000) {
            throw new BillingRuleViolation("--limit must be between 1 and 10000, not " + limit);
        }
        return customers.selectCustomerViews(afterId, limit, status);
    }

    /**
     * Customers whose name, company or e-mail contains {@code text} (any case), or whose id,
     * external reference (the WHMCS client id) or VAT number is it: a page in id order after
     * {@code afterId}. A blank text lists all.
     */
    public List<CustomerView> search(String text, CustomerStatus status, long afterId, int limit) {
        if (limit < 1 || limit > 10_000) {
            throw new BillingRuleViolation("limit must be between 1 and 10000, not " + limit);
        }
        String t = text == null || text.isBlank() ? null : text.strip();
        if (t != null && t.length() > 200) {
            throw new BillingRuleViolation("search: at most 200 characters");
        }
        String pattern = t == null
                ? null
                : "%" + t.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
        Long id = t != null && t.matches("[0-9]{1,18}") ? Long.valueOf(t) : null;
        return customers.searchCustomerViews(t, pattern, id, status, afterId, limit);
    }

    /** Creates or changes a customer group and its dunning policy. */
    public void setGroup(String code, boolean dunningExempt, String note, String actor) {
        String c = code == null ? "" : code.strip();
        if (!c.matches("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}")) {
            throw new BillingRuleViolation("group code '" + code
                    + "' must be 1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit");
        }
        if (note != null && note.length() > 500) {
            throw new BillingRuleViolation("the note is " + note.length() + " characters long; at most 500");
        }
        tx.executeWithoutResult(status -> {
            customers.upsertGroup(new CustomerGroup(c, dunningExempt, note));
            audit.insert(
                    clock.instant(),
                    actor,
                    "group.set",
                    "group " + c,
                    (dunningExempt ? "dunning exempt" : "dunned") + (note == null ? "" : ": " + note));
        });
    }

    public List<CustomerGroup> groups() {
        return customers.selectGroups();
    }

    private CustomerView lockedView(long customerId) {
        if (customers.lockCustomer(customerId) == null) {
            throw new BillingRuleViolation("no customer " + customerId);
        }
        return customers.selectCustomerView(customerId);
    }

    private void checkReferences(CustomerDetails d) {
        String currency = d.billingCurrency().getCurrencyCode();
        if (!catalog.priceListExists(currency)) {
            throw new BillingRuleViolation(
                    "currency " + currency + " has no price list: price a plan in " + currency + " first");
        }
        if (d.group() != null && customers.selectGroup(d.group()) == null) {
            throw new BillingRuleViolation("no customer group '" + d.group() + "' (create it with `group set`)");
        }
    }

    private static String describe(CustomerDetails d) {
        return d.name() + " <" + d.email() + "> " + d.country()
                + (d.region() == null ? "" : "/" + d.region()) + " " + d.billingCurrency()
                + (d.vatNumber() == null ? "" : " VAT " + d.vatNumber())
                + (d.taxExempt() ? " tax-exempt" : "")
                + (d.group() == null ? "" : " group " + d.group());
    }
}
