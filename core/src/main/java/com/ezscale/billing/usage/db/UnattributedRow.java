package com.ezscale.billing.usage.db;

import java.time.LocalDate;

/** Traffic of an IP no service owned, for one day. */
public record UnattributedRow(byte[] ip, LocalDate day, long bytesIn, long bytesOut, long flows) {}
