package com.ezscale.billing.account.db;

import static org.assertj.core.api.Assertions.assertThat;

import com.ezscale.billing.testing.MapperTest;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class ApiTokenMapperTest extends MapperTest {

    static final Instant AT = Instant.parse("2026-11-30T16:00:00Z");

    @Autowired
    ApiTokenMapper tokens;

    @Test
    void tokensFoundByHashRevokedByTheirOwnerOnlyAndTouchedOnceAMinute() {
        tokens.insert(new ApiToken(0, 1L, null, "ci", "a".repeat(64), "read,billing", "ada", AT, null, null, null));
        tokens.insert(new ApiToken(0, 2L, null, "erp", "b".repeat(64), "read", "bruno", AT, null, null, null));
        tokens.insert(new ApiToken(0, null, "fiona", "sheets", "c".repeat(64), "staff", "adam", AT, null, null, null));
        ApiToken ada = tokens.selectByHash("a".repeat(64));
        assertThat(ada.customerId()).isEqualTo(1L);
        assertThat(ada.scopeSet()).containsExactlyInAnyOrder("read", "billing");
        assertThat(ada.liveAt(AT)).isTrue();
        assertThat(tokens.selectByHash("d".repeat(64))).isNull();
        assertThat(tokens.selectByCustomer(1)).extracting(ApiToken::name).containsExactly("ci");
        assertThat(tokens.selectByStaff("fiona")).extracting(ApiToken::name).containsExactly("sheets");

        assertThat(tokens.revoke(ada.id(), 2L, null, AT))
                .as("not Bruno's to revoke")
                .isZero();
        assertThat(tokens.revoke(ada.id(), 1L, null, AT)).isEqualTo(1);
        assertThat(tokens.revoke(ada.id(), 1L, null, AT)).as("once").isZero();
        assertThat(tokens.selectByHash("a".repeat(64)).liveAt(AT)).isFalse();
        long staff = tokens.selectByHash("c".repeat(64)).id();
        assertThat(tokens.revoke(staff, null, "adam", AT)).as("not adam's").isZero();
        assertThat(tokens.revoke(staff, null, "fiona", AT)).isEqualTo(1);

        long bruno = tokens.selectByHash("b".repeat(64)).id();
        assertThat(tokens.touch(bruno, AT)).isEqualTo(1);
        assertThat(tokens.touch(bruno, AT.plusSeconds(30)))
                .as("within the minute")
                .isZero();
        assertThat(tokens.touch(bruno, AT.plusSeconds(61))).isEqualTo(1);
        assertThat(tokens.selectByHash("b".repeat(64)).lastUsedAt()).isEqualTo(AT.plusSeconds(61));
    }
}
