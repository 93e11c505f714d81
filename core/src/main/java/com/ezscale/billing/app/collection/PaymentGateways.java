package com.ezscale.billing.app.collection;

import com.ezscale.billing.collection.PaymentGateway;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * The gateways billing charges through (Stripe, PayPal), by the name attempts and gateway customers
 * store and by the payment method their payments are booked as. Collect, the janitor and refunds
 * pick the gateway an attempt or a payment belongs to here.
 */
@Component
public class PaymentGateways {

    private final Map<String, PaymentGateway> byName;

    public PaymentGateways(List<PaymentGateway> gateways) {
        this.byName = gateways.stream().collect(Collectors.toMap(PaymentGateway::name, Function.identity()));
    }

    /** The gateway of that name, configured or not; empty for a name billing has no adapter for (MANUAL). */
    public Optional<PaymentGateway> named(String name) {
        return Optional.ofNullable(name == null ? null : byName.get(name));
    }

    /** The gateway whose payments are booked as {@code method} (CARD → Stripe, PAYPAL → PayPal). */
    public Optional<PaymentGateway> forMethod(String method) {
        return byName.values().stream()
                .filter(g -> g.paymentMethod().equals(method))
                .findFirst();
    }

    /** The payment method a gateway's payments are booked as; CARD for a gateway billing does not know. */
    public String methodOf(String gatewayName) {
        return named(gatewayName).map(PaymentGateway::paymentMethod).orElse(GatewaySettlement.CARD);
    }

    /** The gateways with credentials. */
    public List<PaymentGateway> configured() {
        return byName.values().stream().filter(PaymentGateway::configured).toList();
    }

    /** The payment methods refunds can go back through: those of the configured gateways. */
    public List<String> refundableMethods() {
        return configured().stream().map(PaymentGateway::paymentMethod).toList();
    }
}
