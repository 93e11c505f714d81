package com.ezscale.billing.subscription;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.regex.Pattern;

/**
 * An IPv4 or IPv6 address or prefix, parsed once into its network bytes and length. A single
 * address is a /32 (v4) or /128 (v6). Host bits must be zero ("10.0.0.1/24" is refused).
 */
public record IpPrefix(byte[] network, int prefixLength) {

    private static final Pattern V4 =
            Pattern.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
    private static final Pattern V6 = Pattern.compile("[0-9A-Fa-f:.]+");

    public IpPrefix {
        network = network.clone();
        if (network.length != 4 && network.length != 16) {
            throw new IllegalArgumentException("an address has 4 or 16 bytes");
        }
        if (prefixLength < 0 || prefixLength > network.length * 8) {
            throw new IllegalArgumentException(
                    "prefix length " + prefixLength + " out of range for IPv" + (network.length == 4 ? 4 : 6));
        }
    }

    public static IpPrefix parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("empty IP address");
        }
        String trimmed = text.trim();
        int slash = trimmed.indexOf('/');
        String address = slash < 0 ? trimmed : trimmed.substring(0, slash);
        byte[] bytes = parseAddress(address, text);
        int length = bytes.length * 8;
        if (slash >= 0) {
            try {
                length = Integer.parseInt(trimmed.substring(slash + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("bad prefix length in '" + text + "'");
            }
        }
        IpPrefix prefix = new IpPrefix(bytes, length);
        if (!Arrays.equals(prefix.network, mask(bytes, length))) {
            throw new IllegalArgumentException(
                    "'" + text + "' has host bits set; the network is " + new IpPrefix(mask(bytes, length), length));
        }
        return prefix;
    }

    private static byte[] parseAddress(String address, String original) {
        boolean v4 = V4.matcher(address).matches();
        boolean v6 = address.indexOf(':') >= 0 && V6.matcher(address).matches();
        if (!v4 && !v6) {
            throw new IllegalArgumentException("'" + original + "' is not an IPv4 or IPv6 address");
        }
        try {
            // a literal only: the patterns above guarantee no name lookup happens
            byte[] bytes = InetAddress.getByName(address).getAddress();
            if (v6 && bytes.length == 4) {
                throw new IllegalArgumentException("'" + original + "' is an IPv4-mapped address; write it as IPv4");
            }
            return bytes;
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("'" + original + "' is not an IPv4 or IPv6 address");
        }
    }

    private static byte[] mask(byte[] bytes, int length) {
        byte[] masked = bytes.clone();
        for (int i = 0; i < masked.length; i++) {
            int bitsHere = Math.max(0, Math.min(8, length - i * 8));
            masked[i] = (byte) (masked[i] & (0xFF << (8 - bitsHere)));
        }
        return masked;
    }

    public int family() {
        return network.length == 4 ? 4 : 6;
    }

    public boolean contains(byte[] address) {
        return address.length == network.length && Arrays.equals(mask(address, prefixLength), network);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IpPrefix other
                && prefixLength == other.prefixLength
                && Arrays.equals(network, other.network);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(network) + prefixLength;
    }

    @Override
    public String toString() {
        try {
            String address = InetAddress.getByAddress(network).getHostAddress();
            return prefixLength == network.length * 8 ? address : address + "/" + prefixLength;
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The number of addresses in the prefix. */
    public BigInteger size() {
        return BigInteger.ONE.shiftLeft(network.length * 8 - prefixLength);
    }
}
