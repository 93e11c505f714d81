package com.ezscale.billing.app.account;

import com.ezscale.billing.rules.BillingRuleViolation;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;

/**
 * Where a webhook may point: an absolute HTTPS URL (HTTP only where allowed) whose host resolves,
 * every address of it, to a public address: not loopback, private (10/8, 172.16/12, 192.168/16,
 * fc00::/7), link-local (169.254/16 with the clouds' metadata service, fe80::/10), carrier-grade NAT
 * (100.64/10), unspecified or multicast. Checked at registration and again before each delivery
 * (a name can be pointed elsewhere after it was registered); a delivery then connects only to the
 * addresses its own resolution checked ({@link #addresses}, the sender's DNS resolver), so a name
 * that answers a public address to the check and a private one to the connection (DNS rebinding)
 * reaches nothing.
 */
public final class WebhookUrls {

    private WebhookUrls() {}

    /** How a host name becomes addresses: the system's DNS, or a test's. */
    @FunctionalInterface
    public interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    public static final Resolver SYSTEM = InetAddress::getAllByName;

    /** The URL, checked; a {@link BillingRuleViolation} naming the problem otherwise. */
    public static URI check(String url, WebhookProperties properties) {
        return check(url, properties, SYSTEM);
    }

    /** The URL, checked with {@code dns}. */
    public static URI check(String url, WebhookProperties properties, Resolver dns) {
        URI uri;
        try {
            uri = new URI(url == null ? "" : url.strip());
        } catch (URISyntaxException e) {
            throw new BillingRuleViolation("url: '" + url + "' is not a URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !(scheme.equals("http") && properties.allowHttp())) {
            throw new BillingRuleViolation("url: a webhook must be https://");
        }
        if (uri.getHost() == null || uri.getUserInfo() != null || uri.toString().length() > 500) {
            throw new BillingRuleViolation("url: an absolute URL with a host, no credentials, at most 500 characters");
        }
        addresses(uri.getHost(), properties, dns);
        return uri;
    }

    /**
     * The addresses of {@code host}, every one of them public (unless private ones are allowed): what
     * a delivery may connect to. A {@link BillingRuleViolation} naming the problem otherwise.
     */
    public static InetAddress[] addresses(String host, WebhookProperties properties, Resolver dns) {
        InetAddress[] addresses;
        try {
            addresses = dns.resolve(host);
        } catch (UnknownHostException e) {
            throw new BillingRuleViolation("url: host " + host + " does not resolve");
        }
        if (addresses == null || addresses.length == 0) {
            throw new BillingRuleViolation("url: host " + host + " does not resolve");
        }
        if (!properties.allowPrivateAddresses()) {
            for (InetAddress address : addresses) {
                if (!isPublic(address)) {
                    throw new BillingRuleViolation("url: " + host + " resolves to " + address.getHostAddress()
                            + ", a private or local address: webhooks go to the public internet only");
                }
            }
        }
        return addresses;
    }

    static boolean isPublic(InetAddress a) {
        if (a.isLoopbackAddress()
                || a.isAnyLocalAddress()
                || a.isLinkLocalAddress()
                || a.isSiteLocalAddress()
                || a.isMulticastAddress()) {
            return false;
        }
        byte[] b = a.getAddress();
        if (a instanceof Inet6Address) {
            if ((b[0] & 0xfe) == 0xfc) {
                return false; // unique local fc00::/7
            }
            boolean mapped = true;
            for (int i = 0; i < 10; i++) {
                mapped &= b[i] == 0;
            }
            if (mapped && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff) {
                try {
                    return isPublic(InetAddress.getByAddress(java.util.Arrays.copyOfRange(b, 12, 16)));
                } catch (UnknownHostException e) {
                    return false;
                }
            }
            return true;
        }
        int first = b[0] & 0xff;
        int second = b[1] & 0xff;
        return first != 0
                && !(first == 100 && second >= 64 && second < 128)
                && !(first == 192 && second == 0 && (b[2] & 0xff) == 0);
    }
}
