package com.ezscale.billing.discount.db;

/** A coupon's product (value = product id) or country (value = ISO code) restriction. */
public record CouponLinkRow(long couponId, String value) {}
