package com.ezscale.billing.app.credit;

import com.ezscale.billing.app.BillingProperties;
import com.ezscale.billing.audit.db.AuditMapper;
import com.ezscale.billing.catalog.db.CatalogMapper;
import com.ezscale.billing.credit.db.CreditLedgerMapper;
import com.ezscale.billing.credit.db.LedgerEntryRow;
import com.ezscale.billing.credit.db.ReferralRewardDue;
import com.ezscale.billing.customer.db.CustomerMapper;
import com.ezscale.billing.invoice.db.InvoiceRepository;
import com.ezscale.billing.money.AmountCeiling;
import com.ezscale.billing.money.Money;
import com.ezscale.billing.rules.BillingRuleViolation;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.Currency;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A customer's account credit: its balance, a manual credit or debit (never below zero, within the
 * amount ceiling), the explicit change of the billing currency, and the referral rewards earned.
 * The ledger is append-only; every change is audited.
 */
@Service
public class AccountCredit {

    private final CreditLedgerMapper ledger;
    private final CustomerMapper customers;
    private final CatalogMapper catalog;
    private final InvoiceRepository invoices;
    private final AuditMapper audit;
    private final AmountCeiling ceiling;
    private final TransactionTemplate tx;
    private final Clock clock;

    public AccountCredit(
            CreditLedgerMapper ledger,
            CustomerMapper customers,
            CatalogMapper catalog,
            InvoiceRepository invoices,
            AuditMapper audit,
            BillingProperties properties,
            PlatformTransactionManager transactionManager,
            Clock clock) {
        this.ledger = ledger;
        this.customers = customers;
        this.catalog = catalog;
        this.invoices = invoices;
        this.audit = audit;
        this.ceiling = properties.ceiling();
        this.tx = new TransactionTemplate(transactionManager);
        this.clock = clock;
    }

    public Money balance(long customerId) {
        Currency currency = Money.currency(customers.selectCustomerCurrency(customerId));
        return Money.rounded(ledger.selectCreditBalance(customerId, currency.getCurrencyCode()), currency);
    }

    /** A manual credit (positive) or debit (negative) of the customer's account, in its billing currency; returns the balance after. */
    public Money add(long customerId, BigDecimal amount, String note, String actor) {
        return tx.execute(status -> {
            if (customers.lockCustomer(customerId) == null) {
                throw new BillingRuleViolation("no customer " + customerId);
            }
            Currency currency = Money.currency(customers.selectCustomerCurrency(customerId));
            Money money = ceiling.typed(amount, currency, "a credit entry");
            if (money.isZero()) {
                throw new BillingRuleViolation("a credit entry cannot be zero");
            }
            Money balance = Money.rounded(ledger.selectCreditBalance(customerId, currency.getCurrencyCode()), currency);
            if (balance.plus(money).isNegative()) {
                throw new BillingRuleViolation("customer " + customerId + " has " + balance
                        + " of credit: cannot debit " + money.amount().negate());
            }
            long sourceId = invoices.nextInSeries("CREDIT-MANUAL");
            Instant now = clock.instant();
            ledger.insertLedgerEntry(new LedgerEntryRow(
                    customerId, currency, money.amount(), "MANUAL", "MANUAL", sourceId, note, actor, now));
            audit.insert(now, actor, "credit.add", "customer " + customerId, money + ": " + note);
            return balance.plus(money);
        });
    }

    /**
     * The explicit, audited change of a billing currency (refused by the database otherwise once an
     * invoice is issued). Issued invoices keep theirs; account credit must be used or debited first.
     */
    public void convertCurrency(long customerId, String currencyCode, String reason, String actor) {
        Currency target = Money.currency(currencyCode);
        if (reason == null || reason.isBlank()) {
            throw new BillingRuleViolation("a currency conversion needs a reason");
        }
        tx.executeWithoutResult(status -> {
            if (customers.lockCustomer(customerId) == null) {
                throw new BillingRuleViolation("no customer " + customerId);
            }
            if (!catalog.priceListExists(target.getCurrencyCode())) {
                throw new BillingRuleViolation("currency " + target.getCurrencyCode() + " has no price list");
            }
            Currency current = Money.currency(customers.selectCustomerCurrency(customerId));
            if (current.equals(target)) {
                throw new BillingRuleViolation(
                        "customer " + customerId + " is already billed in " + target.getCurrencyCode());
            }
            Money credit = Money.rounded(ledger.selectCreditBalance(customerId, current.getCurrencyCode()), current);
            if (!credit.isZero()) {
                throw new BillingRuleViolation("customer " + customerId + " has " + credit
                        + " of account credit: use or debit it before converting");
            }
            customers.declareCurrencyConversion(actor + ": " + reason);
            try {
                customers.updateBillingCurrency(customerId, target.getCurrencyCode());
            } finally {
                customers.endCurrencyConversion();
            }
            audit.insert(
                    clock.instant(),
                    actor,
                    "customer.convert-currency",
                    "customer " + customerId,
                    current.getCurrencyCode() + " -> " + target.getCurrencyCode() + ": " + reason);
        });
    }

    /** Referral rewards earned by now (the referred customer's first invoice is paid); returns how many. */
    public int grantReferralRewards(Map<String, BigDecimal> rewardByCurrency, String actor) {
        return tx.execute(status -> {
            int granted = 0;
            for (Map.Entry<String, BigDecimal> reward : new TreeMap<>(rewardByCurrency).entrySet()) {
                Currency currency = Money.currency(reward.getKey());
                BigDecimal amount = Money.of(reward.getValue(), currency).amount();
                Instant at = clock.instant();
                for (ReferralRewardDue due : ledger.selectReferralRewardsDue(currency.getCurrencyCode())) {
                    // One row per statement (see CreditLedgerMapper#selectReferralRewardsDue); the ledger's unique
                    // key on (REFERRED_CUSTOMER, referred customer, REFERRAL) still grants each reward once.
                    ledger.insertLedgerEntry(new LedgerEntryRow(
                            due.referrerId(),
                            currency,
                            amount,
                            "REFERRAL",
                            "REFERRED_CUSTOMER",
                            due.referredId(),
                            "referral of customer " + due.referredId(),
                            actor,
                            at));
                    granted++;
                }
            }
            return granted;
        });
    }
}
