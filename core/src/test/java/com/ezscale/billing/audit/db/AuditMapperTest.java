package com.ezscale.billing.audit.db;

import static org.assertj.core.api.Assertions.assertThat;

import com.ezscale.billing.testing.MapperTest;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class AuditMapperTest extends MapperTest {

    @Autowired
    AuditMapper audit;

    @Test
    void anActionIsRecordedWithWhoWhenAndWhatToTheMicrosecond() {
        Instant at = Instant.parse("2026-11-20T10:15:30.123456Z");
        audit.insert(at, "finance@ezscale", "payment.record", "invoice INV-2026-000007", "BANK-001 60.00 USD");
        assertThat(jdbc.queryForMap("SELECT at, actor, action, target, detail FROM audit_log"))
                .containsEntry("actor", "finance@ezscale")
                .containsEntry("action", "payment.record")
                .containsEntry("target", "invoice INV-2026-000007")
                .containsEntry("detail", "BANK-001 60.00 USD");
        assertThat(sql(String.class, "SELECT DATE_FORMAT(at, '%Y-%m-%d %H:%i:%s.%f') FROM audit_log"))
                .isEqualTo("2026-11-20 10:15:30.123456");
    }
}
