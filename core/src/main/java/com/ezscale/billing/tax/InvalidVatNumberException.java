package com.ezscale.billing.tax;

import com.ezscale.billing.rules.BillingRuleViolation;

/** A VAT number that does not have its member state's format. */
public class InvalidVatNumberException extends BillingRuleViolation {

    public InvalidVatNumberException(String message) {
        super(message);
    }
}
