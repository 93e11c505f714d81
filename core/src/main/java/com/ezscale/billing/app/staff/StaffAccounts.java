package com.ezscale.billing.app.staff;

import com.ezscale.billing.app.security.Totp;
import com.ezscale.billing.audit.db.AuditMapper;
import com.ezscale.billing.rules.BillingRuleViolation;
import com.ezscale.billing.staff.StaffRole;
import com.ezscale.billing.staff.db.StaffLogin;
import com.ezscale.billing.staff.db.StaffMapper;
import com.ezscale.billing.staff.db.StaffUser;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Staff accounts of the portal: added, disabled, their password or second factor reset (audited),
 * and the login steps they go through: the password (BCrypt), then a TOTP code (RFC 6238, 30 s,
 * one step of drift either way, each step accepted once, enforced by a conditional UPDATE) or one
 * of the ten single-use recovery codes given when the TOTP was set up.
 */
@Service
public class StaffAccounts {

    /** BCrypt at cost 12; what the portal checks passwords with. */
    public static final PasswordEncoder PASSWORDS = new BCryptPasswordEncoder(12);

    public static final int MIN_PASSWORD_LENGTH = 12;
    public static final int RECOVERY_CODES = Totp.RECOVERY_CODES;

    private final StaffMapper staff;
    private final AuditMapper audit;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final Totp totp;

    public StaffAccounts(
            StaffMapper staff,
            AuditMapper audit,
            Totp totp,
            PlatformTransactionManager transactionManager,
            Clock clock) {
        this.staff = staff;
        this.totp = totp;
        this.audit = audit;
        this.tx = new TransactionTemplate(transactionManager);
        this.clock = clock;
    }

    /** Adds an account; its second factor is set up at its first login. */
    public StaffUser add(String username, String displayName, StaffRole role, String password, String actor) {
        String name = checkedUsername(username);
        if (displayName == null || displayName.isBlank() || displayName.strip().length() > 128) {
            throw new BillingRuleViolation("a staff member needs a name of 1 to 128 characters");
        }
        if (role == null) {
            throw new BillingRuleViolation("a staff member needs a role: FINANCE or ADMIN");
        }
        String hash = PASSWORDS.encode(checkedPassword(password));
        return tx.execute(status -> {
            if (staff.selectByUsername(name) != null) {
                throw new BillingRuleViolation("staff user '" + name + "' exists");
            }
            staff.insert(
                    new StaffUser(0, name, displayName.strip(), role, hash, null, null, null, true, clock.instant()));
            audit.insert(clock.instant(), actor, "staff.add", "staff " + name, role + ", " + displayName.strip());
            return staff.selectByUsername(name);
        });
    }

    public List<StaffUser> list() {
        return staff.selectAll();
    }

    public Optional<StaffUser> find(String username) {
        return username == null ? Optional.empty() : Optional.ofNullable(staff.selectByUsername(username));
    }

    public void setEnabled(String username, boolean enabled, String actor) {
        tx.executeWithoutResult(status -> {
            if (staff.updateEnabled(username, enabled) == 0) {
                throw new BillingRuleViolation("no staff user '" + username + "'");
            }
            audit.insert(clock.instant(), actor, enabled ? "staff.enable" : "staff.disable", "staff " + username, null);
        });
    }

    public void resetPassword(String username, String password, String actor) {
        String hash = PASSWORDS.encode(checkedPassword(password));
        tx.executeWithoutResult(status -> {
            if (staff.updatePassword(username, hash) == 0) {
                throw new BillingRuleViolation("no staff user '" + username + "'");
            }
            audit.insert(clock.instant(), actor, "staff.password", "staff " + username, null);
        });
    }

    /** Forgets the second factor: set up again at the next login (a lost phone). */
    public void resetSecondFactor(String username, String actor) {
        tx.executeWithoutResult(status -> {
            StaffUser user = staff.selectByUsername(username);
            if (user == null) {
                throw new BillingRuleViolation("no staff user '" + username + "'");
            }
            staff.updateTotpSecret(username, null);
            staff.deleteRecoveryCodes(user.id());
            audit.insert(clock.instant(), actor, "staff.reset-totp", "staff " + username, null);
        });
    }

    /** Begins the TOTP set-up of an account that has none confirmed: a new secret, shown once. */
    public String beginSecondFactor(String username) {
        StaffUser user = staff.selectByUsername(username);
        if (user == null || user.secondFactorReady()) {
            throw new BillingRuleViolation("the second factor of '" + username + "' is already set up");
        }
        String secret = totp.newSecret();
        staff.updateTotpSecret(username, secret);
        return secret;
    }

    /**
     * Confirms the set-up with a code from the authenticator; returns the recovery codes, shown
     * once (only their hashes are kept). Empty when the code is wrong.
     */
    public Optional<List<String>> confirmSecondFactor(String username, String code) {
        return tx.execute(status -> {
            StaffUser user = staff.selectByUsername(username);
            if (user == null || user.totpSecret() == null || user.totpConfirmedAt() != null) {
                return Optional.empty();
            }
            Optional<Long> step = totp.matchingStep(user.totpSecret(), code);
            if (step.isEmpty() || staff.confirmTotp(username, clock.instant(), step.get()) == 0) {
                return Optional.empty();
            }
            staff.deleteRecoveryCodes(user.id());
            List<String> recovery = Totp.newRecoveryCodes(hash -> staff.insertRecoveryCode(user.id(), hash));
            audit.insert(clock.instant(), username, "staff.totp-set-up", "staff " + username, null);
            return Optional.of(recovery);
        });
    }

    /** Checks a TOTP code (each step once) or an unused recovery code. */
    public Totp.Check verifySecondFactor(String username, String code) {
        StaffUser user = staff.selectByUsername(username);
        if (user == null || !user.enabled() || !user.secondFactorReady()) {
            return Totp.Check.FAILED;
        }
        return totp.verify(
                user.totpSecret(),
                code,
                step -> staff.acceptTotpStep(username, step) == 1,
                hash -> staff.useRecoveryCode(user.id(), hash, clock.instant()) == 1);
    }

    public int unusedRecoveryCodes(String username) {
        return find(username).map(u -> staff.countUnusedRecoveryCodes(u.id())).orElse(0);
    }

    public void recordLogin(String username, String address, String outcome) {
        String name = username == null ? "" : username.strip();
        staff.insertLogin(
                name.length() > 64 ? name.substring(0, 64) : name,
                address == null ? "" : address,
                clock.instant(),
                outcome);
    }

    public List<StaffLogin> logins(String username, Long before, int limit) {
        return staff.selectLogins(username, before, limit);
    }

    /** The code an authenticator shows for {@code secret} now (demo and tests). */
    public String currentCode(String secret) {
        return totp.currentCode(secret);
    }

    private static String checkedUsername(String username) {
        String name = username == null ? "" : username.strip().toLowerCase(Locale.ROOT);
        if (!name.matches("[a-z0-9][a-z0-9._-]{1,63}")) {
            throw new BillingRuleViolation("a username is 2 to 64 of a-z, 0-9, '.', '_' and '-', starting with a"
                    + " letter or digit: '" + username + "' is not");
        }
        return name;
    }

    private static String checkedPassword(String password) {
        if (password == null || password.length() < MIN_PASSWORD_LENGTH) {
            throw new BillingRuleViolation("a staff password has at least " + MIN_PASSWORD_LENGTH + " characters");
        }
        if (password.length() > 72) {
            throw new BillingRuleViolation("a staff password has at most 72 characters (BCrypt reads no more)");
        }
        return password;
    }
}
