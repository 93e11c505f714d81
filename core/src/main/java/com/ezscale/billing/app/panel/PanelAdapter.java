package com.ezscale.billing.app.panel;

import org.springframework.web.client.RestClient;

/** One provisioning panel's API: suspend, unsuspend and terminate a service by the panel's id for it. */
public interface PanelAdapter {

    /** The name services carry in {@code subscription.panel} (upper case). */
    String name();

    void call(RestClient client, PanelProperties.Endpoint endpoint, PanelAction action, String ref);
}
