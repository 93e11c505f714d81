package com.ezscale.billing.app.panel;

import java.net.http.HttpClient;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/**
 * The four panels' documented HTTP APIs, called with Spring's {@link RestClient}; endpoints and keys
 * from configuration. Any non-2xx answer or I/O error is a {@link PanelException} (the outbox
 * retries it with backoff). Suspending twice is harmless on every panel, so a retry after a crash
 * between the call and our write does no damage.
 */
@Component
public class Panels {

    private final PanelProperties properties;
    private final RestClient client;
    private final Map<String, PanelAdapter> adapters;

    /** The panels a service can name (the adapters below, one each). */
    public static final List<String> KNOWN = List.of("VIRTFUSION", "PTERODACTYL", "SYNERGYCP", "ENHANCE");

    public Panels(PanelProperties properties, RestClient.Builder builder) {
        this.properties = properties;
        JdkClientHttpRequestFactory factory = new JdkClientHttpRequestFactory(
                HttpClient.newBuilder().connectTimeout(properties.timeout()).build());
        factory.setReadTimeout(properties.timeout());
        this.client = builder.clone()
                .requestFactory(factory)
                .defaultStatusHandler(HttpStatusCode::isError, (request, response) -> {
                    throw new PanelException(
                            request.getMethod() + " " + request.getURI().getPath() + " answered "
                                    + response.getStatusCode().value());
                })
                .build();
        this.adapters = List.of(
                        new ServerPathPanel("VIRTFUSION", "/servers", "?delay=0"),
                        new ServerPathPanel("PTERODACTYL", "/api/application/servers", ""),
                        new SynergyCp(),
                        new Enhance())
                .stream()
                .collect(Collectors.toMap(PanelAdapter::name, Function.identity()));
        if (!adapters.keySet().equals(Set.copyOf(KNOWN))) {
            throw new IllegalStateException(
                    "panel adapters " + adapters.keySet() + " are not the known panels " + KNOWN);
        }
    }

    public void call(String panel, PanelAction action, String ref) {
        PanelAdapter adapter = adapters.get(panel.toUpperCase(Locale.ROOT));
        if (adapter == null) {
            throw new PanelException(
                    "unknown panel " + panel + " (known: " + String.join(", ", adapters.keySet()) + ")");
        }
        try {
            adapter.call(client, properties.endpoint(panel), action, ref);
        } catch (RestClientException e) {
            throw new PanelException(panel + " " + action + " " + ref + ": " + e.getMessage(), e);
        }
    }

    static String base(PanelProperties.Endpoint e) {
        return e.baseUrl().endsWith("/") ? e.baseUrl().substring(0, e.baseUrl().length() - 1) : e.baseUrl();
    }

    /**
     * A panel addressing servers by path with a bearer token: {@code POST <servers>/{id}/suspend|unsuspend},
     * {@code DELETE <servers>/{id}<delete suffix>}. VirtFusion: {@code /servers}, deleting with
     * {@code ?delay=0} (now); Pterodactyl's application API: {@code /api/application/servers}.
     */
    record ServerPathPanel(String name, String serversPath, String deleteSuffix) implements PanelAdapter {
        public void call(RestClient client, PanelProperties.Endpoint e, PanelAction action, String ref) {
            String server = base(e) + serversPath + "/{id}";
            RestClient.RequestHeadersSpec<?> request = switch (action) {
                case SUSPEND -> client.post().uri(server + "/suspend", ref);
                case UNSUSPEND -> client.post().uri(server + "/unsuspend", ref);
                case TERMINATE -> client.delete().uri(server + deleteSuffix, ref);
            };
            request.header(HttpHeaders.AUTHORIZATION, "Bearer " + e.apiKey())
                    .accept(MediaType.APPLICATION_JSON)
                    .retrieve()
                    .toBodilessEntity();
        }
    }

    /** SynergyCP: {@code PATCH /server/{id}?key=...} with {@code is_active} 0/1; termination wipes the server ({@code wiped}: 1). */
    static final class SynergyCp implements PanelAdapter {
        public String name() {
            return "SYNERGYCP";
        }

        public void call(RestClient client, PanelProperties.Endpoint e, PanelAction action, String ref) {
            Map<String, String> body = switch (action) {
                case SUSPEND -> Map.of("is_active", "0");
                case UNSUSPEND -> Map.of("is_active", "1");
                case TERMINATE -> Map.of("wiped", "1");
            };
            client.patch()
                    .uri(base(e) + "/server/{id}?key={key}", ref, e.apiKey())
                    .contentType(MediaType.APPLICATION_JSON)
                    .accept(MediaType.APPLICATION_JSON)
                    .body(body)
                    .retrieve()
                    .toBodilessEntity();
        }
    }

    /** Enhance: {@code PATCH /orgs/{org}/subscriptions/{id}} with {@code isSuspended}; {@code DELETE} terminates; bearer token. */
    static final class Enhance implements PanelAdapter {
        public String name() {
            return "ENHANCE";
        }

        public void call(RestClient client, PanelProperties.Endpoint e, PanelAction action, String ref) {
            if (e.orgId() == null || e.orgId().isBlank()) {
                throw new PanelException("panel enhance needs ezscale.panels.endpoints.enhance.org-id");
            }
            String subscription = base(e) + "/orgs/{org}/subscriptions/{id}";
            RestClient.RequestHeadersSpec<?> request = switch (action) {
                case SUSPEND ->
                    client.patch()
                            .uri(subscription, e.orgId(), ref)
                            .contentType(MediaType.APPLICATION_JSON)
                            .body(Map.of("isSuspended", true));
                case UNSUSPEND ->
                    client.patch()
                            .uri(subscription, e.orgId(), ref)
                            .contentType(MediaType.APPLICATION_JSON)
                            .body(Map.of("isSuspended", false));
                case TERMINATE -> client.delete().uri(subscription, e.orgId(), ref);
            };
            request.header(HttpHeaders.AUTHORIZATION, "Bearer " + e.apiKey())
                    .accept(MediaType.APPLICATION_JSON)
                    .retrieve()
                    .toBodilessEntity();
        }
    }
}
