package com.ezscale.billing.staff.db;

import static org.assertj.core.api.Assertions.assertThat;

import com.ezscale.billing.staff.StaffRole;
import com.ezscale.billing.testing.MapperTest;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class StaffMapperTest extends MapperTest {

    static final Instant AT = Instant.parse("2026-11-30T16:00:00Z");

    @Autowired
    StaffMapper staff;

    @Test
    void anAccountItsSecondFactorAndItsRecoveryCodes() {
        staff.insert(new StaffUser(0, "ada", "Ada Admin", StaffRole.ADMIN, "$2a$12$hash", null, null, null, true, AT));
        StaffUser ada = staff.selectByUsername("ada");
        assertThat(ada.role()).isEqualTo(StaffRole.ADMIN);
        assertThat(ada.secondFactorReady()).isFalse();
        assertThat(staff.selectAll()).extracting(StaffUser::username).containsExactly("ada");

        assertThat(staff.acceptTotpStep("ada", 10))
                .as("no confirmed second factor yet")
                .isZero();
        staff.updateTotpSecret("ada", "JBSWY3DPEHPK3PXP");
        assertThat(staff.confirmTotp("ada", AT, 100)).isEqualTo(1);
        assertThat(staff.confirmTotp("ada", AT, 101)).as("confirmed once").isZero();
        assertThat(staff.selectByUsername("ada").secondFactorReady()).isTrue();
        assertThat(staff.acceptTotpStep("ada", 100))
                .as("the step that confirmed it")
                .isZero();
        assertThat(staff.acceptTotpStep("ada", 101)).isEqualTo(1);
        assertThat(staff.acceptTotpStep("ada", 101))
                .as("a step is accepted once")
                .isZero();

        staff.insertRecoveryCode(ada.id(), "a".repeat(64));
        staff.insertRecoveryCode(ada.id(), "b".repeat(64));
        assertThat(staff.useRecoveryCode(ada.id(), "a".repeat(64), AT)).isEqualTo(1);
        assertThat(staff.useRecoveryCode(ada.id(), "a".repeat(64), AT)).isZero();
        assertThat(staff.useRecoveryCode(ada.id(), "c".repeat(64), AT)).isZero();
        assertThat(staff.countUnusedRecoveryCodes(ada.id())).isEqualTo(1);
        staff.deleteRecoveryCodes(ada.id());
        assertThat(staff.countUnusedRecoveryCodes(ada.id())).isZero();

        assertThat(staff.updatePassword("ada", "$2a$12$other")).isEqualTo(1);
        assertThat(staff.updateEnabled("ada", false)).isEqualTo(1);
        assertThat(staff.updateEnabled("nobody", false)).isZero();
        assertThat(staff.selectByUsername("ada").enabled()).isFalse();
        assertThat(staff.selectByUsername("ada").passwordHash()).isEqualTo("$2a$12$other");
    }

    @Test
    void theLoginHistoryNewestFirst() {
        staff.insertLogin("ada", "203.0.113.7", AT, "PASSWORD_OK");
        staff.insertLogin("ada", "203.0.113.7", AT.plusSeconds(5), "TOTP_OK");
        staff.insertLogin("bob", "198.51.100.2", AT.plusSeconds(9), "PASSWORD_FAILED");
        assertThat(staff.selectLogins(null, null, 10))
                .extracting(StaffLogin::outcome)
                .containsExactly("PASSWORD_FAILED", "TOTP_OK", "PASSWORD_OK");
        assertThat(staff.selectLogins("ada", null, 1))
                .singleElement()
                .satisfies(l -> assertThat(l.remoteAddress()).isEqualTo("203.0.113.7"));
    }
}
