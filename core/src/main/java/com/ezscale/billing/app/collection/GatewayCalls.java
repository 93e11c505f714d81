package com.ezscale.billing.app.collection;

import com.ezscale.billing.rules.BillingRuleViolation;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A gateway called for a customer in the portal: its failure is the customer's "try again", the cause logged. */
final class GatewayCalls {

    private static final Logger log = LoggerFactory.getLogger(GatewayCalls.class);

    private GatewayCalls() {}

    static <T> T forCustomer(String gateway, Supplier<T> call) {
        try {
            return call.get();
        } catch (IllegalStateException e) {
            log.warn("{}: {}", gateway, e.getMessage());
            throw new BillingRuleViolation(gateway + " did not answer as expected: try again in a minute");
        }
    }
}
