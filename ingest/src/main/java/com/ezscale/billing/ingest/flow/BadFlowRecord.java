package com.ezscale.billing.ingest.flow;

/** A record that cannot be billed from; its message is the reason stored with it in the dead-letter table. */
public class BadFlowRecord extends RuntimeException {

    public BadFlowRecord(String reason) {
        super(reason);
    }
}
