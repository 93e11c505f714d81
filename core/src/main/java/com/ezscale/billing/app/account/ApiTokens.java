package com.ezscale.billing.app.account;

import com.ezscale.billing.account.db.ApiToken;
import com.ezscale.billing.account.db.ApiTokenMapper;
import com.ezscale.billing.app.staff.StaffAccounts;
import com.ezscale.billing.audit.db.AuditMapper;
import com.ezscale.billing.rules.BillingRuleViolation;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Tokens of the JSON API: a customer's owner creates them with scopes ({@link #SCOPES}), an admin
 * creates staff tokens that act with the member's role. A token is shown once; only its SHA-256 is
 * kept, so a request's token is found by its hash. Creation and revocation are audited.
 */
@Service
public class ApiTokens {

    public static final String READ = "read";
    public static final String BILLING = "billing";
    public static final String WEBHOOKS = "webhooks";
    public static final List<String> SCOPES = List.of(READ, BILLING, WEBHOOKS);
    /** The scope of a staff token: its member's role decides what it reaches. */
    public static final String STAFF = "staff";

    public static final String PREFIX = "ezk_";

    private static final SecureRandom RANDOM = new SecureRandom();
    /** How long a customer token checked against the database is taken on trust (revocation here is at once). */
    static final java.time.Duration TRUSTED_FOR = java.time.Duration.ofSeconds(5);

    private record Checked(ApiToken token, Instant at) {}

    /**
     * Customer tokens recently checked, by their hash: no read per call (a Caffeine cache bounded at 10,000, no lock
     * per call; another node's revocation waits 5 s).
     */
    private final java.util.Map<String, Checked> checked =
            Caffeine.newBuilder().maximumSize(10_000).<String, Checked>build().asMap();

    /** A token as created: its row, and the token itself (shown once, never stored). */
    public record Created(ApiToken token, String secret) {}

    private final ApiTokenMapper tokens;
    private final StaffAccounts staff;
    private final AuditMapper audit;
    private final TransactionTemplate tx;
    private final Clock clock;

    public ApiTokens(
            ApiTokenMapper tokens,
            StaffAccounts staff,
            AuditMapper audit,
            PlatformTransactionManager transactionManager,
            Clock clock) {
        this.tokens = tokens;
        this.staff = staff;
        this.audit = audit;
        this.tx = new TransactionTemplate(transactionManager);
        this.clock = clock;
    }

    /** A customer's token with the scopes given (at least one of {@link #SCOPES}). */
    public Created createForCustomer(long customerId, String name, List<String> scopes, String actor) {
        String label = checkedName(name);
        Set<String> set = new LinkedHashSet<>();
        for (String s : scopes == null ? List.<String>of() : scopes) {
            String scope = s.strip().toLowerCase(Locale.ROOT);
            if (!SCOPES.contains(scope)) {
                throw new BillingRuleViolation("scopes: each one of " + SCOPES + ", not '" + s + "'");
            }
            set.add(scope);
        }
        if (set.isEmpty()) {
            throw new BillingRuleViolation("scopes: at least one of " + SCOPES);
        }
        return create(customerId, null, label, String.join(",", set), actor, "customer " + customerId);
    }

    /** A staff member's token: it reaches what the member's role reaches. */
    public Created createForStaff(String username, String name, String actor) {
        String label = checkedName(name);
        if (staff.find(username).filter(u -> u.enabled()).isEmpty()) {
            throw new BillingRuleViolation("no enabled staff user '" + username + "'");
        }
        return create(null, username, label, STAFF, actor, "staff " + username);
    }

    private Created create(Long customerId, String username, String name, String scopes, String actor, String target) {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String secret = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        Instant now = clock.instant();
        return tx.execute(status -> {
            tokens.insert(new ApiToken(
                    0,
                    customerId,
                    username,
                    name,
                    CustomerAccounts.sha256(secret),
                    scopes,
                    actor,
                    now,
                    null,
                    null,
                    null));
            audit.insert(now, actor, "api-token.create", target, name + " (" + scopes + ")");
            return new Created(tokens.selectByHash(CustomerAccounts.sha256(secret)), secret);
        });
    }

    /** The live token a request carries, if any (its last use recorded, at most once a minute). */
    public Optional<ApiToken> authenticate(String secret) {
        if (secret == null || !secret.startsWith(PREFIX) || secret.length() > 100) {
            return Optional.empty();
        }
        String hash = CustomerAccounts.sha256(secret);
        Instant now = clock.instant();
        Checked recent = checked.get(hash);
        if (recent != null
                && recent.at().plus(TRUSTED_FOR).isAfter(now)
                && recent.token().liveAt(now)) {
            return Optional.of(recent.token());
        }
        ApiToken token = tokens.selectByHash(hash);
        if (token == null || !token.liveAt(now)) {
            checked.remove(hash);
            return Optional.empty();
        }
        if (token.staffUsername() != null
                && staff.find(token.staffUsername()).filter(u -> u.enabled()).isEmpty()) {
            return Optional.empty();
        }
        tokens.touch(token.id(), now);
        if (token.customerId() != null) {
            checked.put(
                    hash, new Checked(token, now)); // a staff token is checked each call (its member may be disabled)
        }
        return Optional.of(token);
    }

    public List<ApiToken> ofCustomer(long customerId) {
        return tokens.selectByCustomer(customerId);
    }

    public List<ApiToken> ofStaff(String username) {
        return tokens.selectByStaff(username);
    }

    /** Revokes a customer's token (another customer's is "not found"). */
    public void revokeForCustomer(long customerId, long tokenId, String actor) {
        tx.executeWithoutResult(status -> {
            if (tokens.revoke(tokenId, customerId, null, clock.instant()) == 0) {
                throw new BillingRuleViolation("customer " + customerId + " has no live token " + tokenId);
            }
            checked.values().removeIf(c -> c.token().id() == tokenId);
            audit.insert(clock.instant(), actor, "api-token.revoke", "customer " + customerId, "token " + tokenId);
        });
    }

    public void revokeForStaff(String username, long tokenId, String actor) {
        tx.executeWithoutResult(status -> {
            if (tokens.revoke(tokenId, null, username, clock.instant()) == 0) {
                throw new BillingRuleViolation("staff user '" + username + "' has no live token " + tokenId);
            }
            audit.insert(clock.instant(), actor, "api-token.revoke", "staff " + username, "token " + tokenId);
        });
    }

    private static String checkedName(String name) {
        if (name == null || name.isBlank() || name.strip().length() > 100) {
            throw new BillingRuleViolation("name: 1 to 100 characters, to tell the token apart");
        }
        return name.strip();
    }
}
