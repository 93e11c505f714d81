package com.ezscale.billing.portal.security;

import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * {@code ezscale.portal.*}: the largest request body any route accepts (413 above it, before
 * anything reads it), and the login throttle: attempts per minute per account, and per address
 * (higher: an office behind one NAT address); and the JSON API's requests per minute per token.
 * Staff accounts are in the database ({@code staff} command, admin page).
 */
@Validated
@ConfigurationProperties(prefix = "ezscale.portal", ignoreUnknownFields = false)
public record PortalSecurityProperties(
        @DefaultValue("256KB") DataSize maxRequestBody,
        @Min(1) @DefaultValue("5") int loginAttemptsPerMinute,
        @Min(1) @DefaultValue("20") int loginAttemptsPerMinutePerAddress,
        @Min(1) @DefaultValue("120") int apiRequestsPerMinute) {}
