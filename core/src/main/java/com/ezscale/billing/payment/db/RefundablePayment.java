package com.ezscale.billing.payment.db;

/** A card payment with enough left to refund: its id and the gateway's reference for the charge. */
public record RefundablePayment(long id, String reference, String currency) {}
