package com.ezscale.billing.portal.security;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code ezscale.portal.*}: the staff accounts of this version, by BCrypt hash only (set them from
 * the environment: EZSCALE_PORTAL_FINANCE_PASSWORD_HASH, EZSCALE_PORTAL_ADMIN_PASSWORD_HASH). An
 * account without a hash does not exist. Customer accounts come with the portal issue.
 */
@ConfigurationProperties("ezscale.portal")
public record PortalSecurityProperties(String financePasswordHash, String adminPasswordHash) {
}
