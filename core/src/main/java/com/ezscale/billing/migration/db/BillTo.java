package com.ezscale.billing.migration.db;

/** A customer as an invoice snapshots it (the address in lines, as the run writes it). */
public record BillTo(
        long customerId,
        String name,
        String company,
        String email,
        String address,
        String region,
        String country,
        String vatNumber) {}
