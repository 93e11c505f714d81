package com.ezscale.billing.app.collection;

import com.ezscale.billing.app.collection.crypto.CoinbaseCommerce;
import com.ezscale.billing.app.collection.paypal.PayPalGateway;
import com.ezscale.billing.audit.db.AuditMapper;
import com.ezscale.billing.collection.db.CollectionMapper;
import com.ezscale.billing.collection.db.GatewayCustomer;
import com.ezscale.billing.collection.db.PayPalSetup;
import com.ezscale.billing.collection.db.SavedCard;
import com.ezscale.billing.customer.db.CustomerMapper;
import com.ezscale.billing.rules.BillingRuleViolation;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The customer's PayPal wallet and its choice of gateway, managed in the portal. Saving a wallet
 * is PayPal's Vault: a setup token the customer approves at PayPal (recorded here first, so the
 * return from PayPal is accepted only for the customer that started it, and only once), exchanged
 * for a payment token whose id is all we keep; the customer then pays through PayPal. Removing it
 * deletes the token at PayPal. The customer chooses the gateway its invoices are charged through
 * among those it has saved something with, crypto (CRYPTO: its notices link to Coinbase Commerce's
 * page; nothing is charged) or none (MANUAL). Audited as the customer's login.
 */
@Service
public class PayPalWallets {

    /** The customer's wallet (if any), the gateway it pays through and the gateways it may choose. */
    public record Choice(SavedCard wallet, String preferred, List<String> choosable) {}

    private final PayPalGateway paypal;
    private final CoinbaseCommerce coinbase;
    private final SavedCards cards;
    private final CollectionMapper collection;
    private final CustomerMapper customers;
    private final AuditMapper audit;
    private final TransactionTemplate tx;
    private final Clock clock;

    public PayPalWallets(
            PayPalGateway paypal,
            CoinbaseCommerce coinbase,
            SavedCards cards,
            CollectionMapper collection,
            CustomerMapper customers,
            AuditMapper audit,
            PlatformTransactionManager transactionManager,
            Clock clock) {
        this.paypal = paypal;
        this.coinbase = coinbase;
        this.cards = cards;
        this.collection = collection;
        this.customers = customers;
        this.audit = audit;
        this.tx = new TransactionTemplate(transactionManager);
        this.clock = clock;
    }

    /** Whether PayPal wallets can be saved here at all (PayPal configured). */
    public boolean available() {
        return paypal.configured();
    }

    public Choice choice(long customerId) {
        SavedCard wallet = collection.selectSavedCard(customerId, PayPalGateway.NAME);
        List<String> choosable = new ArrayList<>();
        if (cards.current(customerId).paymentMethodId() != null) {
            choosable.add("STRIPE");
        }
        if (wallet != null && wallet.paymentMethodId() != null) {
            choosable.add("PAYPAL");
        }
        if (coinbase.configured()) {
            choosable.add("CRYPTO");
        }
        choosable.add("MANUAL");
        return new Choice(
                wallet == null || wallet.paymentMethodId() == null ? null : wallet,
                customers.selectPreferredGateway(customerId),
                choosable);
    }

    /** Where the customer approves the wallet: PayPal's page; PayPal sends the browser back to the return URL. */
    public String startSetup(long customerId, String portalUrl, String actor) {
        if (!paypal.configured()) {
            throw new BillingRuleViolation("PayPal is not set up here: pay by card or bank transfer");
        }
        String base = CheckoutPayments.portalBase(portalUrl);
        PayPalGateway.Approval approval = GatewayCalls.forCustomer(
                "PayPal",
                () -> paypal.startVault(
                        "ezs-vault-setup-" + customerId + "-" + UUID.randomUUID(),
                        base + "/account/payment-method/paypal/return",
                        base + "/account/payment-method"));
        Instant now = clock.instant();
        tx.executeWithoutResult(s -> {
            collection.insertPayPalSetup(approval.setupTokenId(), customerId, now);
            audit.insert(
                    now, actor, "paypal.setup", "customer " + customerId, "PayPal approval " + approval.setupTokenId());
        });
        return approval.approveUrl();
    }

    /**
     * The customer is back from PayPal with the approved setup token: one this customer started
     * (else {@link NotYours}) becomes its wallet, once; the customer pays through PayPal from now
     * on. Returns what the customer is told.
     */
    public String complete(long customerId, String setupTokenId, String actor) {
        PayPalSetup setup = setupTokenId == null ? null : collection.lockPayPalSetup(setupTokenId);
        if (setup == null || setup.customerId() != customerId) {
            throw new NotYours("no PayPal approval " + setupTokenId + " of yours");
        }
        if (setup.completedAt() != null) {
            return "Your PayPal account is saved.";
        }
        PayPalGateway.Wallet wallet = GatewayCalls.forCustomer("PayPal", () -> paypal.completeVault(setupTokenId));
        Instant now = clock.instant();
        tx.executeWithoutResult(s -> {
            collection.lockPayPalSetup(setupTokenId);
            if (collection.completePayPalSetup(setupTokenId, wallet.paymentTokenRef(), now) == 0) {
                return; // completed meanwhile (a second tab): the same token, PayPal made it once
            }
            customers.lockCustomer(customerId);
            SavedCard before = collection.selectSavedCard(customerId, PayPalGateway.NAME);
            collection.upsertGatewayCustomer(
                    new GatewayCustomer(
                            customerId,
                            PayPalGateway.NAME,
                            wallet.customerRef() != null
                                    ? wallet.customerRef()
                                    : before != null ? before.gatewayCustomerId() : "PAYPAL-" + customerId,
                            wallet.paymentTokenRef()),
                    now);
            customers.updatePreferredGateway(customerId, PayPalGateway.NAME);
            audit.insert(
                    now,
                    actor,
                    "paypal.saved",
                    "customer " + customerId,
                    "payment token " + wallet.paymentTokenRef() + " (approval " + setupTokenId + ")");
        });
        return "Your PayPal account is saved: invoices are charged to it from now on.";
    }

    /** Removes the wallet: PayPal deletes the token, the ladder stops charging it; a customer paying by PayPal falls back to its card, if any. */
    public void remove(long customerId, String actor) {
        SavedCard wallet = collection.selectSavedCard(customerId, PayPalGateway.NAME);
        if (wallet == null || wallet.paymentMethodId() == null) {
            throw new BillingRuleViolation("no PayPal account is saved");
        }
        GatewayCalls.forCustomer("PayPal", () -> {
            paypal.deleteToken(wallet.paymentMethodId());
            return null;
        });
        Instant now = clock.instant();
        boolean card = cards.current(customerId).paymentMethodId() != null;
        tx.executeWithoutResult(s -> {
            customers.lockCustomer(customerId);
            collection.clearSavedCard(PayPalGateway.NAME, wallet.paymentMethodId(), now);
            if (PayPalGateway.NAME.equals(customers.selectPreferredGateway(customerId))) {
                customers.updatePreferredGateway(customerId, card ? "STRIPE" : "MANUAL");
            }
            audit.insert(now, actor, "paypal.remove", "customer " + customerId, wallet.paymentMethodId());
        });
    }

    /** The customer's choice of gateway, among those it has saved something with (or MANUAL). */
    public void prefer(long customerId, String gateway, String actor) {
        Choice choice = choice(customerId);
        if (!choice.choosable().contains(gateway)) {
            throw new BillingRuleViolation("you can pay through " + String.join(", ", choice.choosable())
                    + "; save a card or a PayPal account first");
        }
        tx.executeWithoutResult(s -> {
            customers.lockCustomer(customerId);
            String before = customers.selectPreferredGateway(customerId);
            customers.updatePreferredGateway(customerId, gateway);
            audit.insert(clock.instant(), actor, "gateway.prefer", "customer " + customerId, before + " -> " + gateway);
        });
    }

    /** A PayPal approval that is not this customer's (or none): answered as "not found". */
    public static final class NotYours extends RuntimeException {
        NotYours(String message) {
            super(message);
        }
    }
}
