package com.ezscale.billing.portal.security;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * {@code ezscale.portal.*}: the staff accounts of this version, by BCrypt hash only (set them from
 * the environment: EZSCALE_PORTAL_FINANCE_PASSWORD_HASH, EZSCALE_PORTAL_ADMIN_PASSWORD_HASH; an
 * account without a hash does not exist; customer accounts come with the portal issue), and the
 * largest request body any route accepts (413 above it, before anything reads it).
 */
@ConfigurationProperties("ezscale.portal")
public record PortalSecurityProperties(
        String financePasswordHash,
        String adminPasswordHash,
        @DefaultValue("256KB") DataSize maxRequestBody) {}
