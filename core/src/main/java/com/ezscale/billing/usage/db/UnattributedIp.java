package com.ezscale.billing.usage.db;

import java.time.LocalDate;

/** One address's traffic that no service owned on a day: {@code bytesIn} to it, {@code bytesOut} from it. */
public record UnattributedIp(String ip, LocalDate day, long bytesIn, long bytesOut, long flows) {}
