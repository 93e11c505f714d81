package com.ezscale.billing.app.account;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code ezscale.webhooks.*}: customers' webhooks. Outside tests a webhook is HTTPS and resolves to
 * public addresses only (checked when it is registered and again before each delivery, against
 * server-side request forgery); {@code allow-http} and {@code allow-private-addresses} are for
 * tests and a local receiver only. {@code timeout-seconds}: one delivery's connect and answer.
 */
@Validated
@ConfigurationProperties(prefix = "ezscale.webhooks", ignoreUnknownFields = false)
public record WebhookProperties(
        @DefaultValue("false") boolean allowHttp,
        @DefaultValue("false") boolean allowPrivateAddresses,
        @Min(1) @Max(300) @DefaultValue("10") int timeoutSeconds) {}
