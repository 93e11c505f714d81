package com.ezscale.billing.ingest.kafka;

/** The stored offset of a partition moved under this consumer (it lost the partition): its batch is dropped. */
public class OffsetFencedException extends RuntimeException {

    public OffsetFencedException(String message) {
        super(message);
    }
}
