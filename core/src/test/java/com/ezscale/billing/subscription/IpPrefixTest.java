package com.ezscale.billing.subscription;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IpPrefixTest {

    @ParameterizedTest(name = "{0} -> {1} (IPv{2}, /{3})")
    @CsvSource({
        "203.0.113.7,        203.0.113.7,     4, 32",
        "203.0.113.0/24,     203.0.113.0/24,  4, 24",
        "0.0.0.0/0,          0.0.0.0/0,       4, 0",
        "2001:db8::1,        2001:db8:0:0:0:0:0:1, 6, 128",
        "2001:db8:10::/48,   2001:db8:10:0:0:0:0:0/48, 6, 48",
    })
    void parsesAddressesAndPrefixes(String text, String printed, int family, int length) {
        IpPrefix prefix = IpPrefix.parse(text);
        assertThat(prefix.toString()).isEqualTo(printed);
        assertThat(prefix.family()).isEqualTo(family);
        assertThat(prefix.prefixLength()).isEqualTo(length);
    }

    @ParameterizedTest(name = "{0} contains {1}: {2}")
    @CsvSource({
        "203.0.113.0/24,   203.0.113.200, true",
        "203.0.113.0/24,   203.0.114.1,   false",
        "203.0.113.7,      203.0.113.7,   true",
        "2001:db8:10::/48, 2001:db8:10:ffff::1, true",
        "2001:db8:10::/48, 2001:db8:11::1, false",
        "203.0.113.0/24,   2001:db8::1,   false",
    })
    void containment(String prefix, String address, boolean contained) throws Exception {
        assertThat(IpPrefix.parse(prefix)
                        .contains(InetAddress.getByName(address).getAddress()))
                .isEqualTo(contained);
    }

    @ParameterizedTest(name = "''{0}'' is refused: {1}")
    @CsvSource({
        "203.0.113.7/24,  host bits set",
        "256.1.1.1,       not an IPv4 or IPv6 address",
        "example.com,     not an IPv4 or IPv6 address",
        "10.0.0.0/33,     out of range",
        "2001:db8::/129,  out of range",
        "10.0.0.0/x,      bad prefix length",
    })
    void badInputIsRefusedWithTheReason(String text, String reason) {
        assertThatThrownBy(() -> IpPrefix.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(reason);
    }
}
