package com.ezscale.billing.app.account;

import com.ezscale.billing.account.CustomerRole;
import com.ezscale.billing.account.db.CustomerLogin;
import com.ezscale.billing.account.db.CustomerUser;
import com.ezscale.billing.account.db.CustomerUserMapper;
import com.ezscale.billing.app.outbox.OutboxWriter;
import com.ezscale.billing.audit.db.AuditMapper;
import com.ezscale.billing.customer.CustomerDetails;
import com.ezscale.billing.customer.db.CustomerMapper;
import com.ezscale.billing.customer.db.CustomerView;
import com.ezscale.billing.notice.Notices;
import com.ezscale.billing.rules.BillingRuleViolation;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Customers' portal logins: added by an admin or by the customer's owner (audited), without a
 * password, their holder e-mailed a link to set one; a password reset asked for on the login page
 * e-mails the same kind of link. A link is 32 random bytes, kept as its SHA-256 only, used once
 * (a conditional UPDATE), for {@link #LINK_HOURS} hours, and a newer link ends the older ones.
 * The e-mails go through the outbox, written in the transaction that made the link.
 */
@Service
public class CustomerAccounts {

    /** BCrypt at cost 12, as for staff. */
    public static final PasswordEncoder PASSWORDS = new BCryptPasswordEncoder(12);

    public static final int MIN_PASSWORD_LENGTH = 10;
    public static final long LINK_HOURS = 24;

    private static final SecureRandom RANDOM = new SecureRandom();

    private final CustomerUserMapper users;
    private final CustomerMapper customers;
    private final AuditMapper audit;
    private final OutboxWriter outbox;
    private final TransactionTemplate tx;
    private final Clock clock;

    public CustomerAccounts(
            CustomerUserMapper users,
            CustomerMapper customers,
            AuditMapper audit,
            OutboxWriter outbox,
            PlatformTransactionManager transactionManager,
            Clock clock) {
        this.users = users;
        this.customers = customers;
        this.audit = audit;
        this.outbox = outbox;
        this.tx = new TransactionTemplate(transactionManager);
        this.clock = clock;
    }

    /**
     * Adds a login to a customer and e-mails its holder the link that sets its password;
     * {@code portalUrl} is the portal's public address the link starts with.
     */
    public CustomerUser invite(
            long customerId, String email, String name, CustomerRole role, String portalUrl, String actor) {
        String address = checkedEmail(email);
        String who = name == null || name.isBlank() ? address : name.strip();
        if (who.length() > 128) {
            throw new BillingRuleViolation("name: at most 128 characters");
        }
        if (role == null) {
            throw new BillingRuleViolation("role: one of OWNER, BILLING, TECHNICAL");
        }
        String base = checkedPortalUrl(portalUrl);
        return tx.execute(status -> {
            CustomerView customer = customers.selectCustomerView(customerId);
            if (customer == null) {
                throw new BillingRuleViolation("customer " + customerId + " does not exist");
            }
            Instant now = clock.instant();
            if (users.insert(new CustomerUser(0, customerId, address, who, role, null, true, now)) == 0) {
                throw new BillingRuleViolation("email " + address + " already has a login");
            }
            CustomerUser user = users.selectByEmail(address);
            String token = newLink(user, now);
            outbox.email(
                    "login-invite:" + user.id() + ":" + now.toEpochMilli(),
                    customerId,
                    null,
                    address,
                    new Notices.LoginInvite(
                            who,
                            customer.row().company() != null
                                    ? customer.row().company()
                                    : customer.row().name(),
                            base + "/login/reset?token=" + token,
                            LINK_HOURS));
            audit.insert(now, actor, "customer-user.add", "customer " + customerId, address + ", " + role);
            return user;
        });
    }

    /** A login with a password set at once (the demo's; real logins set theirs through the e-mailed link). */
    public CustomerUser addWithPassword(
            long customerId, String email, String name, CustomerRole role, String password, String actor) {
        String address = checkedEmail(email);
        String hash = PASSWORDS.encode(checkedPassword(password));
        return tx.execute(status -> {
            Instant now = clock.instant();
            if (customers.selectCustomerView(customerId) == null) {
                throw new BillingRuleViolation("customer " + customerId + " does not exist");
            }
            if (users.insert(new CustomerUser(0, customerId, address, name, role, hash, true, now)) == 0) {
                throw new BillingRuleViolation("email " + address + " already has a login");
            }
            audit.insert(now, actor, "customer-user.add", "customer " + customerId, address + ", " + role);
            return users.selectByEmail(address);
        });
    }

    /**
     * A reset asked for on the login page: e-mails a link when a live login has this address; says
     * nothing either way (the page answers the same, so addresses cannot be probed).
     */
    public void requestReset(String email, String portalUrl, String remoteAddress) {
        String address = email == null ? "" : email.strip().toLowerCase(Locale.ROOT);
        String base = checkedPortalUrl(portalUrl);
        tx.executeWithoutResult(status -> {
            Instant now = clock.instant();
            users.insertLogin(clip(address, 254), clip(remoteAddress, 64), now, "RESET_REQUESTED");
            CustomerUser user = users.selectByEmail(address);
            if (user == null || !user.enabled()) {
                return;
            }
            String token = newLink(user, now);
            outbox.email(
                    "password-reset:" + user.id() + ":" + now.toEpochMilli(),
                    user.customerId(),
                    null,
                    user.email(),
                    new Notices.PasswordReset(user.name(), base + "/login/reset?token=" + token, LINK_HOURS));
        });
    }

    /** The login a link would set the password of, while the link is live. */
    public Optional<CustomerUser> linkHolder(String token) {
        if (token == null || token.isBlank() || token.length() > 100) {
            return Optional.empty();
        }
        Long id = users.selectTokenUser(sha256(token.strip()), clock.instant());
        return id == null ? Optional.empty() : Optional.ofNullable(users.selectById(id));
    }

    /** Sets the password through a live link; the link, and every other one of that login, is then spent. */
    public CustomerUser setPassword(String token, String password, String remoteAddress) {
        String hash = PASSWORDS.encode(checkedPassword(password));
        return tx.execute(status -> {
            Instant now = clock.instant();
            String tokenHash = token == null ? "" : sha256(token.strip());
            Long id = users.selectTokenUser(tokenHash, now);
            if (id == null || users.useToken(tokenHash, now) == 0) {
                throw new BillingRuleViolation("this link was used or has expired: ask for a new one");
            }
            CustomerUser user = users.selectById(id);
            users.updatePassword(id, hash);
            users.expireTokens(id, now);
            users.insertLogin(user.email(), clip(remoteAddress, 64), now, "PASSWORD_SET");
            return user;
        });
    }

    public Optional<CustomerUser> find(String email) {
        return email == null
                ? Optional.empty()
                : Optional.ofNullable(users.selectByEmail(email.strip().toLowerCase(Locale.ROOT)));
    }

    public List<CustomerUser> logins(long customerId) {
        return users.selectByCustomer(customerId);
    }

    /** Turns a login of this customer off or on (another customer's login is "not found"). */
    public void setEnabled(long customerId, long userId, boolean enabled, String actor) {
        tx.executeWithoutResult(status -> {
            CustomerUser user = users.selectById(userId);
            if (user == null || user.customerId() != customerId) {
                throw new BillingRuleViolation("customer " + customerId + " has no login " + userId);
            }
            users.updateEnabled(userId, enabled);
            users.expireTokens(userId, clock.instant());
            audit.insert(
                    clock.instant(),
                    actor,
                    enabled ? "customer-user.enable" : "customer-user.disable",
                    "customer " + customerId,
                    user.email());
        });
    }

    public void recordLogin(String email, String remoteAddress, String outcome) {
        users.insertLogin(
                clip(email == null ? "" : email.strip().toLowerCase(Locale.ROOT), 254),
                clip(remoteAddress, 64),
                clock.instant(),
                outcome);
    }

    public List<CustomerLogin> loginHistory(long customerId, int limit) {
        return users.selectLogins(customerId, limit);
    }

    private String newLink(CustomerUser user, Instant now) {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        users.expireTokens(user.id(), now);
        users.insertToken(sha256(token), user.id(), now, now.plus(Duration.ofHours(LINK_HOURS)));
        return token;
    }

    private static String checkedEmail(String email) {
        String address = email == null ? "" : email.strip().toLowerCase(Locale.ROOT);
        if (address.length() > 254 || !CustomerDetails.isEmail(address)) {
            throw new BillingRuleViolation(
                    "email '" + (email == null ? "" : email.strip()) + "' is not an e-mail address");
        }
        return address;
    }

    private static String checkedPortalUrl(String portalUrl) {
        if (portalUrl == null || !portalUrl.strip().matches("https?://[^\\s/]+(/\\S*)?")) {
            throw new BillingRuleViolation(
                    "the portal's address is not configured (ezscale.collection.portal-url, EZSCALE_PORTAL_URL): "
                            + "an e-mailed link would lead nowhere");
        }
        return portalUrl.strip().replaceAll("/+$", "");
    }

    static String checkedPassword(String password) {
        if (password == null || password.length() < MIN_PASSWORD_LENGTH) {
            throw new BillingRuleViolation("password: at least " + MIN_PASSWORD_LENGTH + " characters");
        }
        if (password.getBytes(StandardCharsets.UTF_8).length > 72) {
            throw new BillingRuleViolation("password: at most 72 bytes (BCrypt reads no more)");
        }
        return password;
    }

    private static String clip(String text, int max) {
        String t = text == null ? "" : text;
        return t.length() > max ? t.substring(0, max) : t;
    }

    static String sha256(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
