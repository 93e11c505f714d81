/**
 * Usage rating: the 95th percentile over a commit and transfer quotas, as pure rules.
 *
 * <p>How a usage cent is explained, two hops from its rule: an invoice line of kind
 * {@code USAGE_COMMIT} or {@code USAGE_TRANSFER} carries {@code rated_usage_id}; that
 * {@code rated_usage} row holds the rule's inputs and its evidence (N, rank, the 95th percentile in
 * and out and the buckets they fell on, bytes, commit, quota, used, included, overage, amounts, the
 * samples' fingerprint), written from {@link com.ezscale.billing.usage.UsageRater.Rating}.
 * <ul>
 *   <li>{@code USAGE_COMMIT} → {@link com.ezscale.billing.usage.Percentile95} and
 *       {@link com.ezscale.billing.usage.CommitCharge} → {@code Percentile95Test}, {@code CommitChargeTest};</li>
 *   <li>{@code USAGE_TRANSFER} → {@link com.ezscale.billing.usage.TransferQuota} → {@code TransferQuotaTest};</li>
 *   <li>whether a period is (re-)rated, and as which revision → {@link com.ezscale.billing.usage.UsageRating} → {@code UsageRatingTest};</li>
 *   <li>the text printed on the line → {@link com.ezscale.billing.usage.UsageEvidence} → {@code UsageEvidenceTest};</li>
 *   <li>the terms priced in the customer's currency → {@link com.ezscale.billing.usage.UsagePricing} → {@code UsagePricingTest}.</li>
 * </ul>
 */
package com.ezscale.billing.usage;
