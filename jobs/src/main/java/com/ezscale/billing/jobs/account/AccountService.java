package com.ezscale.billing.jobs.account;

import com.ezscale.billing.account.db.AccountMapper;
import com.ezscale.billing.account.db.CreditNoteInsert;
import com.ezscale.billing.account.db.ExpiredUpgrade;
import com.ezscale.billing.account.db.HeldInvoice;
import com.ezscale.billing.account.db.InvoiceForCredit;
import com.ezscale.billing.account.db.PlanChangeInsert;
import com.ezscale.billing.payment.PaymentPosting;
import com.ezscale.billing.collection.GatewaySettlement;
import com.ezscale.billing.collection.db.CollectionMapper;
import com.ezscale.billing.collection.db.GatewayCustomer;
import com.ezscale.billing.jobs.collect.gateway.PaymentGateway;
import org.springframework.beans.factory.ObjectProvider;
import com.ezscale.billing.dunning.Unsuspension;
import com.ezscale.billing.dunning.db.DunningMapper;
import com.ezscale.billing.outbox.OutboxWriter;
import com.ezscale.billing.outbox.db.OutboxMapper;
import com.ezscale.billing.account.db.TaxRow;
import com.ezscale.billing.audit.db.AuditMapper;
import com.ezscale.billing.catalog.Plan;
import com.ezscale.billing.catalog.PriceList;
import com.ezscale.billing.catalog.db.CatalogMapper;
import com.ezscale.billing.creditnote.CreditNoteDraft;
import com.ezscale.billing.creditnote.CreditNoteKind;
import com.ezscale.billing.creditnote.CreditNotes;
import com.ezscale.billing.creditnote.CreditableInvoice;
import com.ezscale.billing.discount.Coupon;
import com.ezscale.billing.discount.CouponRedemptionRequest;
import com.ezscale.billing.discount.CouponRules;
import com.ezscale.billing.invoice.BillingRuleViolation;
import com.ezscale.billing.invoice.NumberSeriesFormat;
import com.ezscale.billing.invoice.db.BillingExtrasMapper;
import com.ezscale.billing.invoice.db.Coupons;
import com.ezscale.billing.invoice.db.InvoiceMapper;
import com.ezscale.billing.invoice.db.LedgerEntryRow;
import com.ezscale.billing.money.Money;
import com.ezscale.billing.subscription.PlanChangeKind;
import com.ezscale.billing.subscription.PlanChangeRules;
import com.ezscale.billing.subscription.PlanChangeTiming;
import com.ezscale.billing.subscription.Subscription;
import com.ezscale.billing.tax.TaxAmount;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The account actions of admins and finance: plan changes and cancellations, coupon redemption,
 * manual credit, credit notes and voids, approval of held drafts, and the expiry of unpaid
 * upgrades. Each is one transaction that locks what it changes, applies a pure rule, writes and
 * audits; a refused request changes nothing and says why.
 */
@Service
public class AccountService {

    /** A recorded plan change. */
    public record PlanChangeResult(long planChangeId, long customerId, PlanChangeKind kind, PlanChangeTiming timing, LocalDate effectiveDate) {
    }

    /** An issued credit note. */
    public record CreditNoteResult(long id, String number, String invoiceNumber, CreditNoteDraft draft, String settlement, Money toCredit,
                                   String invoiceStatus) {
    }

    private final AccountMapper accounts;
    private final CatalogMapper catalog;
    private final BillingExtrasMapper extras;
    private final InvoiceMapper invoices;
    private final AuditMapper audit;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final DunningMapper dunning;
    private final OutboxMapper outbox;
    private final CollectionMapper collection;
    private final ObjectProvider<PaymentGateway> gateways;
    private final com.ezscale.billing.money.AmountCeiling ceiling;
    private final com.ezscale.billing.jobs.run.BusinessDates dates;

    public AccountService(AccountMapper accounts, CatalogMapper catalog, BillingExtrasMapper extras, InvoiceMapper invoices, AuditMapper audit,
                          PlatformTransactionManager transactionManager, Clock clock, DunningMapper dunning, OutboxMapper outbox,
                          CollectionMapper collection, ObjectProvider<PaymentGateway> gateways, com.ezscale.billing.jobs.BillingProperties properties,
                          com.ezscale.billing.jobs.run.BusinessDates dates) {
        this.ceiling = properties.ceiling();
        this.dates = dates;
        this.dunning = dunning;
        this.outbox = outbox;
        this.collection = collection;
        this.gateways = gateways;
        this.accounts = accounts;
        this.catalog = catalog;
        this.extras = extras;
        this.invoices = invoices;
        this.audit = audit;
        this.tx = new TransactionTemplate(transactionManager);
        this.clock = clock;
    }

    private <T> T inTransaction(Supplier<T> work) {
        return tx.execute(status -> work.get());
    }

    // ---------------------------------------------------------------- plan changes

    public PlanChangeResult changePlan(long serviceId, String planCode, boolean immediate, LocalDate asOf, String actor) {
        return inTransaction(() -> {
            Subscription service = lockService(serviceId);
            Long newPlanId = accounts.selectPlanIdByCode(planCode);
            if (newPlanId == null) {
                throw new BillingRuleViolation("no plan '" + planCode + "'");
            }
            PriceList prices = new PriceList(catalog.selectPlans(), catalog.selectPrices());
            Currency currency = Money.currency(accounts.selectCustomerCurrency(service.customerId()));
            BigDecimal current = price(prices, service, service.planId(), currency);
            BigDecimal next = price(prices, service, newPlanId, currency);
            PlanChangeRules.Decision decision = PlanChangeRules.planChange(service, schedule(prices, service), service.planId(), newPlanId,
                    current, next, immediate, asOf);
            PlanChangeInsert change = insertChange(service, decision, service.planId(), newPlanId, actor);
            accounts.updateSubscriptionPlan(serviceId, newPlanId);
            audit.insert(clock.instant(), actor, "plan.change", "service " + serviceId, decision.kind() + " " + decision.timing() + " to "
                    + planCode + " effective " + decision.effectiveDate() + " (change " + change.id + ")");
            return new PlanChangeResult(change.id, service.customerId(), decision.kind(), decision.timing(), decision.effectiveDate());
        });
    }

    public PlanChangeResult cancel(long serviceId, boolean immediate, LocalDate asOf, String actor) {
        return inTransaction(() -> {
            Subscription service = lockService(serviceId);
            PriceList prices = new PriceList(catalog.selectPlans(), catalog.selectPrices());
            PlanChangeRules.Decision decision = PlanChangeRules.cancellation(service, schedule(prices, service), immediate, asOf);
            PlanChangeInsert change = insertChange(service, decision, service.planId(), null, actor);
            accounts.updateSubscriptionEnd(serviceId, decision.effectiveDate(), "CANCELLED");
            audit.insert(clock.instant(), actor, "service.cancel", "service " + serviceId, decision.timing() + " effective " + decision.effectiveDate());
            return new PlanChangeResult(change.id, service.customerId(), decision.kind(), decision.timing(), decision.effectiveDate());
        });
    }

    private PlanChangeInsert insertChange(Subscription service, PlanChangeRules.Decision decision, long from, Long to, String actor) {
        PlanChangeInsert change = new PlanChangeInsert();
        change.subscriptionId = service.id();
        change.kind = decision.kind().name();
        change.timing = decision.timing().name();
        change.effectiveDate = decision.effectiveDate();
        change.fromPlanId = from;
        change.toPlanId = to;
        change.requestedBy = actor;
        change.requestedAt = clock.instant();
        accounts.insertPlanChange(change);
        return change;
    }

    private Subscription lockService(long serviceId) {
        Subscription service = accounts.lockSubscription(serviceId);
        if (service == null) {
            throw new BillingRuleViolation("no service " + serviceId);
        }
        return service;
    }

    private static BigDecimal price(PriceList prices, Subscription service, long planId, Currency currency) {
        return prices.require(planId, currency, service.cycle()).recurringPrice();
    }

    private static com.ezscale.billing.period.ServiceSchedule schedule(PriceList prices, Subscription service) {
        return service.schedule(prices.plan(service.planId()).map(Plan::prorataDay).orElse(null));
    }

    // ---------------------------------------------------------------- coupons and credit

    public void redeem(String code, long serviceId, LocalDate asOf, String actor) {
        inTransaction(() -> {
            Long couponId = accounts.lockCouponByCode(code);
            if (couponId == null) {
                throw new BillingRuleViolation("no coupon '" + code + "'");
            }
            Subscription service = lockService(serviceId);
            Map<Long, Coupon> coupons = Coupons.load(extras);
            List<Coupon> onService = accounts.selectCouponIdsOnService(serviceId).stream().map(coupons::get).toList();
            CouponRules.checkRedeemable(coupons.get(couponId), new CouponRedemptionRequest(service.customerId(),
                    accounts.selectCustomerCountry(service.customerId()), Money.currency(accounts.selectCustomerCurrency(service.customerId())),
                    accounts.selectProductOfPlan(service.planId()), asOf, accounts.countRedemptions(couponId),
                    accounts.countRedemptionsByCustomer(couponId, service.customerId()), onService));
            accounts.insertRedemption(couponId, service.customerId(), serviceId, asOf, actor, clock.instant());
            audit.insert(clock.instant(), actor, "coupon.redeem", "service " + serviceId, code);
            return null;
        });
    }

    /** A manual credit (positive) or debit (negative) of the customer's account, in its billing currency. */
    public Money addCredit(long customerId, BigDecimal amount, String note, String actor) {
        return inTransaction(() -> {
            if (accounts.lockCustomer(customerId) == null) {
                throw new BillingRuleViolation("no customer " + customerId);
            }
            Currency currency = Money.currency(accounts.selectCustomerCurrency(customerId));
            Money money = typed(amount, currency, "a credit entry");
            if (money.isZero()) {
                throw new BillingRuleViolation("a credit entry cannot be zero");
            }
            Money balance = Money.rounded(accounts.selectCreditBalance(customerId, currency.getCurrencyCode()), currency);
            if (balance.plus(money).isNegative()) {
                throw new BillingRuleViolation("customer " + customerId + " has " + balance + " of credit: cannot debit " + money.amount().negate());
            }
            long sourceId = nextInSeries("CREDIT-MANUAL");
            Instant now = clock.instant();
            invoices.insertLedgerEntry(new LedgerEntryRow(customerId, currency, money.amount(), "MANUAL", "MANUAL", sourceId, note, actor, now));
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
        inTransaction(() -> {
            if (accounts.lockCustomer(customerId) == null) {
                throw new BillingRuleViolation("no customer " + customerId);
            }
            if (!accounts.priceListExists(target.getCurrencyCode())) {
                throw new BillingRuleViolation("currency " + target.getCurrencyCode() + " has no price list");
            }
            Currency current = Money.currency(accounts.selectCustomerCurrency(customerId));
            if (current.equals(target)) {
                throw new BillingRuleViolation("customer " + customerId + " is already billed in " + target.getCurrencyCode());
            }
            Money credit = Money.rounded(accounts.selectCreditBalance(customerId, current.getCurrencyCode()), current);
            if (!credit.isZero()) {
                throw new BillingRuleViolation("customer " + customerId + " has " + credit + " of account credit: use or debit it before converting");
            }
            accounts.declareCurrencyConversion(actor + ": " + reason);
            try {
                accounts.updateBillingCurrency(customerId, target.getCurrencyCode());
            } finally {
                accounts.endCurrencyConversion();
            }
            audit.insert(clock.instant(), actor, "customer.convert-currency", "customer " + customerId,
                    current.getCurrencyCode() + " -> " + target.getCurrencyCode() + ": " + reason);
            return null;
        });
    }

    /** An amount a person typed, in the currency: no more decimals than its minor unit, not above the ceiling of one entry. */
    private Money typed(BigDecimal amount, Currency currency, String what) {
        if (amount.stripTrailingZeros().scale() > com.ezscale.billing.money.MoneyRounding.scaleOf(currency)) {
            throw new BillingRuleViolation(what + " of " + amount.toPlainString() + " " + currency.getCurrencyCode() + " has more decimals than "
                    + currency.getCurrencyCode() + " has (" + com.ezscale.billing.money.MoneyRounding.scaleOf(currency) + ")");
        }
        Money money = Money.rounded(amount, currency);
        try {
            ceiling.check(money, what);
        } catch (IllegalArgumentException e) {
            throw new BillingRuleViolation(e.getMessage());
        }
        return money;
    }

    public Money creditBalance(long customerId) {
        Currency currency = Money.currency(accounts.selectCustomerCurrency(customerId));
        return Money.rounded(accounts.selectCreditBalance(customerId, currency.getCurrencyCode()), currency);
    }

    // ---------------------------------------------------------------- credit notes

    /** A credit note: {@code lineNos} for LINES, {@code amount} for AMOUNT; FULL and VOID take neither. */
    public CreditNoteResult creditNote(String invoiceRef, CreditNoteKind kind, Set<Integer> lineNos, BigDecimal amount, String reason,
                                       LocalDate asOf, String actor) {
        if (reason == null || reason.isBlank()) {
            throw new BillingRuleViolation("a credit note needs a reason");
        }
        return inTransaction(() -> {
            InvoiceForCredit invoice = lockInvoice(invoiceRef);
            if (kind == CreditNoteKind.VOID && invoice.amountPaid().signum() != 0) {
                throw new BillingRuleViolation("invoice " + invoice.number() + " has payments (" + invoice.amountPaid().stripTrailingZeros().toPlainString()
                        + " " + invoice.currency().getCurrencyCode() + "): issue a credit note instead of voiding it");
            }
            CreditNoteDraft draft = draft(invoice, kind, lineNos, amount, reason);
            CreditNoteResult result = issue(invoice, draft, reason, asOf, actor);
            audit.insert(clock.instant(), actor, kind == CreditNoteKind.VOID ? "invoice.void" : "creditnote.issue", "invoice " + invoice.number(),
                    result.number() + " " + draft.total() + ": " + reason);
            return result;
        });
    }

    /** The note's lines and tax: {@code lineNos} for LINES, {@code amount} for AMOUNT; FULL and VOID take neither. */
    private CreditNoteDraft draft(InvoiceForCredit invoice, CreditNoteKind kind, Set<Integer> lineNos, BigDecimal amount, String reason) {
        CreditableInvoice creditable = creditable(invoice);
        return switch (kind) {
            case FULL, VOID -> CreditNotes.full(creditable, kind);
            case LINES -> CreditNotes.lines(creditable, lineNos, kind);
            case AMOUNT -> CreditNotes.amount(creditable, Money.of(amount, invoice.currency()), reason);
            case EXPIRY -> throw new IllegalArgumentException("expiry notes are issued by the invoice run");
        };
    }

    /** An issued invoice, locked, that a credit note may credit. */
    private InvoiceForCredit lockInvoice(String ref) {
        InvoiceForCredit invoice = ref(ref);
        if (invoice.status().equals("DRAFT")) {
            throw new BillingRuleViolation("invoice " + invoice.id() + " is a draft: drafts are regenerated, not credited");
        }
        if (invoice.status().equals("VOID")) {
            throw new BillingRuleViolation("invoice " + invoice.number() + " is void");
        }
        return invoice;
    }

    /** What the customer still owes on the invoice: total − paid − what credit notes took off it. */
    private Money owed(InvoiceForCredit invoice) {
        return new PaymentPosting(accounts, invoices, audit, clock).owed(invoice);
    }

    private CreditableInvoice creditable(InvoiceForCredit invoice) {
        Currency c = invoice.currency();
        List<CreditableInvoice.Line> lines = accounts.selectCreditableLines(invoice.id()).stream()
                .map(l -> new CreditableInvoice.Line(l.id(), l.lineNo(), l.description(), Money.rounded(l.amount(), c), l.taxName(), l.taxRate(),
                        l.discountedLineNo(), l.planChangeId())).toList();
        List<CreditableInvoice.Credited> credited = accounts.selectCreditedLines(invoice.id()).stream()
                .map(r -> new CreditableInvoice.Credited(r.invoiceLineId(), Money.rounded(r.amount(), c))).toList();
        return new CreditableInvoice(invoice.number(), c, invoice.pricesIncludeTax(), Money.rounded(invoice.total(), c), lines,
                taxes(accounts.selectInvoiceTaxes(invoice.id()), c), credited, taxes(accounts.selectCreditedTaxes(invoice.id()), c),
                Money.rounded(accounts.selectCreditedTotal(invoice.id()), c));
    }

    private static List<TaxAmount> taxes(List<TaxRow> rows, Currency c) {
        return rows.stream().map(t -> new TaxAmount(t.taxName(), t.rate(), Money.rounded(t.taxableBase(), c), Money.rounded(t.taxAmount(), c))).toList();
    }

    /**
     * Numbers and writes a credit note. What the customer still owed is reduced first; the rest
     * (the invoice was paid) becomes account credit. An invoice credited to nothing owed is VOID
     * if nothing was paid, PAID otherwise.
     */
    private CreditNoteResult issue(InvoiceForCredit invoice, CreditNoteDraft draft, String reason, LocalDate asOf, String actor) {
        return issue(invoice, draft, reason, asOf, actor, false);
    }

    /** {@code refund}: what exceeds the amount owed goes back to the card (settlement REFUND), not to account credit. */
    private CreditNoteResult issue(InvoiceForCredit invoice, CreditNoteDraft draft, String reason, LocalDate asOf, String actor, boolean refund) {
        Currency c = invoice.currency();
        Money paid = Money.rounded(invoice.amountPaid(), c);
        Money owed = owed(invoice);
        Money reduction = owed.isNegative() ? Money.zero(c) : (draft.total().compareTo(owed) <= 0 ? draft.total() : owed);
        Money toCredit = draft.total().minus(reduction);
        String series = accounts.selectCreditNoteSeries(invoice.sellerEntityId());
        NumberSeriesFormat format = new NumberSeriesFormat(series);
        int year = asOf.getYear();
        String seriesKey = format.seriesKey(year);
        long value = nextInSeries(seriesKey);
        Instant now = clock.instant();
        CreditNoteInsert note = new CreditNoteInsert();
        note.sellerEntityId = invoice.sellerEntityId();
        note.customerId = invoice.customerId();
        note.invoiceId = invoice.id();
        note.currency = c.getCurrencyCode();
        note.seriesKey = seriesKey;
        note.sequenceValue = value;
        note.number = format.format(year, value);
        note.kind = draft.kind().name();
        note.reason = reason;
        note.settlement = toCredit.isZero() ? "REDUCE_BALANCE" : refund ? "REFUND" : "ACCOUNT_CREDIT";
        note.balanceReduction = reduction.amount();
        note.issueDate = asOf;
        note.subtotal = draft.subtotal().amount();
        note.taxTotal = draft.taxTotal().amount();
        note.total = draft.total().amount();
        note.issuedBy = actor;
        note.issuedAt = now;
        accounts.insertCreditNote(note);
        int lineNo = 1;
        for (CreditNoteDraft.NoteLine line : draft.lines()) {
            accounts.insertCreditNoteLine(note.id, lineNo++, line.invoiceLineId(), line.description(), line.amount().amount(), line.taxName(), line.taxRate());
        }
        for (TaxAmount tax : draft.taxes()) {
            accounts.insertCreditNoteTax(note.id, new TaxRow(tax.name(), tax.ratePercent(), tax.base().amount(), tax.tax().amount()));
        }
        if (!toCredit.isZero() && !refund) {
            accounts.lockCustomer(invoice.customerId());
            invoices.insertLedgerEntry(new LedgerEntryRow(invoice.customerId(), c, toCredit.amount(), "CREDIT_NOTE", "CREDIT_NOTE", note.id,
                    "credit note " + note.number + " of invoice " + invoice.number(), actor, now));
        }
        String status = invoice.status();
        if (owed.minus(reduction).isZero()) {
            status = paid.isZero() ? "VOID" : "PAID";
            if (!status.equals(invoice.status())) {
                accounts.updateInvoiceStatus(invoice.id(), status);
            }
        }
        return new CreditNoteResult(note.id, note.number, invoice.number(), draft, note.settlement, toCredit, status);
    }

    // ---------------------------------------------------------------- refunds and saved cards

    /** A refund: the credit note that justifies it, the amount back to the card, and the gateway's refund id (null while pending). */
    public record RefundResult(CreditNoteResult note, Money refunded, String status, String gatewayRef) {
    }

    private record PreparedRefund(CreditNoteResult note, long refundId, long paymentId, String chargeRef, Money amount, String key) {
    }

    /**
     * Refunds through the gateway, linked to a credit note (issued first, settlement REFUND): what
     * the note credits beyond what is still owed goes back to the card the invoice was paid with.
     * The refund carries an idempotency key derived from the note, so retrying it (the janitor
     * does) never refunds twice.
     */
    public RefundResult refund(String invoiceRef, CreditNoteKind kind, Set<Integer> lineNos, BigDecimal amount, String reason, LocalDate asOf,
                               String actor) {
        if (reason == null || reason.isBlank()) {
            throw new BillingRuleViolation("a refund needs a reason");
        }
        PaymentGateway gateway = gateways.getIfAvailable();
        if (gateway == null || !gateway.configured()) {
            throw new BillingRuleViolation("refunds go back through Stripe, which is not configured (EZSCALE_STRIPE_API_KEY)");
        }
        PreparedRefund prepared = inTransaction(() -> {
            if (kind == CreditNoteKind.VOID) {
                throw new IllegalArgumentException("VOID is not a refund");
            }
            InvoiceForCredit invoice = lockInvoice(invoiceRef);
            CreditNoteResult note = issue(invoice, draft(invoice, kind, lineNos, amount, reason), reason, asOf, actor, true);
            if (note.toCredit().isZero()) {
                throw new BillingRuleViolation("invoice " + invoice.number() + ": " + note.draft().total() + " only reduces what is still owed; "
                        + "nothing was paid to refund (use credit-note)");
            }
            Map<String, Object> payment = collection.selectRefundablePayment(invoice.id(), GatewaySettlement.CARD, note.toCredit().amount());
            if (payment == null) {
                throw new BillingRuleViolation("invoice " + invoice.number() + " has no card payment with " + note.toCredit()
                        + " left to refund: issue a credit note to account credit instead");
            }
            String key = "ezs-refund-" + note.id();
            long paymentId = ((Number) payment.get("id")).longValue();
            collection.insertRefund(paymentId, note.id(), invoice.currency().getCurrencyCode(), note.toCredit().amount(), key, reason, actor,
                    clock.instant());
            audit.insert(clock.instant(), actor, "payment.refund", "invoice " + invoice.number(), note.number() + " " + note.toCredit() + ": " + reason);
            long refundId = ((Number) collection.selectPendingRefunds(note.id()).get(0).get("id")).longValue();
            return new PreparedRefund(note, refundId, paymentId, (String) payment.get("reference"), note.toCredit(), key);
        });
        String gatewayRef;
        try {
            gatewayRef = gateway.refund(prepared.chargeRef(), prepared.amount(), prepared.key(), reason);
        } catch (RuntimeException e) {
            return new RefundResult(prepared.note(), prepared.amount(), "PENDING (" + e.getMessage() + "; the next collect retries it)", null);
        }
        completeRefund(prepared.refundId(), prepared.paymentId(), prepared.amount().amount(), gatewayRef);
        return new RefundResult(prepared.note(), prepared.amount(), "SUCCEEDED", gatewayRef);
    }

    /** Records a refund the gateway confirmed (once: a second confirmation changes nothing). */
    public void completeRefund(long refundId, long paymentId, BigDecimal amount, String gatewayRef) {
        inTransaction(() -> {
            if (collection.completeRefund(refundId, gatewayRef) > 0) {
                collection.addRefunded(paymentId, amount);
            }
            return null;
        });
    }

    /** Saves a customer's ids at Stripe (never a card number): the customer and the payment method collect charges. */
    public void linkCard(long customerId, String gatewayCustomerId, String paymentMethodId, String actor) {
        if (gatewayCustomerId == null || !gatewayCustomerId.startsWith("cus_")) {
            throw new BillingRuleViolation("a Stripe customer id starts with cus_, not '" + gatewayCustomerId + "'");
        }
        if (paymentMethodId != null && !paymentMethodId.startsWith("pm_")) {
            throw new BillingRuleViolation("a Stripe payment method id starts with pm_, not '" + paymentMethodId + "'");
        }
        inTransaction(() -> {
            if (accounts.lockCustomer(customerId) == null) {
                throw new BillingRuleViolation("no customer " + customerId);
            }
            GatewayCustomer row = new GatewayCustomer();
            row.customerId = customerId;
            row.gateway = "STRIPE";
            row.gatewayCustomerId = gatewayCustomerId;
            row.paymentMethodId = paymentMethodId;
            collection.upsertGatewayCustomer(row, clock.instant());
            audit.insert(clock.instant(), actor, "card.link", "customer " + customerId, gatewayCustomerId + " " + paymentMethodId);
            return null;
        });
    }

    // ---------------------------------------------------------------- manual payments

    /** A recorded payment: what went to the invoice, what to account credit, and the invoice's status after. */
    public record PaymentResult(long paymentId, String invoiceNumber, Money toInvoice, Money toCredit, String invoiceStatus) {
    }

    /**
     * A payment received outside a gateway (bank transfer, cheque...) against an issued invoice.
     * The same method and reference twice is refused (a bank line is recorded once); an
     * overpayment goes to account credit.
     */
    public PaymentResult recordPayment(String invoiceRef, BigDecimal amount, String method, String reference, LocalDate receivedOn, String actor) {
        if (reference == null || reference.isBlank()) {
            throw new BillingRuleViolation("a payment needs its reference (the bank's or the cheque's)");
        }
        dates.happened("the payment's date", receivedOn);
        PaymentPosting.Posted posted = inTransaction(() -> {
            PaymentPosting posting = new PaymentPosting(accounts, invoices, audit, clock);
            InvoiceForCredit invoice = ref(invoiceRef);
            typed(amount, invoice.currency(), "a payment");
            PaymentPosting.Posted p = posting.post(invoice, amount, method, reference, receivedOn, actor);
            Map<String, Object> contact = collection.selectContact(invoice.customerId());
            new OutboxWriter(outbox, clock).email("EMAIL:RECEIPT:" + method + ":" + reference, invoice.customerId(), invoice.id(),
                    (String) contact.get("email"), com.ezscale.billing.notice.Notices.PAYMENT_RECEIPT,
                    Map.of("name", contact.get("name"), "amount", Money.of(amount, invoice.currency()).toString(),
                            "method", method.toLowerCase().replace('_', ' '), "reference", reference, "number", invoice.number(),
                            "owed", p.owedAfter().toString()));
            return p;
        });
        // services suspended for this customer come back now if nothing is overdue any more (the outbox calls the panels)
        LocalDate today = LocalDate.ofInstant(clock.instant(), java.time.ZoneOffset.UTC);
        LocalDate asOf = receivedOn.isAfter(today) ? receivedOn : today;
        inTransaction(() -> new Unsuspension(dunning, new OutboxWriter(outbox, clock)).run(posted.customerId(), asOf));
        return new PaymentResult(posted.paymentId(), posted.invoiceNumber(), posted.toInvoice(), posted.toCredit(), posted.invoiceStatus());
    }

    // ---------------------------------------------------------------- approval and expiry

    /** Approves a held draft; returns its customer (whose run issues it). */
    public long approve(String invoiceRef, String actor) {
        return inTransaction(() -> {
            InvoiceForCredit invoice = ref(invoiceRef);
            if (!invoice.status().equals("DRAFT")) {
                throw new BillingRuleViolation("invoice " + invoice.number() + " is already issued");
            }
            if (!invoice.onHold()) {
                throw new BillingRuleViolation("draft " + invoice.id() + " is not waiting for approval");
            }
            accounts.approve(invoice.id(), actor, clock.instant());
            audit.insert(clock.instant(), actor, "invoice.approve", "draft " + invoice.id(), invoice.holdReason());
            return invoice.customerId();
        });
    }

    private InvoiceForCredit ref(String ref) {
        InvoiceForCredit invoice = ref.matches("\\d+") ? accounts.lockInvoice(Long.parseLong(ref), null) : accounts.lockInvoice(null, ref);
        if (invoice == null) {
            throw new BillingRuleViolation("no invoice '" + ref + "'");
        }
        return invoice;
    }

    public List<HeldInvoice> held() {
        return accounts.selectHeld();
    }

    /**
     * Upgrades whose invoice is still unpaid on its expiry date: their lines are credited (an
     * EXPIRY credit note), the change is reverted and the service goes back to its plan; the next
     * generation reconciles against the reverted timeline. Returns how many expired.
     */
    public int expireUpgrades(LocalDate asOf, String actor) {
        int expired = 0;
        for (ExpiredUpgrade upgrade : accounts.selectExpiredUpgrades(asOf)) {
            Boolean done = inTransaction(() -> {
                InvoiceForCredit invoice = accounts.lockInvoice(upgrade.invoiceId(), null);
                if (!invoice.status().equals("ISSUED") || invoice.amountPaid().signum() != 0) {
                    return false; // paid meanwhile
                }
                CreditNoteDraft draft = CreditNotes.planChange(creditable(invoice), upgrade.planChangeId());
                CreditNoteResult note = issue(invoice, draft, "upgrade unpaid on its expiry date: reverted", asOf, actor);
                accounts.revertPlanChange(upgrade.planChangeId(), clock.instant());
                accounts.updateSubscriptionPlan(upgrade.subscriptionId(), upgrade.fromPlanId());
                audit.insert(clock.instant(), actor, "plan.revert", "service " + upgrade.subscriptionId(),
                        "upgrade " + upgrade.planChangeId() + " unpaid: " + note.number() + " credits invoice " + invoice.number());
                return true;
            });
            if (Boolean.TRUE.equals(done)) {
                expired++;
            }
        }
        return expired;
    }

    /** Referral rewards earned by now (the referred customer's first invoice is paid); returns how many. */
    public int grantReferralRewards(Map<String, BigDecimal> rewardByCurrency, String actor) {
        return inTransaction(() -> {
            int granted = 0;
            for (Map.Entry<String, BigDecimal> reward : new java.util.TreeMap<>(rewardByCurrency).entrySet()) {
                Currency currency = Money.currency(reward.getKey());
                granted += accounts.grantReferralRewards(currency.getCurrencyCode(), Money.of(reward.getValue(), currency).amount(), actor, clock.instant());
            }
            return granted;
        });
    }

    private long nextInSeries(String key) {
        invoices.insertSeriesIfAbsent(key);
        long value = invoices.lockSeries(key) + 1;
        invoices.updateSeries(key, value);
        return value;
    }
}
