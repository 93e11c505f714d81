package com.ezscale.billing.invoice.db;

/** The legal entity invoices are issued by, with its number series patterns. */
public record SellerEntity(
        long id,
        String code,
        String legalName,
        String address,
        String country,
        String vatNumber,
        String invoiceSeries,
        String creditNoteSeries) {}
