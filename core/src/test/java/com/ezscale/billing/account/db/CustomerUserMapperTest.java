package com.ezscale.billing.account.db;

import static org.assertj.core.api.Assertions.assertThat;

import com.ezscale.billing.account.CustomerRole;
import com.ezscale.billing.testing.MapperTest;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class CustomerUserMapperTest extends MapperTest {

    static final Instant AT = Instant.parse("2026-11-30T16:00:00Z");

    @Autowired
    CustomerUserMapper users;

    @Test
    void aLoginPerAddressAndItsLinks() {
        assertThat(users.insert(new CustomerUser(0, 1, "ada@example.com", "Ada", CustomerRole.OWNER, null, true, AT)))
                .isEqualTo(1);
        assertThat(users.insert(
                        new CustomerUser(0, 2, "ada@example.com", "Other", CustomerRole.BILLING, null, true, AT)))
                .as("one login per address, across customers")
                .isZero();
        users.insert(new CustomerUser(0, 1, "ops@example.com", "Ops", CustomerRole.TECHNICAL, null, true, AT));
        CustomerUser ada = users.selectByEmail("ada@example.com");
        assertThat(ada.customerId()).isEqualTo(1);
        assertThat(ada.role()).isEqualTo(CustomerRole.OWNER);
        assertThat(ada.passwordHash()).isNull();
        assertThat(users.selectById(ada.id()).email()).isEqualTo("ada@example.com");
        assertThat(users.selectByCustomer(1))
                .extracting(CustomerUser::email)
                .containsExactly("ada@example.com", "ops@example.com");
        assertThat(users.selectByCustomer(2)).isEmpty();

        users.insertToken("a".repeat(64), ada.id(), AT, AT.plusSeconds(3600));
        assertThat(users.selectTokenUser("a".repeat(64), AT.plusSeconds(10))).isEqualTo(ada.id());
        assertThat(users.selectTokenUser("a".repeat(64), AT.plusSeconds(3600)))
                .as("expired")
                .isNull();
        assertThat(users.useToken("a".repeat(64), AT.plusSeconds(10))).isEqualTo(1);
        assertThat(users.useToken("a".repeat(64), AT.plusSeconds(11)))
                .as("used once")
                .isZero();
        assertThat(users.selectTokenUser("a".repeat(64), AT.plusSeconds(12))).isNull();

        users.insertToken("b".repeat(64), ada.id(), AT, AT.plusSeconds(3600));
        users.insertToken("c".repeat(64), ada.id(), AT, AT.plusSeconds(3600));
        assertThat(users.expireTokens(ada.id(), AT.plusSeconds(20))).isEqualTo(2);
        assertThat(users.useToken("c".repeat(64), AT.plusSeconds(21))).isZero();

        assertThat(users.updatePassword(ada.id(), "$2a$12$hash")).isEqualTo(1);
        assertThat(users.updateEnabled(ada.id(), false)).isEqualTo(1);
        assertThat(users.selectByEmail("ada@example.com"))
                .extracting(CustomerUser::passwordHash, CustomerUser::enabled)
                .containsExactly("$2a$12$hash", false);
    }

    @Test
    void theLoginHistoryOfOneCustomerNewestFirst() {
        users.insert(new CustomerUser(0, 1, "ada@example.com", "Ada", CustomerRole.OWNER, null, true, AT));
        users.insert(new CustomerUser(0, 2, "bruno@example.de", "Bruno", CustomerRole.OWNER, null, true, AT));
        users.insertLogin("ada@example.com", "203.0.113.7", AT, "PASSWORD_FAILED");
        users.insertLogin("ada@example.com", "203.0.113.7", AT.plusSeconds(5), "PASSWORD_OK");
        users.insertLogin("bruno@example.de", "198.51.100.1", AT.plusSeconds(6), "PASSWORD_OK");
        users.insertLogin("nobody@example.com", "198.51.100.1", AT.plusSeconds(7), "PASSWORD_FAILED");
        assertThat(users.selectLogins(1, 10))
                .extracting(CustomerLogin::outcome, CustomerLogin::remoteAddress)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("PASSWORD_OK", "203.0.113.7"),
                        org.assertj.core.groups.Tuple.tuple("PASSWORD_FAILED", "203.0.113.7"));
        assertThat(users.selectLogins(1, 1)).hasSize(1);
    }

    @Test
    void aSecondFactorIsSetUpConfirmedOnceEachStepAcceptedOnceAndItsRecoveryCodesUsedOnce() {
        users.insert(new CustomerUser(0, 1, "ada@example.com", "Ada", CustomerRole.OWNER, null, true, AT));
        long ada = users.selectByEmail("ada@example.com").id();
        assertThat(users.selectSecondFactor(ada)).isEqualTo(new CustomerSecondFactor(ada, null, null, null));
        assertThat(users.confirmTotp(ada, AT, 100)).as("no secret to confirm").isZero();

        assertThat(users.updateTotpSecret(ada, "JBSWY3DPEHPK3PXP")).isEqualTo(1);
        assertThat(users.acceptTotpStep(ada, 100)).as("not confirmed yet").isZero();
        assertThat(users.confirmTotp(ada, AT, 100)).isEqualTo(1);
        assertThat(users.confirmTotp(ada, AT, 101)).as("once").isZero();
        assertThat(users.selectSecondFactor(ada))
                .isEqualTo(new CustomerSecondFactor(ada, "JBSWY3DPEHPK3PXP", AT, 100L))
                .matches(CustomerSecondFactor::ready);
        assertThat(users.acceptTotpStep(ada, 100))
                .as("the confirming step's code again")
                .isZero();
        assertThat(users.acceptTotpStep(ada, 101)).isEqualTo(1);
        assertThat(users.acceptTotpStep(ada, 101)).as("a replayed code").isZero();

        assertThat(users.insertRecoveryCode(ada, "a".repeat(64))).isEqualTo(1);
        assertThat(users.insertRecoveryCode(ada, "b".repeat(64))).isEqualTo(1);
        assertThat(users.countUnusedRecoveryCodes(ada)).isEqualTo(2);
        assertThat(users.useRecoveryCode(ada, "a".repeat(64), AT)).isEqualTo(1);
        assertThat(users.useRecoveryCode(ada, "a".repeat(64), AT)).as("once").isZero();
        assertThat(users.useRecoveryCode(ada, "c".repeat(64), AT)).isZero();
        assertThat(users.countUnusedRecoveryCodes(ada)).isEqualTo(1);

        // turned off
        assertThat(users.updateTotpSecret(ada, null)).isEqualTo(1);
        assertThat(users.deleteRecoveryCodes(ada)).isEqualTo(2);
        assertThat(users.selectSecondFactor(ada).ready()).isFalse();
        assertThat(users.countUnusedRecoveryCodes(ada)).isZero();
    }
}
