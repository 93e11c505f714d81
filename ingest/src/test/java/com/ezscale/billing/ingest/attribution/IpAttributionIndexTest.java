package com.ezscale.billing.ingest.attribution;

import static org.assertj.core.api.Assertions.assertThat;

import com.ezscale.billing.subscription.IpAssignment;
import com.ezscale.billing.subscription.IpPrefix;
import java.net.InetAddress;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IpAttributionIndexTest {

    private static final Instant T0 = Instant.parse("2026-11-01T00:00:00Z");
    private static final Instant MOVE = Instant.parse("2026-11-10T13:37:00Z");

    private static final IpAttributionIndex INDEX = new IpAttributionIndex(List.of(
            assignment(1, "203.0.113.0/24", T0, null),
            assignment(2, "203.0.113.7", T0, MOVE), // a single address inside service 1's prefix, until the move
            assignment(3, "203.0.113.7", MOVE, null), // ... then it belongs to service 3
            assignment(4, "2001:db8:10::/48", T0, null),
            assignment(5, "2001:db8:10:5::/64", T0, null),
            assignment(6, "2001:db8::1", T0, null),
            assignment(7, "198.51.100.0/29", T0, Instant.parse("2026-11-05T00:00:00Z"))));

    @ParameterizedTest(name = "{0} at {1} -> {2}")
    @CsvSource({
        "203.0.113.9,          2026-11-10T12:00:00Z, 1",
        "203.0.113.7,          2026-11-10T13:36:59Z, 2",
        "203.0.113.7,          2026-11-10T13:37:00Z, 3",
        "203.0.113.7,          2026-11-20T00:00:00Z, 3",
        "203.0.113.7,          2026-10-31T23:59:59Z, -1",
        "203.0.114.1,          2026-11-10T12:00:00Z, -1",
        "2001:db8:10:1::42,    2026-11-10T12:00:00Z, 4",
        "2001:db8:10:5::42,    2026-11-10T12:00:00Z, 5",
        "2001:db8::1,          2026-11-10T12:00:00Z, 6",
        "2001:db8::2,          2026-11-10T12:00:00Z, -1",
        "198.51.100.6,         2026-11-04T23:59:59Z, 7",
        "198.51.100.6,         2026-11-05T00:00:00Z, -1",
        "198.51.100.8,         2026-11-04T00:00:00Z, -1",
    })
    void longestPrefixValidAtTheInstant(String address, Instant at, long owner) throws Exception {
        assertThat(INDEX.ownerAt(InetAddress.getByName(address).getAddress(), at))
                .isEqualTo(owner);
    }

    static IpAssignment assignment(long subscription, String prefix, Instant from, Instant until) {
        return new IpAssignment(0, subscription, IpPrefix.parse(prefix), from, until);
    }
}
