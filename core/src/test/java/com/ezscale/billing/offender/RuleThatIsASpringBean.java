package com.ezscale.billing.offender;

import org.springframework.stereotype.Component;

/** A rule wired by Spring: it could no longer be called as a plain function of (state, date). */
@Component
final class RuleThatIsASpringBean {}
