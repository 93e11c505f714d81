package com.ezscale.billing.document.db;

import java.time.Instant;

/** A rendered document as stored: its bytes and their SHA-256 (hex). */
public record StoredDocument(
        String kind,
        long sourceId,
        String number,
        String contentType,
        String sha256,
        int sizeBytes,
        byte[] content,
        Instant renderedAt) {}
