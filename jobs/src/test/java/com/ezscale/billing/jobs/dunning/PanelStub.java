package com.ezscale.billing.jobs.dunning;

import com.ezscale.billing.testing.LocalStub;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;

/**
 * Local stand-in for the provisioning panels (and Discord's webhook): records every call (method,
 * path with query, Authorization header, body) and answers 2xx as the panels do, or 503 for the
 * paths under a prefix set broken.
 */
public final class PanelStub extends LocalStub {

    public record Call(String method, String target, String auth, String body) {
        /** "METHOD /path Authorization" */
        public String line() {
            return method + " " + target + " " + auth;
        }
    }

    public final List<Call> calls = new CopyOnWriteArrayList<>();
    private volatile String brokenPrefix;

    /** Paths starting with {@code prefix} answer 503 until {@link #heal()}. */
    public void breakUnder(String prefix) {
        brokenPrefix = prefix;
    }

    public void heal() {
        brokenPrefix = null;
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        String target = request.getUrl().encodedPath()
                + (request.getUrl().encodedQuery() == null
                        ? ""
                        : "?" + request.getUrl().encodedQuery());
        calls.add(new Call(
                request.getMethod(),
                target,
                request.getHeaders().get("Authorization"),
                request.getBody() == null ? "" : request.getBody().utf8()));
        String broken = brokenPrefix;
        if (broken != null && target.startsWith(broken)) {
            return new MockResponse.Builder()
                    .code(503)
                    .body("{\"message\":\"maintenance\"}")
                    .build();
        }
        return new MockResponse.Builder().code(204).build();
    }
}
