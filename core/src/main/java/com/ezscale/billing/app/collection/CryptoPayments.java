package com.ezscale.billing.app.collection;

import com.ezscale.billing.app.collection.crypto.CoinbaseCommerce;
import com.ezscale.billing.app.collection.crypto.CoinbaseProperties;
import com.ezscale.billing.app.dunning.Unsuspension;
import com.ezscale.billing.app.outbox.OutboxWriter;
import com.ezscale.billing.app.payment.PaymentPosting;
import com.ezscale.billing.audit.db.AuditMapper;
import com.ezscale.billing.collection.db.CollectionMapper;
import com.ezscale.billing.collection.db.CryptoChargeRow;
import com.ezscale.billing.customer.db.Contact;
import com.ezscale.billing.customer.db.CustomerMapper;
import com.ezscale.billing.invoice.db.InvoiceForCredit;
import com.ezscale.billing.invoice.db.InvoiceRepository;
import com.ezscale.billing.money.Money;
import com.ezscale.billing.notice.Notices;
import com.ezscale.billing.rules.BillingRuleViolation;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Crypto through Coinbase Commerce. A customer pays an open invoice on Coinbase's hosted page: on
 * request (the invoice page's button, or the link its reminders and overdue notices carry when the
 * customer chose crypto) a charge is made for what the invoice owes now, in its currency, and
 * handed out again while it is live; one that has expired (or is about to) is replaced by a new
 * one. What Coinbase reports about a charge ({@link Event}, from its webhook, each event once) is
 * applied here: pending is recorded; once payments on the charge are confirmed, their value in
 * the invoice's currency is booked as one CRYPTO payment referenced by the charge's code (so a
 * charge pays once): less than owed is a partial payment, more goes to account credit; expired
 * without payment, the charge is marked so and the next request makes a new one.
 */
@Service
public class CryptoPayments {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(CryptoPayments.class);
    public static final String METHOD = "CRYPTO";

    /** A charge's state as Coinbase reported it: its code, its status, and the confirmed payments' value in its local currency. */
    public record Event(String code, String status, Money confirmed) {}

    private final CoinbaseCommerce coinbase;
    private final CoinbaseProperties properties;
    private final InvoiceRepository invoices;
    private final CollectionMapper collection;
    private final CustomerMapper customers;
    private final PaymentPosting posting;
    private final OutboxWriter outbox;
    private final Unsuspension unsuspension;
    private final AuditMapper audit;
    private final TransactionTemplate tx;
    private final Clock clock;

    public CryptoPayments(
            CoinbaseCommerce coinbase,
            CoinbaseProperties properties,
            InvoiceRepository invoices,
            CollectionMapper collection,
            CustomerMapper customers,
            PaymentPosting posting,
            OutboxWriter outbox,
            Unsuspension unsuspension,
            AuditMapper audit,
            PlatformTransactionManager transactionManager,
            Clock clock) {
        this.coinbase = coinbase;
        this.properties = properties;
        this.invoices = invoices;
        this.collection = collection;
        this.customers = customers;
        this.posting = posting;
        this.outbox = outbox;
        this.unsuspension = unsuspension;
        this.audit = audit;
        this.tx = new TransactionTemplate(transactionManager);
        this.clock = clock;
    }

    public boolean available() {
        return coinbase.configured();
    }

    /**
     * Coinbase's hosted page for what invoice {@code number} of customer {@code customerId} owes:
     * the live charge if there is one for that amount, else a new one. The caller has checked the
     * invoice is the customer's.
     */
    public String payLink(long customerId, String number, String portalUrl, String actor) {
        if (!coinbase.configured()) {
            throw new BillingRuleViolation("crypto payments are not set up here: pay by card or bank transfer");
        }
        String base = CheckoutPayments.portalBase(portalUrl);
        record Owed(InvoiceForCredit invoice, Money owed, CryptoChargeRow live) {}
        Owed due = tx.execute(s -> {
            InvoiceForCredit invoice = invoices.lock(number);
            if (invoice.customerId() != customerId) {
                throw new BillingRuleViolation("no invoice '" + number + "'");
            }
            Money owed = posting.owed(invoice);
            if (owed.amount().signum() <= 0
                    || !("ISSUED".equals(invoice.status()) || "PARTIALLY_PAID".equals(invoice.status()))) {
                throw new BillingRuleViolation("invoice " + number + " owes nothing");
            }
            CryptoChargeRow live = collection.selectLiveCryptoCharge(
                    invoice.id(), clock.instant().plus(properties.renewBefore()));
            return new Owed(invoice, owed, live != null && live.amount().compareTo(owed.amount()) == 0 ? live : null);
        });
        if (due.live() != null) {
            return due.live().hostedUrl();
        }
        CoinbaseCommerce.Charge charge;
        try {
            charge = coinbase.createCharge(
                    due.invoice().id(), number, customerId, due.owed(), base + "/account/invoices/" + number);
        } catch (IllegalStateException e) {
            log.warn("Coinbase Commerce: {}", e.getMessage());
            throw new BillingRuleViolation("the crypto payment page could not be opened, try again in a minute");
        }
        Instant now = clock.instant();
        tx.executeWithoutResult(s -> {
            collection.insertCryptoCharge(new CryptoChargeRow(
                    charge.code(),
                    due.invoice().id(),
                    customerId,
                    due.owed().currency().getCurrencyCode(),
                    due.owed().amount(),
                    charge.hostedUrl(),
                    "NEW",
                    charge.expiresAt(),
                    null,
                    now,
                    now));
            audit.insert(now, actor, "crypto.charge", "invoice " + number, charge.code() + " " + due.owed());
        });
        return charge.hostedUrl();
    }

    /**
     * Applies what Coinbase reported about a charge, in the caller's transaction (the webhook's,
     * which records the event once); returns what was done.
     */
    public String apply(Event event, String actor) {
        CryptoChargeRow charge = collection.lockCryptoCharge(event.code());
        if (charge == null) {
            return "no charge of ours is " + event.code();
        }
        Instant now = clock.instant();
        boolean paid = event.confirmed() != null && event.confirmed().amount().signum() > 0;
        if (paid && charge.paymentId() == null) {
            if (!event.confirmed().currency().getCurrencyCode().equals(charge.currency())) {
                outbox.alert(
                        "ALERT:CRYPTO-CURRENCY:" + charge.code(),
                        "Crypto payment in another currency: " + charge.code(),
                        "Coinbase Commerce charge " + charge.code() + " for " + charge.amount() + " "
                                + charge.currency() + " was paid " + event.confirmed()
                                + ": book it by hand (pay command).");
                return "charge " + charge.code() + " paid in "
                        + event.confirmed().currency() + ": finance alerted";
            }
            InvoiceForCredit invoice = invoices.lock(charge.invoiceId());
            charge = collection.lockCryptoCharge(event.code());
            LocalDate on = LocalDate.ofInstant(now, ZoneOffset.UTC);
            BigDecimal amount = event.confirmed().amount();
            boolean owes = posting.owed(invoice).amount().signum() > 0
                    && ("ISSUED".equals(invoice.status()) || "PARTIALLY_PAID".equals(invoice.status()));
            PaymentPosting.Posted posted = owes
                    ? posting.post(invoice, amount, METHOD, charge.code(), on, actor)
                    : posting.postToCredit(invoice, amount, METHOD, charge.code(), on, actor);
            collection.updateCryptoCharge(charge.code(), "CONFIRMED", posted.paymentId(), now);
            Contact contact = customers.selectContact(charge.customerId());
            outbox.email(
                    "EMAIL:RECEIPT:CRYPTO:" + charge.code(),
                    charge.customerId(),
                    charge.invoiceId(),
                    contact.email(),
                    new Notices.PaymentReceipt(
                            contact.name(),
                            invoice.number(),
                            event.confirmed().toString(),
                            "crypto",
                            charge.code(),
                            posted.owedAfter().toString()));
            unsuspension.run(charge.customerId(), on);
            String how = posted.toCredit().isZero()
                    ? posted.owedAfter().isZero() ? "paid" : "partly paid (" + posted.owedAfter() + " still owed)"
                    : "paid, " + posted.toCredit() + " over to account credit";
            return "charge " + charge.code() + ": " + event.confirmed() + " confirmed, invoice " + invoice.number()
                    + " " + how;
        }
        if (charge.paymentId() != null) {
            return "charge " + charge.code() + " already booked";
        }
        String status = switch (event.status()) {
            case "PENDING" -> "PENDING";
            case "EXPIRED" -> "EXPIRED";
            case "FAILED" -> "FAILED";
            default -> charge.status();
        };
        if (!status.equals(charge.status())) {
            collection.updateCryptoCharge(charge.code(), status, null, now);
        }
        return "charge " + charge.code() + " " + status;
    }
}
