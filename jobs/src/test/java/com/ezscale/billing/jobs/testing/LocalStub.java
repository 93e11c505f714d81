package com.ezscale.billing.jobs.testing;

import java.io.IOException;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockWebServer;

/** A stub of an HTTP service (Stripe, a panel) that answers from a local server of its own. */
public abstract class LocalStub extends Dispatcher {

    /** A local server answering with this stub, started (tests close it). */
    public MockWebServer start() {
        MockWebServer server = new MockWebServer();
        server.setDispatcher(this);
        try {
            server.start();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return server;
    }
}
