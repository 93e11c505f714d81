package com.ezscale.billing.ingest.attribution;

import com.ezscale.billing.ingest.flow.FlowRecord;
import com.ezscale.billing.subscription.IpPrefix;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Which exporters count (only edge routers, so a flow seen by two routers is not counted twice),
 * optionally only on some interfaces, and each exporter's sampling multiplier (for exporters whose
 * sampling rate ElastiFlow does not know; 1 otherwise). With no exporter configured, every exporter
 * counts with multiplier 1.
 */
public final class ExporterPolicy {

    /** An edge exporter: its address, multiplier (1 unless set), and the interfaces that count (empty: all). */
    public record Exporter(String ip, @DefaultValue("1") int samplingMultiplier, Set<String> interfaces) {

        public Exporter {
            if (samplingMultiplier < 1) {
                throw new IllegalArgumentException("exporter " + ip + ": sampling multiplier must be >= 1");
            }
            interfaces = interfaces == null ? Set.of() : Set.copyOf(interfaces);
        }
    }

    /** The multiplier of a record that does not count. */
    public static final int IGNORED = 0;

    private final Map<ByteBuffer, Exporter> exporters = new HashMap<>();

    public ExporterPolicy(List<Exporter> exporters) {
        for (Exporter e : exporters) {
            this.exporters.put(ByteBuffer.wrap(IpPrefix.parse(e.ip()).network()), e);
        }
    }

    public boolean countsEverything() {
        return exporters.isEmpty();
    }

    /** The record's sampling multiplier, or {@link #IGNORED} if its exporter or interface is not an edge one. */
    public int multiplier(FlowRecord record) {
        if (exporters.isEmpty()) {
            return 1;
        }
        Exporter exporter = exporters.get(ByteBuffer.wrap(record.exporterIp()));
        if (exporter == null) {
            return IGNORED;
        }
        if (!exporter.interfaces().isEmpty()
                && !onInterface(exporter, record.ingressInterface())
                && !onInterface(exporter, record.egressInterface())) {
            return IGNORED;
        }
        return exporter.samplingMultiplier();
    }

    /**
     * The multiplier of an exporter, for sources that only see aggregates per exporter
     * (Elasticsearch): interface restrictions cannot apply there and count as all interfaces.
     */
    public int multiplier(String exporterIp) {
        if (exporters.isEmpty()) {
            return 1;
        }
        Exporter exporter =
                exporters.get(ByteBuffer.wrap(IpPrefix.parse(exporterIp).network()));
        return exporter == null ? IGNORED : exporter.samplingMultiplier();
    }

    private static boolean onInterface(Exporter exporter, String name) {
        return name != null && exporter.interfaces().contains(name);
    }
}
