package com.ezscale.billing.app.account;

import com.ezscale.billing.account.db.CustomerSecondFactor;
import com.ezscale.billing.account.db.CustomerUser;
import com.ezscale.billing.account.db.CustomerUserMapper;
import com.ezscale.billing.app.security.Totp;
import com.ezscale.billing.audit.db.AuditMapper;
import com.ezscale.billing.rules.BillingRuleViolation;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A customer login's optional second factor, turned on and off by its holder: a TOTP secret shown
 * once as a QR code, confirmed with a code from the authenticator, which returns ten single-use
 * recovery codes (shown once, kept as SHA-256). Once on, every login of that e-mail needs a fresh
 * code (each 30-second step once) or an unused recovery code after the password. Turning it off
 * takes a current code too, so a session left open cannot. Audited as the login.
 */
@Service
public class CustomerSecondFactors {

    private final CustomerUserMapper users;
    private final Totp totp;
    private final AuditMapper audit;
    private final TransactionTemplate tx;
    private final Clock clock;

    public CustomerSecondFactors(
            CustomerUserMapper users,
            Totp totp,
            AuditMapper audit,
            PlatformTransactionManager transactionManager,
            Clock clock) {
        this.users = users;
        this.totp = totp;
        this.audit = audit;
        this.tx = new TransactionTemplate(transactionManager);
        this.clock = clock;
    }

    public CustomerSecondFactor state(long userId) {
        CustomerSecondFactor state = users.selectSecondFactor(userId);
        return state == null ? new CustomerSecondFactor(userId, null, null, null) : state;
    }

    /** Whether the login of {@code email} needs a second factor after its password. */
    public boolean required(String email) {
        CustomerUser user = users.selectByEmail(email);
        return user != null && state(user.id()).ready();
    }

    /** A new secret for the login to set up (replacing one not yet confirmed); refused while one is on. */
    public String begin(long userId) {
        if (state(userId).ready()) {
            throw new BillingRuleViolation("the second factor is already on: turn it off first to change it");
        }
        String secret = totp.newSecret();
        users.updateTotpSecret(userId, secret);
        return secret;
    }

    /** Confirms the set-up with a code of the authenticator: the recovery codes, or empty for a wrong code. */
    public Optional<List<String>> confirm(long userId, String code, String actor) {
        return tx.execute(status -> {
            CustomerSecondFactor state = state(userId);
            if (state.totpSecret() == null || state.confirmedAt() != null) {
                return Optional.empty();
            }
            Optional<Long> step = totp.matchingStep(state.totpSecret(), code);
            if (step.isEmpty() || users.confirmTotp(userId, clock.instant(), step.get()) == 0) {
                return Optional.empty();
            }
            users.deleteRecoveryCodes(userId);
            List<String> recovery = Totp.newRecoveryCodes(hash -> users.insertRecoveryCode(userId, hash));
            audit.insert(clock.instant(), actor, "customer-user.totp-on", "login " + userId, null);
            return Optional.of(recovery);
        });
    }

    /** Checks a code typed at login (a TOTP code, each step once, or an unused recovery code). */
    public Totp.Check verify(long userId, String code) {
        CustomerSecondFactor state = state(userId);
        if (!state.ready()) {
            return Totp.Check.FAILED;
        }
        return totp.verify(
                state.totpSecret(),
                code,
                step -> users.acceptTotpStep(userId, step) == 1,
                hash -> users.useRecoveryCode(userId, hash, clock.instant()) == 1);
    }

    /** Turns the second factor off, given a current code or a recovery code. */
    public void turnOff(long userId, String code, String actor) {
        if (!state(userId).ready()) {
            throw new BillingRuleViolation("the second factor is not on");
        }
        if (verify(userId, code) == Totp.Check.FAILED) {
            throw new BillingRuleViolation(
                    "code: not the code your authenticator shows now, nor an unused recovery code");
        }
        tx.executeWithoutResult(status -> {
            users.updateTotpSecret(userId, null);
            users.deleteRecoveryCodes(userId);
            audit.insert(clock.instant(), actor, "customer-user.totp-off", "login " + userId, null);
        });
    }

    public int unusedRecoveryCodes(long userId) {
        return users.countUnusedRecoveryCodes(userId);
    }

    /** The code an authenticator shows for {@code secret} now (demo and tests). */
    public String currentCode(String secret) {
        return totp.currentCode(secret);
    }
}
