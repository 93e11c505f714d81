package com.ezscale.billing.testing;

import java.io.IOException;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockWebServer;

/**
 * A stub of an HTTP service (Stripe, PayPal, Coinbase Commerce, a panel) that answers from a local
 * server of its own, with the requests-per-second limit such services answer 429 beyond.
 */
public abstract class LocalStub extends Dispatcher {

    private volatile String base = "";
    private volatile int perSecond;
    private long windowSecond;
    private int inWindow;

    /** A local server answering with this stub, started (tests close it). */
    public MockWebServer start() {
        MockWebServer server = new MockWebServer();
        server.setDispatcher(this);
        try {
            server.start();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        base = server.url("/").toString().replaceAll("/$", "");
        return server;
    }

    /** The started server's address without a trailing slash: the API base a client is pointed at. */
    public String apiBase() {
        return base;
    }

    /** At most n requests a second are answered; beyond, {@link #overLimit} says so (0: no limit). */
    public void limitPerSecond(int n) {
        perSecond = n;
    }

    /** Counts a request against this second's limit: true when it is over (the stub answers 429). */
    protected synchronized boolean overLimit() {
        if (perSecond <= 0) {
            return false;
        }
        long second = System.currentTimeMillis() / 1000;
        if (second != windowSecond) {
            windowSecond = second;
            inWindow = 0;
        }
        return ++inWindow > perSecond;
    }
}
