package com.ezscale.billing.app.collection;

import com.ezscale.billing.app.collection.stripe.StripeGateway;
import com.ezscale.billing.audit.db.AuditMapper;
import com.ezscale.billing.collection.db.CollectionMapper;
import com.ezscale.billing.collection.db.GatewayCustomer;
import com.ezscale.billing.collection.db.SavedCard;
import com.ezscale.billing.customer.db.CustomerMapper;
import com.ezscale.billing.customer.db.CustomerView;
import com.ezscale.billing.rules.BillingRuleViolation;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The card the dunning ladder charges, managed by the customer: saved or replaced on Stripe
 * Checkout's page in setup mode (no card data touches us; Stripe's setup_intent.succeeded webhook
 * records it through {@link GatewayEvents}, with the brand, last four digits and expiry the
 * customer is shown), or removed (detached at Stripe, then forgotten here, so the ladder falls back
 * to reminders and manual payment). A customer without a Stripe customer gets one first, created
 * with a key derived from its id. Audited as the customer's login.
 */
@Service
public class SavedCards {

    private final StripeGateway stripe;
    private final CollectionMapper collection;
    private final CustomerMapper customers;
    private final AuditMapper audit;
    private final TransactionTemplate tx;
    private final Clock clock;

    public SavedCards(
            StripeGateway stripe,
            CollectionMapper collection,
            CustomerMapper customers,
            AuditMapper audit,
            PlatformTransactionManager transactionManager,
            Clock clock) {
        this.stripe = stripe;
        this.collection = collection;
        this.customers = customers;
        this.audit = audit;
        this.tx = new TransactionTemplate(transactionManager);
        this.clock = clock;
    }

    /** Whether cards can be saved here at all (Stripe configured). */
    public boolean available() {
        return stripe.configured();
    }

    /** The customer's card at Stripe as it sees it; one with no payment method when none is saved. */
    public SavedCard current(long customerId) {
        SavedCard card = collection.selectSavedCard(customerId, StripeGateway.NAME);
        return card != null
                ? card
                : new SavedCard(customerId, StripeGateway.NAME, null, null, null, null, null, null, null);
    }

    /** Where the customer enters the card to save: Stripe's hosted page in setup mode. */
    public String startSetup(long customerId, String portalUrl, String actor) {
        if (!stripe.configured()) {
            throw new BillingRuleViolation("card payments are not set up here: pay by bank transfer");
        }
        String base = CheckoutPayments.portalBase(portalUrl);
        String ref = current(customerId).gatewayCustomerId();
        if (ref == null) {
            CustomerView customer = customers.selectCustomerView(customerId);
            if (customer == null) {
                throw new BillingRuleViolation("customer " + customerId + " does not exist");
            }
            String created = GatewayCalls.forCustomer(
                    "Stripe",
                    () -> stripe.createCustomer(
                            customerId, customer.row().email(), customer.row().name()));
            ref = tx.execute(s -> {
                SavedCard meanwhile = collection.selectSavedCard(customerId, StripeGateway.NAME);
                if (meanwhile != null) {
                    return meanwhile.gatewayCustomerId();
                }
                collection.upsertGatewayCustomer(
                        new GatewayCustomer(customerId, StripeGateway.NAME, created, null), clock.instant());
                return created;
            });
        }
        String stripeCustomer = ref;
        String url = GatewayCalls.forCustomer(
                "Stripe",
                () -> stripe.setupCheckout(
                        stripeCustomer,
                        customerId,
                        "ezs-setup-" + customerId + "-" + UUID.randomUUID(),
                        base + "/account/payment-method?saved",
                        base + "/account/payment-method"));
        audit.insert(
                clock.instant(),
                actor,
                "card.setup",
                "customer " + customerId,
                "Stripe Checkout (setup mode) opened for " + ref);
        return url;
    }

    /** Removes the saved card: Stripe detaches it, then the ladder stops charging it. */
    public String remove(long customerId, String actor) {
        SavedCard card = current(customerId);
        if (card.paymentMethodId() == null) {
            throw new BillingRuleViolation("no card is saved");
        }
        GatewayCalls.forCustomer("Stripe", () -> {
            stripe.detach(card.paymentMethodId());
            return null;
        });
        Instant now = clock.instant();
        tx.executeWithoutResult(s -> {
            collection.clearSavedCard(StripeGateway.NAME, card.paymentMethodId(), now);
            audit.insert(now, actor, "card.remove", "customer " + customerId, card.describe());
        });
        return card.describe();
    }
}
