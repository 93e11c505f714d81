package com.ezscale.billing.offender;

import com.ezscale.billing.app.payment.Payments;

/** A rule that reaches up to the services floor. */
final class RuleThatCallsAService {
    Class<?> reachesUp() {
        return Payments.class;
    }
}
