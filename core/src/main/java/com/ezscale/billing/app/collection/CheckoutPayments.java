package com.ezscale.billing.app.collection;

import com.ezscale.billing.app.collection.stripe.StripeGateway;
import com.ezscale.billing.collection.db.CollectionMapper;
import com.ezscale.billing.collection.db.GatewayCustomer;
import com.ezscale.billing.collection.db.PaymentAttempt;
import com.ezscale.billing.invoice.db.InvoiceForCredit;
import com.ezscale.billing.invoice.db.InvoiceListRow;
import com.ezscale.billing.invoice.db.InvoiceMapper;
import com.ezscale.billing.invoice.db.InvoiceRepository;
import com.ezscale.billing.money.Money;
import com.ezscale.billing.persistence.GeneratedKey;
import com.ezscale.billing.rules.BillingRuleViolation;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A customer pays an open invoice on Stripe Checkout's hosted page. Under the invoice's lock an
 * attempt is written for what is owed now (numbered from {@link #FIRST_ATTEMPT}, apart from the
 * ladder's; status REQUIRES_ACTION: it waits on the customer, so the janitor never sends it as an
 * off-session charge), then the session is created outside any lock, with the attempt's key as its
 * idempotency key and in its PaymentIntent's metadata; Stripe's payment_intent.succeeded webhook
 * settles the invoice through the attempt, once, as for the ladder's charges.
 */
@Service
public class CheckoutPayments {

    public static final int FIRST_ATTEMPT = 1001;

    private final InvoiceRepository repository;
    private final InvoiceMapper invoices;
    private final CollectionMapper collection;
    private final StripeGateway stripe;
    private final TransactionTemplate tx;
    private final Clock clock;

    public CheckoutPayments(
            InvoiceRepository repository,
            InvoiceMapper invoices,
            CollectionMapper collection,
            StripeGateway stripe,
            PlatformTransactionManager transactionManager,
            Clock clock) {
        this.repository = repository;
        this.invoices = invoices;
        this.collection = collection;
        this.stripe = stripe;
        this.tx = new TransactionTemplate(transactionManager);
        this.clock = clock;
    }

    /** The portal's configured address without its trailing slash; refused when it is not an http(s) URL. */
    static String portalBase(String portalUrl) {
        String base = portalUrl == null ? "" : portalUrl.strip().replaceAll("/+$", "");
        if (!base.matches("https?://\\S+")) {
            throw new BillingRuleViolation("the portal's address is not configured (EZSCALE_PORTAL_URL)");
        }
        return base;
    }

    /** Where the customer pays invoice {@code number} of customer {@code customerId}: the hosted page's URL. */
    public String start(long customerId, String number, String portalUrl) {
        if (!stripe.configured()) {
            throw new BillingRuleViolation("card payments are not set up here: pay by bank transfer");
        }
        String base = portalBase(portalUrl);
        PaymentAttempt attempt = tx.execute(status -> {
            InvoiceForCredit invoice = repository.lock(number);
            if (invoice.customerId() != customerId) {
                throw new BillingRuleViolation("no invoice '" + number + "'");
            }
            if (!invoice.status().equals("ISSUED") && !invoice.status().equals("PARTIALLY_PAID")) {
                throw new BillingRuleViolation("invoice " + number + " is " + invoice.status() + ": nothing to pay");
            }
            InvoiceListRow row = invoices.selectInvoiceListRow(invoice.number());
            if (row.owed().signum() <= 0) {
                throw new BillingRuleViolation("invoice " + number + " owes nothing");
            }
            Integer last = collection.selectMaxAttemptNo(invoice.id(), FIRST_ATTEMPT);
            int no = last == null ? FIRST_ATTEMPT : last + 1;
            Instant now = clock.instant();
            PaymentAttempt pending = PaymentAttempt.pending(
                    invoice.id(),
                    customerId,
                    no,
                    StripeGateway.NAME,
                    "ezs-co-" + invoice.id() + "-" + no,
                    invoice.currency().getCurrencyCode(),
                    row.owed(),
                    LocalDate.ofInstant(now, ZoneOffset.UTC),
                    now);
            PaymentAttempt waiting = new PaymentAttempt(
                    null,
                    pending.invoiceId(),
                    pending.customerId(),
                    pending.attemptNo(),
                    pending.gateway(),
                    pending.idempotencyKey(),
                    pending.currency(),
                    pending.amount(),
                    "REQUIRES_ACTION",
                    null,
                    null,
                    "Stripe Checkout: waiting for the customer",
                    null,
                    null,
                    pending.asOf(),
                    now,
                    now);
            GeneratedKey key = new GeneratedKey();
            collection.insertAttempt(waiting, key);
            return collection.selectAttemptByKey(waiting.idempotencyKey());
        });
        String customerRef = collection.selectGatewayCustomers(StripeGateway.NAME, List.of(customerId)).stream()
                .findFirst()
                .map(GatewayCustomer::gatewayCustomerId)
                .orElse(null);
        String url;
        try {
            url = stripe.checkout(new StripeGateway.CheckoutRequest(
                    attempt.invoiceId(),
                    number,
                    Money.of(attempt.amount(), Money.currency(attempt.currency())),
                    customerRef,
                    attempt.idempotencyKey(),
                    base + "/account/invoices/" + number + "?paid",
                    base + "/account/invoices/" + number));
        } catch (IllegalStateException e) {
            tx.executeWithoutResult(s -> collection.updateAttempt(new PaymentAttempt(
                    attempt.id(),
                    attempt.invoiceId(),
                    attempt.customerId(),
                    attempt.attemptNo(),
                    attempt.gateway(),
                    attempt.idempotencyKey(),
                    attempt.currency(),
                    attempt.amount(),
                    "FAILED",
                    null,
                    null,
                    e.getMessage().length() > 500 ? e.getMessage().substring(0, 500) : e.getMessage(),
                    null,
                    null,
                    attempt.asOf(),
                    attempt.createdAt(),
                    clock.instant())));
            throw new BillingRuleViolation("the payment page could not be opened, try again in a minute");
        }
        tx.executeWithoutResult(s -> collection.updateAttempt(new PaymentAttempt(
                attempt.id(),
                attempt.invoiceId(),
                attempt.customerId(),
                attempt.attemptNo(),
                attempt.gateway(),
                attempt.idempotencyKey(),
                attempt.currency(),
                attempt.amount(),
                attempt.status(),
                null,
                null,
                attempt.message(),
                url,
                null,
                attempt.asOf(),
                attempt.createdAt(),
                clock.instant())));
        return url;
    }
}
