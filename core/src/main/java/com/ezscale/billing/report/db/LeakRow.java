package com.ezscale.billing.report.db;

import java.time.LocalDate;

/** Traffic of one day to and from a prefix (IPv4 /24, IPv6 /48) that no service owned: billed to nobody. */
public record LeakRow(LocalDate day, String prefix, int addresses, long bytesIn, long bytesOut, long flows) {}
