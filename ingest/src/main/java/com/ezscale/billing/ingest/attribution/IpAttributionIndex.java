package com.ezscale.billing.ingest.attribution;

import com.carrotsearch.hppc.LongObjectHashMap;
import com.ezscale.billing.subscription.IpAssignment;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * In-memory IP → service look-up at an instant, for IPv4 and IPv6, single addresses and prefixes,
 * with validity intervals: longest prefix first; among assignments of that prefix valid at the
 * instant, the one that started last (an IP moved mid-day belongs to its new service from the
 * move on). No database access per record; rebuilt when the assignments change.
 */
public final class IpAttributionIndex {

    /** The answer when no service owns the address at that instant. */
    public static final long NONE = -1;

    private record Entry(long subscriptionId, long fromMillis, long untilMillis) {}

    private record V6Key(long high, long low, int length) {}

    /** IPv4 entries by (prefix length, network) in one long: a primitive map, no boxing per look-up. */
    private final LongObjectHashMap<Entry[]> v4 = new LongObjectHashMap<>();

    private final Map<V6Key, Entry[]> v6 = new HashMap<>();
    private final int[] v4Lengths;
    private final int[] v6Lengths;
    private final int size;

    public IpAttributionIndex(List<IpAssignment> assignments) {
        Map<Long, List<Entry>> v4Lists = new HashMap<>();
        Map<V6Key, List<Entry>> v6Lists = new HashMap<>();
        TreeSet<Integer> v4Set = new TreeSet<>();
        TreeSet<Integer> v6Set = new TreeSet<>();
        for (IpAssignment a : assignments) {
            Entry entry = new Entry(
                    a.subscriptionId(),
                    a.validFrom().toEpochMilli(),
                    a.validUntil() == null ? Long.MAX_VALUE : a.validUntil().toEpochMilli());
            byte[] network = a.prefix().network();
            int length = a.prefix().prefixLength();
            if (network.length == 4) {
                v4Lists.computeIfAbsent(v4Key(v4Bits(network), length), k -> new ArrayList<>())
                        .add(entry);
                v4Set.add(length);
            } else {
                v6Lists.computeIfAbsent(v6Key(network, length), k -> new ArrayList<>())
                        .add(entry);
                v6Set.add(length);
            }
        }
        v4Lists.forEach((k, list) -> v4.put(k, sorted(list)));
        v6Lists.forEach((k, list) -> v6.put(k, sorted(list)));
        v4Lengths = v4Set.descendingSet().stream().mapToInt(Integer::intValue).toArray();
        v6Lengths = v6Set.descendingSet().stream().mapToInt(Integer::intValue).toArray();
        size = assignments.size();
    }

    public int size() {
        return size;
    }

    /** The service owning {@code address} (4 or 16 bytes) at {@code at}, or {@link #NONE}. */
    public long ownerAt(byte[] address, Instant at) {
        return ownerAt(address, at.toEpochMilli());
    }

    public long ownerAt(byte[] address, long atMillis) {
        if (address.length == 4) {
            long bits = v4Bits(address);
            for (int length : v4Lengths) {
                long owner = owner(v4.get(v4Key(bits, length)), atMillis);
                if (owner != NONE) {
                    return owner;
                }
            }
        } else if (address.length == 16) {
            for (int length : v6Lengths) {
                long owner = owner(v6.get(v6Key(address, length)), atMillis);
                if (owner != NONE) {
                    return owner;
                }
            }
        }
        return NONE;
    }

    private static long owner(Entry[] entries, long at) {
        if (entries == null) {
            return NONE;
        }
        for (Entry e : entries) { // latest start first
            if (e.fromMillis() <= at && at < e.untilMillis()) {
                return e.subscriptionId();
            }
        }
        return NONE;
    }

    private static Entry[] sorted(List<Entry> list) {
        Entry[] entries = list.toArray(Entry[]::new);
        Arrays.sort(entries, (a, b) -> Long.compare(b.fromMillis(), a.fromMillis()));
        return entries;
    }

    private static long v4Bits(byte[] a) {
        return ((a[0] & 0xFFL) << 24) | ((a[1] & 0xFFL) << 16) | ((a[2] & 0xFFL) << 8) | (a[3] & 0xFFL);
    }

    private static long v4Key(long bits, int length) {
        long mask = length == 0 ? 0 : (0xFFFFFFFFL << (32 - length)) & 0xFFFFFFFFL;
        return ((long) length << 32) | (bits & mask);
    }

    private static V6Key v6Key(byte[] a, int length) {
        long high = 0;
        long low = 0;
        for (int i = 0; i < 8; i++) {
            high = (high << 8) | (a[i] & 0xFFL);
            low = (low << 8) | (a[i + 8] & 0xFFL);
        }
        if (length <= 64) {
            high = length == 0 ? 0 : high & (-1L << (64 - length));
            low = 0;
        } else {
            low = length == 128 ? low : low & (-1L << (128 - length));
        }
        return new V6Key(high, low, length);
    }
}
