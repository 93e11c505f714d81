package com.ezscale.billing.app.payment;

import com.ezscale.billing.app.BillingProperties;
import com.ezscale.billing.app.BusinessDates;
import com.ezscale.billing.app.dunning.Unsuspension;
import com.ezscale.billing.app.outbox.OutboxWriter;
import com.ezscale.billing.audit.db.AuditMapper;
import com.ezscale.billing.collection.db.CollectionMapper;
import com.ezscale.billing.collection.db.GatewayCustomer;
import com.ezscale.billing.customer.db.Contact;
import com.ezscale.billing.customer.db.CustomerMapper;
import com.ezscale.billing.invoice.db.InvoiceForCredit;
import com.ezscale.billing.invoice.db.InvoiceRepository;
import com.ezscale.billing.money.AmountCeiling;
import com.ezscale.billing.money.Money;
import com.ezscale.billing.notice.Notices;
import com.ezscale.billing.rules.BillingRuleViolation;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Money received outside a gateway (bank transfer, cheque, cash), and the customer's saved card at
 * the gateway (its ids only, never a card number). One transaction each, audited.
 */
@Service
public class Payments {

    /** A recorded payment: what went to the invoice, what to account credit, and the invoice's status after. */
    public record PaymentResult(
            long paymentId, String invoiceNumber, Money toInvoice, Money toCredit, String invoiceStatus) {}

    private final InvoiceRepository invoices;
    private final PaymentPosting posting;
    private final CustomerMapper customers;
    private final CollectionMapper collection;
    private final OutboxWriter outbox;
    private final Unsuspension unsuspension;
    private final BusinessDates dates;
    private final AmountCeiling ceiling;
    private final AuditMapper audit;
    private final TransactionTemplate tx;
    private final Clock clock;

    public Payments(
            InvoiceRepository invoices,
            PaymentPosting posting,
            CustomerMapper customers,
            CollectionMapper collection,
            OutboxWriter outbox,
            Unsuspension unsuspension,
            BusinessDates dates,
            BillingProperties properties,
            AuditMapper audit,
            PlatformTransactionManager transactionManager,
            Clock clock) {
        this.invoices = invoices;
        this.posting = posting;
        this.customers = customers;
        this.collection = collection;
        this.outbox = outbox;
        this.unsuspension = unsuspension;
        this.dates = dates;
        this.ceiling = properties.ceiling();
        this.audit = audit;
        this.tx = new TransactionTemplate(transactionManager);
        this.clock = clock;
    }

    /**
     * A payment received outside a gateway (bank transfer, cheque...) against an issued invoice.
     * The same method and reference twice is refused (a bank line is recorded once); an
     * overpayment goes to account credit; services dunning suspended come back if nothing is
     * overdue any more.
     */
    public PaymentResult record(
            String invoiceRef, BigDecimal amount, String method, String reference, LocalDate receivedOn, String actor) {
        if (reference == null || reference.isBlank()) {
            throw new BillingRuleViolation("a payment needs its reference (the bank's or the cheque's)");
        }
        if (method == null
                || !List.of("BANK_TRANSFER", "CHEQUE", "CASH", "OTHER").contains(method)) {
            throw new BillingRuleViolation("the method must be BANK_TRANSFER, CHEQUE, CASH or OTHER, not " + method);
        }
        if (amount == null) {
            throw new BillingRuleViolation("a payment needs its amount");
        }
        dates.happened("the payment's date", receivedOn);
        PaymentPosting.Posted posted = tx.execute(status -> {
            InvoiceForCredit invoice = invoices.lock(invoiceRef);
            Money money = ceiling.typed(amount, invoice.currency(), "a payment");
            PaymentPosting.Posted p = posting.post(invoice, money.amount(), method, reference, receivedOn, actor);
            Contact contact = customers.selectContact(invoice.customerId());
            outbox.email(
                    "EMAIL:RECEIPT:" + method + ":" + reference,
                    invoice.customerId(),
                    invoice.id(),
                    contact.email(),
                    new Notices.PaymentReceipt(
                            contact.name(),
                            invoice.number(),
                            money.toString(),
                            method.toLowerCase().replace('_', ' '),
                            reference,
                            p.owedAfter().toString()));
            return p;
        });
        // services suspended for this customer come back now if nothing is overdue any more (the outbox calls the
        // panels)
        LocalDate today = dates.today();
        LocalDate asOf = receivedOn.isAfter(today) ? receivedOn : today;
        tx.execute(status -> unsuspension.run(posted.customerId(), asOf));
        return new PaymentResult(
                posted.paymentId(),
                posted.invoiceNumber(),
                posted.toInvoice(),
                posted.toCredit(),
                posted.invoiceStatus());
    }

    /** The gateways a customer can choose to pay through; MANUAL: nothing is charged (bank transfer and the like). */
    public static final List<String> GATEWAYS = List.of("STRIPE", "PAYPAL", "CRYPTO", "MANUAL");

    /**
     * Saves a customer's vaulted PayPal wallet (PayPal's customer id and the payment token's id,
     * nothing else) and makes PayPal the gateway the ladder charges it through.
     */
    public void linkPayPal(long customerId, String paypalCustomerId, String paymentTokenId, String actor) {
        if (paypalCustomerId == null || !paypalCustomerId.matches("[A-Za-z0-9_-]{1,64}")) {
            throw new BillingRuleViolation(
                    "a PayPal customer id is 1 to 64 letters, digits, '-' or '_', not '" + paypalCustomerId + "'");
        }
        if (paymentTokenId == null || !paymentTokenId.matches("[A-Za-z0-9_-]{1,64}")) {
            throw new BillingRuleViolation(
                    "a PayPal payment token id is 1 to 64 letters, digits, '-' or '_', not '" + paymentTokenId + "'");
        }
        tx.executeWithoutResult(status -> {
            if (customers.lockCustomer(customerId) == null) {
                throw new BillingRuleViolation("no customer " + customerId);
            }
            collection.upsertGatewayCustomer(
                    new GatewayCustomer(customerId, "PAYPAL", paypalCustomerId, paymentTokenId), clock.instant());
            customers.updatePreferredGateway(customerId, "PAYPAL");
            audit.insert(
                    clock.instant(),
                    actor,
                    "paypal.link",
                    "customer " + customerId,
                    paypalCustomerId + " " + paymentTokenId);
        });
    }

    /** Sets the gateway a customer pays through (STRIPE, PAYPAL, MANUAL); returns the one it had. */
    public String prefer(long customerId, String gateway, String actor) {
        if (gateway == null || !GATEWAYS.contains(gateway)) {
            throw new BillingRuleViolation("a customer pays through one of " + GATEWAYS + ", not '" + gateway + "'");
        }
        return tx.execute(status -> {
            if (customers.lockCustomer(customerId) == null) {
                throw new BillingRuleViolation("no customer " + customerId);
            }
            String before = customers.selectPreferredGateway(customerId);
            customers.updatePreferredGateway(customerId, gateway);
            audit.insert(clock.instant(), actor, "gateway.prefer", "customer " + customerId, before + " -> " + gateway);
            return before;
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
        tx.executeWithoutResult(status -> {
            if (customers.lockCustomer(customerId) == null) {
                throw new BillingRuleViolation("no customer " + customerId);
            }
            collection.upsertGatewayCustomer(
                    new GatewayCustomer(customerId, "STRIPE", gatewayCustomerId, paymentMethodId), clock.instant());
            if (paymentMethodId != null) {
                customers.updatePreferredGateway(customerId, "STRIPE");
            }
            audit.insert(
                    clock.instant(),
                    actor,
                    "card.link",
                    "customer " + customerId,
                    gatewayCustomerId + " " + paymentMethodId);
        });
    }
}
