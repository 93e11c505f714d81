package com.ezscale.billing.portal.api;

import com.ezscale.billing.account.db.WebhookDelivery;
import com.ezscale.billing.account.db.WebhookEndpoint;
import com.ezscale.billing.app.account.Webhooks;
import com.ezscale.billing.portal.security.TokenPrincipal;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The customer's webhooks through the API (token scope: webhooks), as on the webhooks page. */
@RestController
@RequestMapping(path = "/api/v1/webhooks", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "webhooks", description = "The customer's webhooks and their deliveries (token scope: webhooks)")
@SecurityRequirement(name = "token")
public class WebhookApiController {

    private final Webhooks webhooks;

    public WebhookApiController(Webhooks webhooks) {
        this.webhooks = webhooks;
    }

    /** A webhook as listed (never its secret). */
    public record Endpoint(long id, String url, List<String> events, boolean enabled, Instant createdAt) {
        static Endpoint of(WebhookEndpoint e) {
            return new Endpoint(e.id(), e.url(), List.of(e.events().split(",")), e.enabled(), e.createdAt());
        }
    }

    /** A webhook just registered, with its signing secret (shown this once). */
    public record Registered(Endpoint endpoint, String secret) {}

    public record Registration(String url, List<String> events) {}

    @GetMapping
    @Operation(summary = "The customer's webhooks")
    public List<Endpoint> list(@AuthenticationPrincipal TokenPrincipal me) {
        return webhooks.endpoints(me.customer()).stream().map(Endpoint::of).toList();
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Register a webhook: {\"url\": \"https://...\", \"events\": [\"invoice.paid\"]} (or [\"*\"])")
    public ResponseEntity<Registered> register(
            @AuthenticationPrincipal TokenPrincipal me, @RequestBody Registration body) {
        Webhooks.Created created = webhooks.register(me.customer(), body.url(), body.events(), me.getName());
        return ResponseEntity.status(HttpStatus.CREATED)
                .body(new Registered(Endpoint.of(created.endpoint()), created.secret()));
    }

    @PostMapping("/{id}/{action:enable|disable}")
    @Operation(summary = "Turn a webhook on or off")
    public ResponseEntity<Void> enable(
            @AuthenticationPrincipal TokenPrincipal me, @PathVariable long id, @PathVariable String action) {
        webhooks.setEnabled(me.customer(), id, action.equals("enable"), me.getName());
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/deliveries")
    @Operation(summary = "The delivery log, newest first")
    public List<WebhookDelivery> deliveries(
            @AuthenticationPrincipal TokenPrincipal me, @RequestParam(required = false) Long before) {
        return webhooks.deliveries(me.customer(), before, 100);
    }

    @PostMapping("/deliveries/{id}/replay")
    @Operation(summary = "Send a delivered or failed event again (the same event id)")
    public ResponseEntity<Void> replay(@AuthenticationPrincipal TokenPrincipal me, @PathVariable long id) {
        webhooks.replay(me.customer(), id, me.getName());
        return ResponseEntity.accepted().build();
    }
}
