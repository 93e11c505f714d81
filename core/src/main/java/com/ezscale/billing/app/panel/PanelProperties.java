package com.ezscale.billing.app.panel;

import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code ezscale.panels.*}: one entry per provisioning panel (virtfusion, pterodactyl, synergycp,
 * enhance) with its API base URL and key (the key from the environment, e.g.
 * EZSCALE_PANELS_ENDPOINTS_VIRTFUSION_APIKEY); Enhance also needs the organisation that owns the
 * subscriptions.
 */
@Validated
@ConfigurationProperties(prefix = "ezscale.panels", ignoreUnknownFields = false)
public record PanelProperties(
        Map<String, Endpoint> endpoints,
        @DefaultValue("PT10S") Duration timeout) {

    public record Endpoint(String baseUrl, String apiKey, String orgId) {}

    public Endpoint endpoint(String panel) {
        Endpoint e = endpoints == null ? null : endpoints.get(panel.toLowerCase());
        if (e == null || e.baseUrl() == null || e.baseUrl().isBlank()) {
            throw new PanelException("panel " + panel + " is not configured (ezscale.panels.endpoints."
                    + panel.toLowerCase() + ".base-url)");
        }
        return e;
    }
}
