package com.ezscale.billing.app.security;

import dev.samstevens.totp.code.DefaultCodeGenerator;
import dev.samstevens.totp.code.HashingAlgorithm;
import dev.samstevens.totp.exceptions.CodeGenerationException;
import dev.samstevens.totp.secret.DefaultSecretGenerator;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.LongPredicate;
import java.util.function.Predicate;
import org.springframework.stereotype.Component;

/**
 * The second factor staff must and customers may use: TOTP (RFC 6238: SHA-1, 6 digits, 30 s steps,
 * one step of drift either way; the caller accepts each step once with a conditional UPDATE) and
 * single-use recovery codes, of which only the SHA-256 is kept.
 */
@Component
public class Totp {

    public static final int STEP_SECONDS = 30;
    public static final int RECOVERY_CODES = 10;

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String RECOVERY_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789";

    /** What a second-factor check found (the login history's outcome). */
    public enum Check {
        TOTP_OK,
        RECOVERY_CODE_OK,
        FAILED
    }

    private final Clock clock;
    private final DefaultCodeGenerator codes = new DefaultCodeGenerator(HashingAlgorithm.SHA1, 6);

    public Totp(Clock clock) {
        this.clock = clock;
    }

    /** A new shared secret (base32, 160 bits), for an authenticator app. */
    public String newSecret() {
        return new DefaultSecretGenerator(32).generate();
    }

    /** The step whose code {@code code} is, within one step of now; empty when it is none. */
    public Optional<Long> matchingStep(String secret, String code) {
        if (secret == null || code == null || !code.strip().matches("\\d{6}")) {
            return Optional.empty();
        }
        long now = clock.instant().getEpochSecond() / STEP_SECONDS;
        for (long step = now + 1; step >= now - 1; step--) {
            if (MessageDigest.isEqual(
                    code(secret, step).getBytes(StandardCharsets.US_ASCII),
                    code.strip().getBytes(StandardCharsets.US_ASCII))) {
                return Optional.of(step);
            }
        }
        return Optional.empty();
    }

    /**
     * Checks a code typed at login against {@code secret}: a TOTP code is accepted when
     * {@code acceptStep} takes its step (the caller's conditional UPDATE: each step once), anything
     * else is a recovery code accepted when {@code useRecoveryHash} uses its hash (once).
     */
    public Check verify(String secret, String code, LongPredicate acceptStep, Predicate<String> useRecoveryHash) {
        if (secret == null || code == null) {
            return Check.FAILED;
        }
        String given = normalised(code);
        if (isTotpCode(given)) {
            Optional<Long> step = matchingStep(secret, given);
            return step.isPresent() && acceptStep.test(step.get()) ? Check.TOTP_OK : Check.FAILED;
        }
        return useRecoveryHash.test(recoveryHash(given)) ? Check.RECOVERY_CODE_OK : Check.FAILED;
    }

    /** Ten new recovery codes, each handed to {@code storeHash} as its SHA-256; the codes are shown once. */
    public static List<String> newRecoveryCodes(Consumer<String> storeHash) {
        List<String> codes = new ArrayList<>();
        for (int i = 0; i < RECOVERY_CODES; i++) {
            String c = recoveryCode();
            codes.add(c);
            storeHash.accept(sha256(c));
        }
        return codes;
    }

    /** The code an authenticator shows for {@code secret} now (demo and tests). */
    public String currentCode(String secret) {
        return code(secret, clock.instant().getEpochSecond() / STEP_SECONDS);
    }

    /** What was typed, as compared: lower case, no spaces (a recovery code's dash is dropped by {@link #recoveryHash}). */
    private static String normalised(String code) {
        return code == null ? "" : code.strip().toLowerCase(Locale.ROOT).replace(" ", "");
    }

    /** Whether what was typed is a TOTP code rather than a recovery code. */
    private static boolean isTotpCode(String normalised) {
        return normalised.matches("\\d{6}");
    }

    /** The stored form of a recovery code as typed (with or without its dash). */
    private static String recoveryHash(String normalised) {
        return sha256(normalised.replace("-", ""));
    }

    /** A new recovery code: ten characters without look-alikes. */
    private static String recoveryCode() {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < 10; i++) {
            s.append(RECOVERY_ALPHABET.charAt(RANDOM.nextInt(RECOVERY_ALPHABET.length())));
        }
        return s.toString();
    }

    /** A recovery code as shown: "abcde-fghjk". */
    public static String shown(String recoveryCode) {
        return recoveryCode.substring(0, 5) + "-" + recoveryCode.substring(5);
    }

    public static String sha256(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private String code(String secret, long step) {
        try {
            return codes.generate(secret, step);
        } catch (CodeGenerationException e) {
            throw new IllegalStateException("cannot compute a TOTP code: " + e.getMessage(), e);
        }
    }
}
