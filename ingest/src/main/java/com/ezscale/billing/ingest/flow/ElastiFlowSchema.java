package com.ezscale.billing.ingest.flow;

/** The two ElastiFlow output schemas and the fields billing reads from each. */
public enum ElastiFlowSchema {
    CODEX(
            "flow.bytes",
            "flow.packets",
            "flow.src.ip.addr",
            "flow.dst.ip.addr",
            "flow.in.netif.name",
            "flow.out.netif.name"),
    ECS(
            "network.bytes",
            "network.packets",
            "source.ip",
            "destination.ip",
            "observer.ingress.interface.name",
            "observer.egress.interface.name");

    public static final String TIMESTAMP = "@timestamp";
    public static final String EXPORTER = "flow.export.ip.addr";

    final String bytes;
    final String packets;
    final String sourceIp;
    final String destinationIp;
    final String ingressInterface;
    final String egressInterface;

    ElastiFlowSchema(
            String bytes,
            String packets,
            String sourceIp,
            String destinationIp,
            String ingressInterface,
            String egressInterface) {
        this.bytes = bytes;
        this.packets = packets;
        this.sourceIp = sourceIp;
        this.destinationIp = destinationIp;
        this.ingressInterface = ingressInterface;
        this.egressInterface = egressInterface;
    }

    public String bytesField() {
        return bytes;
    }

    public String sourceIpField() {
        return sourceIp;
    }

    public String destinationIpField() {
        return destinationIp;
    }
}
