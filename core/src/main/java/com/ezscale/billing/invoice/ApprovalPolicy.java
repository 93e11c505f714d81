package com.ezscale.billing.invoice;

import java.math.BigDecimal;
import java.util.Currency;
import java.util.Map;
import java.util.Optional;

/**
 * Which drafts wait for approval: a total above the threshold of its currency (no threshold: never
 * on that ground), or a usage line above {@code usageMultiplier} × the same service's usage charge of
 * the period before (when there was one above zero).
 */
public record ApprovalPolicy(Map<Currency, BigDecimal> totalAbove, BigDecimal usageMultiplier) {

    public ApprovalPolicy {
        totalAbove = totalAbove == null ? Map.of() : Map.copyOf(totalAbove);
    }

    public static ApprovalPolicy none() {
        return new ApprovalPolicy(Map.of(), null);
    }

    /** The reason to hold the draft, or empty. */
    public Optional<String> holdReason(DraftInvoice draft, Map<String, BigDecimal> previousUsageByRating) {
        BigDecimal threshold = totalAbove.get(draft.currency());
        if (threshold != null && draft.total().amount().compareTo(threshold) > 0) {
            return Optional.of("total " + draft.total() + " is above the approval threshold "
                    + threshold.stripTrailingZeros().toPlainString() + " "
                    + draft.currency().getCurrencyCode());
        }
        if (usageMultiplier != null) {
            for (ProposedLine line : draft.lines()) {
                BigDecimal previous = line.ratedUsageId() == null
                        ? null
                        : previousUsageByRating.get(line.ratedUsageId() + ":" + line.kind());
                if (previous != null
                        && previous.signum() > 0
                        && line.amount().amount().compareTo(previous.multiply(usageMultiplier)) > 0) {
                    return Optional.of("service " + line.subscriptionId() + ": " + line.kind() + " " + line.amount()
                            + " is more than "
                            + usageMultiplier.stripTrailingZeros().toPlainString() + "x the previous period's "
                            + previous.stripTrailingZeros().toPlainString());
                }
            }
        }
        return Optional.empty();
    }
}
