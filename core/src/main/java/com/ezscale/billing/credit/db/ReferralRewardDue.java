package com.ezscale.billing.credit.db;

/** A referrer owed a reward: the customer they referred has paid their first invoice, and no reward names it yet. */
public record ReferralRewardDue(long referrerId, long referredId) {}
