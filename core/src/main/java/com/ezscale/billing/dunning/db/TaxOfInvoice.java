package com.ezscale.billing.dunning.db;

import java.math.BigDecimal;

/** The main tax rate of an invoice (the one with the largest base): a late fee is taxed as its invoice was. */
public record TaxOfInvoice(long invoiceId, String taxName, BigDecimal rate) {}
