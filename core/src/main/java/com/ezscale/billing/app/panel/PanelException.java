package com.ezscale.billing.app.panel;

/** A panel call that did not succeed (the outbox retries it). */
public class PanelException extends RuntimeException {
    public PanelException(String message) {
        super(message);
    }

    public PanelException(String message, Throwable cause) {
        super(message, cause);
    }
}
