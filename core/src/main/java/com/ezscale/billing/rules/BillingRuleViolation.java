package com.ezscale.billing.rules;

/**
 * A customer's data breaks a billing rule (no price in its currency, an unknown plan...). The run
 * parks that customer with this message as the reason and bills everyone else.
 */
public class BillingRuleViolation extends RuntimeException {

    public BillingRuleViolation(String message) {
        super(message);
    }
}
